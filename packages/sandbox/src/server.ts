/** One HTTP server on 127.0.0.1 serving every provider under its own base path. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProviderContext, ProviderHandler } from './context';
import { BodyTooLarge, readBody, writeAnswer, type SandboxAnswer } from './http';
import { finpay } from './providers/finpay';
import { formflow } from './providers/formflow';
import { oneSpan } from './providers/onespan';
import { transactionLink } from './providers/transactionlink';
import { sandboxOnlyRoutes } from './sandbox-only';
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
    const { pathname } = new URL(request.url ?? '/', 'http://sandbox');
    const [, provider = '', ...rest] = pathname.split('/');
    const path = `/${rest.join('/')}`;
    const answer = async (): Promise<SandboxAnswer> => {
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
    answer().then(
      (result) => writeAnswer(response, result),
      (error: unknown) =>
        writeAnswer(
          response,
          error instanceof BodyTooLarge
            ? { status: 413, headers: { connection: 'close' }, body: { message: `Request bodies are limited to ${settings.maxBodyBytes} bytes` } }
            : { status: 500, body: { message: 'Sandbox error' } },
        ),
    );
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
