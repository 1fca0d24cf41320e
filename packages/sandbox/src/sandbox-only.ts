/**
 * Routes only the sandbox serves, under a provider's `/sandbox/`: they are part of
 * no provider's API. `POST /sandbox/echo` stands in for a provider's protected
 * calls (Formflow's submissions, TransactionLink's cases…), so that code which
 * sends the tokens the sandbox issued (an openapi-fetch auth middleware, say) can
 * be tested: it checks the bearer token and echoes the JSON body back.
 */
import { randomUUID } from 'node:crypto';
import { jsonBody, type ProviderContext } from './context';
import { credentialsOf, type SandboxAnswer, type SandboxRequest } from './http';
import { honoursBearer } from './providers/transactionlink';
import type { ProviderName } from './validation';

export const ECHO_PATH = '/sandbox/echo';

export type SandboxOnlyRoute = (request: SandboxRequest) => SandboxAnswer;

/** Per provider, path → route (every path starts with `/`, so no key of Object.prototype matches). */
export function sandboxOnlyRoutes(context: ProviderContext): Partial<Record<ProviderName, Record<string, SandboxOnlyRoute>>> {
  const { issued } = context;
  return {
    formflow: {
      [ECHO_PATH]: echo((token) => issued.honours('formflow', token), (message) => ({ statusCode: 401, message, error: 'Unauthorized' })),
    },
    transactionlink: {
      [ECHO_PATH]: echo(
        (token) => honoursBearer(context, token),
        (message) => ({ fingerprint: randomUUID(), errors: [{ code: 'UNAUTHORIZED', message }] }),
      ),
    },
  };
}

/** POST only; 401 (in the provider's error shape) unless `honoured` accepts the bearer token; else 200 `{ received }`. */
function echo(honoured: (token: string) => boolean, refusal: (message: string) => unknown): SandboxOnlyRoute {
  return (request) => {
    if (request.method !== 'POST') return { status: 405, headers: { allow: 'POST' }, body: { message: `${request.method} is not allowed on ${ECHO_PATH}` } };
    const token = credentialsOf(request, 'Bearer');
    if (!token || !honoured(token)) {
      return { status: 401, headers: { 'www-authenticate': 'Bearer error="invalid_token"' }, body: refusal('Missing, expired or revoked bearer token') };
    }
    const parsed = jsonBody(request);
    return { status: 200, body: { received: parsed.ok ? parsed.body : null } };
  };
}
