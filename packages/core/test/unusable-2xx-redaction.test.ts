/**
 * Issue 12, point 3, for raw `client.api` calls: a 2xx answer that could not be used
 * (JSON that does not parse, text where JSON was asked, another version) may be a token
 * answer, so its body keeps only its shape (core's redactTokenAnswer rule), and no
 * error code is read from it (it is no error body).
 */
import { leaksOf, SAMPLE_TOKENS } from '@tokens/testkit';
import { describe, expect, it } from 'vitest';
import { ApiError, createApiClient, VersionNotSupportedError } from '../src/index';
import { serve, type LooseClient, type Paths } from './support/runtime-harness';

const TOKENS = Object.values(SAMPLE_TOKENS);
const { jwt, hex, base64url } = SAMPLE_TOKENS;

const ANSWERS = [
  ['truncated JSON', 'application/json', `{"access_token":"${jwt}","id":"${hex}","refresh":"${base64url}`, 'JSON text that does not parse'],
  ['an HTML page', 'text/html', `<html><body><p>${jwt}</p><p>${hex}</p><p>${base64url}</p></body></html>`, 'HTML or XML text'],
  ['text/plain', 'text/plain', `token=${jwt}&id=${hex}&refresh=${base64url}`, 'text'],
] as const;

const client = (baseUrl: string) => createApiClient<Paths>({ provider: 'example', baseUrl, maxRetries: 0 }) as unknown as LooseClient;

describe('an unusable 2xx answer to a raw client.api call', () => {
  it.each(ANSWERS)('%s holding a JWT, a long hex and a base64url token: none of them anywhere in the error', async (_, contentType, text, kind) => {
    const server = await serve(() => ({ status: 200, headers: { 'content-type': contentType }, body: text }));
    const { error } = await client(server.url).POST('/tokens', { body: { grant: 'client_credentials' } });
    expect(error).toBeInstanceOf(ApiError);
    expect(error!.status).toBe(200);
    expect(error!.body).toBe(`[REDACTED] ${kind}, ${text.length} characters`);
    expect(error!.code).toBeUndefined();
    expect(leaksOf(TOKENS, error)).toStrictEqual([]);
  });

  it('JSON in another version keeps its shape, and its "code" field is not taken for an error code', async () => {
    const body = { code: hex, token: jwt, nested: { [base64url]: 1, expires_in: 60 } };
    const server = await serve(() => ({ status: 200, headers: { 'content-type': 'application/json;version=3' }, body: JSON.stringify(body) }));
    const { error } = await client(server.url).POST('/tokens', { body: {}, version: 2 });
    expect(error).toBeInstanceOf(VersionNotSupportedError);
    expect(error!.code).toBeUndefined();
    expect(error!.body).toStrictEqual({ code: '[REDACTED]', token: '[REDACTED]', nested: { '[REDACTED] key 1': 1, expires_in: 60 } });
    expect(leaksOf(TOKENS, error)).toStrictEqual([]);
  });

  it('an error answer (4xx) keeps its readable body and its code, as before', async () => {
    const server = await serve(() => ({ status: 400, body: { code: 'E_BAD', message: 'bad grant' } }));
    const { error } = await client(server.url).POST('/tokens', { body: {} });
    expect({ status: error!.status, code: error!.code, body: error!.body }).toStrictEqual({ status: 400, code: 'E_BAD', body: { code: 'E_BAD', message: 'bad grant' } });
  });
});
