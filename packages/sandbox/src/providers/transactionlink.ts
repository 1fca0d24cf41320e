/**
 * TransactionLink: POST /token in v1 and v2 (chosen by Accept, else by
 * Content-Type), behind an organization token or an access token from the
 * deprecated key/secret login (/auth/authorize, /auth/refresh).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { parseMediaType } from '@tokens/core';
import { fixtures, jsonBody, type ProviderContext, type ProviderHandler } from '../context';
import { credentialsOf, type SandboxAnswer, type SandboxRequest } from '../http';
import { signJwt } from '../jwt';
import { validateRequest, type Operation } from '../validation';

const MEDIA_TYPES: Record<number, string> = { 1: 'application/json', 2: 'application/json;version=2' };

export function transactionLink(context: ProviderContext): ProviderHandler {
  const refreshTokens = new Set<string>();
  const { credentials, settings } = context;

  function issueLogin(): SandboxAnswer {
    const accessToken = `tla_${randomBytes(24).toString('hex')}`;
    const refreshToken = `tlr_${randomBytes(24).toString('hex')}`;
    context.issued.add('transactionlink', accessToken, context.now() + settings.transactionlinkAccessTokenSeconds * 1000);
    refreshTokens.add(refreshToken);
    return { status: 200, body: { accessToken, refreshToken, expiryDuration: settings.transactionlinkAccessTokenSeconds, tokenType: 'Bearer' } };
  }

  function authorized(request: SandboxRequest): boolean {
    const token = credentialsOf(request, 'Bearer');
    return token !== undefined && honoursBearer(context, token);
  }

  /** Validates a JSON body against the media type's schema; the answer to send when it is not acceptable. */
  function readBody(request: SandboxRequest, operation: Operation, mediaType: string): { body: Record<string, string> } | { refusal: SandboxAnswer } {
    const parsed = jsonBody(request);
    if (!parsed.ok) {
      return parsed.reason === 'not-json'
        ? { refusal: error(415, 'UNSUPPORTED_MEDIA_TYPE', 'Content-Type must be application/json') }
        : { refusal: error(400, 'MALFORMED_JSON', 'The body is not valid JSON') };
    }
    const problems = validateRequest(operation, mediaType, parsed.body);
    if (problems.length > 0) return { refusal: { status: 400, body: errorResponse(problems.map((p) => ({ code: 'VALIDATION_ERROR', message: `${p.field} ${p.message}` }))) } };
    return { body: parsed.body as Record<string, string> };
  }

  return (request, operation) => {
    if (operation.path === '/auth/authorize') {
      const read = readBody(request, operation, 'application/json');
      if ('refusal' in read) return read.refusal;
      const { key, secret } = credentials.transactionlinkLogin.auth;
      return read.body['key'] === key && read.body['secret'] === secret ? issueLogin() : error(401, 'INVALID_CREDENTIALS', 'Invalid key or secret');
    }
    if (operation.path === '/auth/refresh') {
      const read = readBody(request, operation, 'application/json');
      if ('refusal' in read) return read.refusal;
      // Refresh tokens are single-use: the answer carries a new pair.
      if (!refreshTokens.delete(read.body['refreshToken']!)) return error(401, 'INVALID_REFRESH_TOKEN', 'Unknown or used refresh token');
      return issueLogin();
    }

    // POST /token
    if (!authorized(request)) return error(401, 'UNAUTHORIZED', 'Missing or invalid bearer token');
    const version = requestedVersion(request);
    if (version === undefined || !MEDIA_TYPES[version]) {
      return error(406, 'VERSION_NOT_SUPPORTED', `Version ${version ?? '?'} of POST /token is not served; use 1 or 2`);
    }
    const contentTypeVersion = parseMediaType(String(request.headers['content-type'] ?? ''))?.parameters['version'];
    if (contentTypeVersion !== undefined && Number(contentTypeVersion) !== version) {
      return error(415, 'UNSUPPORTED_MEDIA_TYPE', `Content-Type version ${contentTypeVersion} does not match the requested version ${version}`);
    }
    const read = readBody(request, operation, MEDIA_TYPES[version]!);
    if ('refusal' in read) return read.refusal;
    const subjectId = version === 1 ? read.body['caseId'] : read.body['recordId'];
    if (subjectId === fixtures.transactionlinkMissingId) {
      return error(404, version === 1 ? 'CASE_NOT_FOUND' : 'RECORD_NOT_FOUND', `${version === 1 ? 'Case' : 'Record'} not found`);
    }
    const iat = Math.floor(context.now() / 1000);
    const token = signJwt(
      {
        customerId: randomUUID(),
        partyId: read.body['workflowDefinitionId'],
        workspaceId: '1f9d28bb-7494-4531-b50e-fc5a9a11b483',
        ...(subjectId ? { [version === 1 ? 'caseId' : 'recordId']: subjectId } : {}),
        iat,
        exp: iat + 3600,
      },
      'RS512',
      context.keys,
    );
    const answer = { token, expiryDuration: 3600, tokenType: 'Bearer' };
    return { status: 201, headers: { 'content-type': MEDIA_TYPES[version]! }, body: version === 2 ? { id: randomUUID(), ...answer } : answer };
  };
}

/** The organization token (fixed: it never expires here), or an access token from the login still honoured. */
export function honoursBearer({ credentials, issued }: ProviderContext, token: string): boolean {
  return token === credentials.transactionlink.auth.token || issued.honours('transactionlink', token);
}

/** The version asked for: Accept's `version` parameter, else Content-Type's, else 1 (the default). */
function requestedVersion(request: SandboxRequest): number | undefined {
  const accepted = String(request.headers['accept'] ?? '')
    .split(',')
    .map((item) => parseMediaType(item))
    .find((type) => type && (type.subtype === 'json' || type.type === '*'));
  const version = accepted?.parameters['version'] ?? parseMediaType(String(request.headers['content-type'] ?? ''))?.parameters['version'] ?? '1';
  return /^\d+$/.test(version) ? Number(version) : undefined;
}

function errorResponse(errors: { code: string; message: string }[]) {
  return { fingerprint: randomUUID(), errors };
}

function error(status: number, code: string, message: string): SandboxAnswer {
  return { status, body: errorResponse([{ code, message }]) };
}
