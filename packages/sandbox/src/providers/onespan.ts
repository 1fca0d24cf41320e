/**
 * OneSpan: POST /api/transaction/{transaction_id}/token behind the tenant JWT
 * (HS384, scope tenant_access), answering an HS384 session creation token.
 */
import { randomUUID } from 'node:crypto';
import { fixtures, jsonBody, type ProviderContext, type ProviderHandler } from '../context';
import { credentialsOf, type SandboxAnswer } from '../http';
import { signJwt, verifyHs384 } from '../jwt';
import { validateRequest } from '../validation';

export function oneSpan(context: ProviderContext): ProviderHandler {
  return (request, operation) => {
    const bearer = credentialsOf(request, 'Bearer');
    // The configured tenant token is accepted as given (it may be one the sandbox did not sign).
    const claims =
      bearer === context.credentials.onespan.accessToken ? { scope: 'tenant_access' } : bearer ? verifyHs384(bearer, context.keys, context.now()) : undefined;
    if (!claims) return error(401, 'Invalid token.');
    if (claims['scope'] !== 'tenant_access') return error(403, 'The token does not grant transaction creation rights.');
    const parsed = jsonBody(request);
    if (!parsed.ok) return error(400, parsed.reason === 'malformed' ? 'The body is not valid JSON.' : 'Content-Type must be application/json.');
    const problems = validateRequest(operation, 'application/json', parsed.body);
    if (problems.length > 0) return error(400, 'The transaction data is invalid.', problems);
    const transactionId = operation.pathParams['transaction_id']!;
    if (transactionId === fixtures.onespanInvalidTransactionId) return error(400, 'The transaction is no longer valid.');
    const { role } = parsed.body as { role: string };
    const token = signJwt(
      {
        session: { role },
        scope: ['session_creation_authorization_code'],
        transaction_uuid: transactionId,
        exp: Math.floor(context.now() / 1000) + context.settings.onespanSessionTokenSeconds,
        jti: randomUUID(),
        client_id: 'dealflo',
      },
      'HS384',
      context.keys,
    );
    return { status: 200, headers: { vary: 'Accept' }, body: { token, role } };
  };
}

/** OneSpan does not document its error bodies: the sandbox answers `{ message, errors? }`. */
function error(status: number, message: string, errors?: { field: string; message: string }[]): SandboxAnswer {
  return { status, body: errors ? { message, errors } : { message } };
}
