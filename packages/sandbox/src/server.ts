/** One HTTP server on 127.0.0.1 serving every provider under its own base path. */
import { STATUS_CODES, createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { AddressInfo } from 'node:net';
import type { ProviderContext, ProviderHandler } from './context';
import { BodyTooLarge, readBody, writeAnswer, type SandboxAnswer } from './http';
import { finpay } from './providers/finpay';
import { formflow } from './providers/formflow';
import { oneSpan } from './providers/onespan';
import { transactionLink } from './providers/transactionlink';
import { sandboxOnlyRoutes } from './sandbox-only';
import { pathOfTarget } from './request-target';
import { allowedMethods, findOperation, type ProviderName } from './validation';

export const PROVIDERS = ['transactionlink', 'onespan', 'formflow', 'finpay'] as const satisfies readonly ProviderName[];

export interface ServerSettings {
  readonly host: string;
  readonly port: number;
  /** Larger request bodies are refused with 413. */
  readonly maxBodyBytes: number;
}

export async function listen(context: ProviderContext, settings: ServerSettings): Promise<{ server: Server; url: string }> {
  const handlers: Record<ProviderName, ProviderHandler> = {
    transactionlink: transactionLink(context),
    onespan: oneSpan(context),
    formflow: formflow(context),
    finpay: finpay(context),
  };
  const sandboxOnly = sandboxOnlyRoutes(context);
  const server = createServer((request, response) => {
    // A client that goes away mid-request must not become an unhandled 'error' event.
    request.on('error', () => {});
    const pathname = pathOfTarget(request.url);
    const answer = async (): Promise<SandboxAnswer> => {
      if (pathname === undefined) return { status: 400, headers: { connection: 'close' }, body: { message: 'The request-target cannot be parsed' } };
      const [, provider = '', ...rest] = pathname.split('/');
      const path = `/${rest.join('/')}`;
      if (!(PROVIDERS as readonly string[]).includes(provider)) return notFound(`No provider at /${provider}`);
      const sandboxRoute = sandboxOnly[provider as ProviderName]?.[path];
      if (sandboxRoute) return sandboxRoute({ method: request.method ?? 'GET', path, headers: request.headers, text: await readBody(request, settings.maxBodyBytes) });
      const operation = findOperation(provider as ProviderName, request.method ?? 'GET', path);
      if (operation === 'no-path') return notFound(`No ${provider} operation at ${path}`);
      if (operation === 'no-method') {
        return { status: 405, headers: { allow: allowedMethods(provider as ProviderName, path).join(', ') }, body: { message: `${request.method} is not allowed on ${path}` } };
      }
      const text = await readBody(request, settings.maxBodyBytes);
      return handlers[provider as ProviderName]({ method: request.method ?? 'GET', path, headers: request.headers, text }, operation);
    };
    answer()
      .catch((error: unknown): SandboxAnswer =>
        error instanceof BodyTooLarge
          ? { status: 413, headers: { connection: 'close' }, body: { message: `Request bodies are limited to ${settings.maxBodyBytes} bytes` } }
          : SANDBOX_ERROR,
      )
      .then((result) => writeSafely(response, result));
  });
  // Node closes CONNECT connections without a word when nothing listens: answer them like any request it cannot serve.
  server.on('connect', (_request: IncomingMessage, socket: Duplex) => {
    socket.on('error', () => socket.destroy());
    socket.end(rawAnswer(400, 'CONNECT is not served: the sandbox is not a proxy'));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, settings.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const host = settings.host.includes(':') ? `[${settings.host}]` : settings.host;
  return { server, url: `http://${host}:${port}` };
}

function notFound(message: string): SandboxAnswer {
  return { status: 404, body: { message } };
}

const SANDBOX_ERROR: SandboxAnswer = { status: 500, body: { message: 'Sandbox error' } };

/** Writes the answer; should that throw (a header value Node refuses), a 500 instead, or the connection is dropped. */
function writeSafely(response: ServerResponse, answer: SandboxAnswer): void {
  try {
    writeAnswer(response, answer);
  } catch {
    try {
      if (!response.headersSent) writeAnswer(response, SANDBOX_ERROR);
      else response.destroy();
    } catch {
      response.destroy();
    }
  }
}

/** A whole HTTP/1.1 answer as bytes, for a socket Node's HTTP server has let go of. */
function rawAnswer(status: number, message: string): string {
  const body = JSON.stringify({ message });
  return `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
}
