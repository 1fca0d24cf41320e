/**
 * Formflow: POST /api/token exchanges client credentials for a one-hour token,
 * at most 60 requests a minute per client (then 429 with Retry-After).
 */
import { randomUUID } from 'node:crypto';
import { jsonBody, type ProviderContext, type ProviderHandler } from '../context';
import type { SandboxAnswer } from '../http';
import { signJwt } from '../jwt';
import { validateRequest } from '../validation';

const WINDOW_MS = 60_000;

export function formflow(context: ProviderContext): ProviderHandler {
  const recent = new Map<string, number[]>(); // clientId → times of its requests within the window
  const { credentials, settings } = context;

  /** Counts the request; the seconds to wait when the client is over its limit. */
  function throttle(clientId: string): number | undefined {
    const now = context.now();
    const times = (recent.get(clientId) ?? []).filter((time) => time > now - WINDOW_MS);
    recent.set(clientId, times);
    if (times.length >= settings.formflowRequestsPerMinute) return Math.max(1, Math.ceil((times[0]! + WINDOW_MS - now) / 1000));
    times.push(now);
    return undefined;
  }

  return (request, operation) => {
    const parsed = jsonBody(request);
    if (!parsed.ok) return error(400, parsed.reason === 'malformed' ? 'Unexpected token in JSON' : 'Content-Type must be application/json', 'Bad Request');
    const problems = validateRequest(operation, 'application/json', parsed.body);
    if (problems.length > 0) return error(400, problems.map((p) => `${p.field} ${p.message}`), 'Bad Request');
    const body = parsed.body as { clientId: string; clientSecret: string; organizationId: string };
    const wait = throttle(body.clientId);
    if (wait !== undefined) return { ...error(429, 'ThrottlerException: Too Many Requests'), headers: { 'retry-after': String(wait) } };
    const { clientId, clientSecret, organizationId } = credentials.formflow;
    if (body.clientId !== clientId || body.clientSecret !== clientSecret || body.organizationId !== organizationId) {
      return error(401, 'Invalid credentials', 'Unauthorized');
    }
    const iat = Math.floor(context.now() / 1000);
    const token = signJwt({ sub: clientId, org: organizationId, jti: randomUUID(), iat, exp: iat + 3600 }, 'HS384', context.keys);
    context.issued.add('formflow', token, (iat + 3600) * 1000);
    return { status: 200, body: { token, token_type: 'Bearer', expires_in: 3600 } };
  };
}

/** Formflow does not document its error bodies; its operation ids suggest NestJS, whose shape the sandbox uses. */
function error(statusCode: number, message: string | string[], error?: string): SandboxAnswer {
  return { status: statusCode, body: error ? { statusCode, message, error } : { statusCode, message } };
}
