/**
 * The contract: no error's message, stack, enumerable fields, JSON.stringify or
 * util.inspect output holds a secret (client secrets, passwords, signing keys,
 * bearer or issued tokens), and neither does a log event. Every error class is
 * built from a real call carrying secrets, against local servers that echo them.
 */
import { startTestServer, type RecordedRequest, type TestServer } from '@tokens/testkit';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiError,
  ConnectionError,
  createApiClient,
  TimeoutError,
  TokensError,
  ValidationError,
  VersionNotSupportedError,
  type ApiClientOptions,
  type LogEvent,
} from '../src/index';

// ---------------------------------------------------------------- the secrets

const BEARER = 'tot_SECRET_bearer_123456';
const BASIC_USER = 'merchant';
const BASIC_PASSWORD = 'SECRET_password_987';
const BASIC_PAIR = `${BASIC_USER}:${BASIC_PASSWORD}`;
const BASIC_B64 = Buffer.from(BASIC_PAIR).toString('base64');
const HEADER_API_KEY = 'ak_SECRET_header_key_555';
const QUERY_TOKEN = 'qt_SECRET_query_token_31337';
const CLIENT_SECRET = 'cs_SECRET_client_secret_abc';
const BODY_PASSWORD = 'pw_SECRET_body_password_xyz';
const SIGNATURE = 'sig_SECRET_signature_f00d';
const SIGNING_KEY = 'sk_SECRET_signing_key_beef';
const NESTED_KEY = 'nk_SECRET_nested_api_key_4242';
const NESTED_PASSWORD = 'np_SECRET_nested_password_66';
const ISSUED = 'iss_SECRET_issued_token_777';

/** Every secret any call below carries or is answered with; none may show up in an error or log event. */
const SECRETS = [
  BEARER,
  BASIC_PASSWORD,
  BASIC_PAIR,
  BASIC_B64,
  HEADER_API_KEY,
  QUERY_TOKEN,
  CLIENT_SECRET,
  BODY_PASSWORD,
  SIGNATURE,
  SIGNING_KEY,
  NESTED_KEY,
  NESTED_PASSWORD,
  ISSUED,
];

interface Credentials {
  merchantId: string;
  clientSecret: string;
  password: string;
  signature: string;
  secretKey: string;
  nested: { config: { apiKey: string; region: string }; users: { name: string; password: string }[] };
}

/** A JSON body with secrets at the top and nested (in an object and in an array), beside plain fields. */
const body: Credentials = {
  merchantId: 'm-42',
  clientSecret: CLIENT_SECRET,
  password: BODY_PASSWORD,
  signature: SIGNATURE,
  secretKey: SIGNING_KEY,
  nested: { config: { apiKey: NESTED_KEY, region: 'eu-1' }, users: [{ name: 'ops', password: NESTED_PASSWORD }] },
};

const query = { access_token: QUERY_TOKEN };

// ---------------------------------------------------------------- the spec

interface Issued {
  token: string;
  expiresIn: number;
}
interface TokenOperation {
  parameters: { query?: { access_token?: string }; header?: never; path?: never; cookie?: never };
  requestBody: { content: { 'application/json;version=1': Credentials; 'application/json;version=2': Credentials } };
  responses: {
    200: { headers: { [name: string]: unknown }; content: { 'application/json;version=1': Issued; 'application/json;version=2': Issued } };
    401: { headers: { [name: string]: unknown }; content: { 'application/json': { message: string } } };
  };
}
interface SecretPaths {
  '/tokens': {
    parameters: { query?: { access_token?: string }; header?: never; path?: never; cookie?: never };
    get?: never;
    put: TokenOperation;
    post: TokenOperation;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}

// ---------------------------------------------------------------- what may not leak

/** Every way an error gets shown: message, stack, JSON, util.inspect, its own enumerable values. */
function renderings(error: Error): Record<string, string> {
  return {
    message: error.message,
    stack: String(error.stack),
    json: JSON.stringify(error),
    inspect: inspect(error, { depth: 10, showHidden: true }),
    values: Object.values(error)
      .map((value) => (typeof value === 'string' ? value : inspect(value, { depth: 10, showHidden: true })))
      .join('\n'),
  };
}

/** `where: secret` for each secret found in a rendering; [] when there is none. */
function leaks(texts: Record<string, string>): string[] {
  const found: string[] = [];
  for (const [where, text] of Object.entries(texts)) {
    for (const secret of SECRETS) if (text.includes(secret)) found.push(`${where}: ${secret}`);
    // Every secret but the base64 one contains SECRET: catches a secret cut in half, too.
    if (text.includes('SECRET')) found.push(`${where}: …SECRET…`);
  }
  return found;
}

function expectNoSecrets(error: Error): void {
  expect(leaks(renderings(error))).toEqual([]);
}

// ---------------------------------------------------------------- the servers

/** What the server saw of the caller's credentials, to echo back. */
function echoOf(request: RecordedRequest) {
  const authorization = String(request.headers['authorization'] ?? '');
  const credentials = authorization.split(' ')[1] ?? '';
  const decoded = authorization.startsWith('Basic ') ? Buffer.from(credentials, 'base64').toString('utf8') : '';
  const sent = JSON.parse(request.body || '{}') as Credentials;
  return { authorization, credentials, decoded, apiKey: String(request.headers['x-api-key'] ?? ''), sent };
}

let unauthorized: TestServer; // 401 JSON echoing every secret, in its message and in secret-named fields
let broken: TestServer; // 500 HTML echoing the bearer (or Basic) credentials
let notAcceptable: TestServer; // 406 echoing a signature
let wrongVersion: TestServer; // 200 in version 1 (to a version 2 call) with an issued token
let hanging: TestServer; // never answers
let flaky: TestServer; // 503 on the first request, 200 after
let queryEcho: TestServer; // 401 echoing the query string's access_token in its message
let closedUrl: string; // nothing listens there

beforeAll(async () => {
  unauthorized = await startTestServer((request) => {
    const echo = echoOf(request);
    return {
      status: 401,
      headers: { 'x-request-id': 'req-401' },
      body: {
        message: `invalid credentials ${echo.authorization} (${echo.credentials} ${echo.decoded}) key ${echo.apiKey} clientSecret=${echo.sent.clientSecret} password=${echo.sent.password}`,
        code: 'invalid_client',
        token: echo.credentials,
        secret: echo.sent.secretKey,
        account: echo.decoded,
        hint: `signature ${echo.sent.signature} does not match key ${echo.sent.nested?.config.apiKey}`,
        received: echo.sent,
        errors: [{ code: 'invalid_client', message: `user password ${echo.sent.nested?.users[0]?.password} rejected` }],
      },
    };
  });
  broken = await startTestServer((request) => {
    const echo = echoOf(request);
    return {
      status: 500,
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: `<html><body><h1>Internal error</h1><p>while checking ${echo.authorization}</p><pre>${echo.credentials}</pre></body></html>`,
    };
  });
  notAcceptable = await startTestServer((request) => {
    const echo = echoOf(request);
    return {
      status: 406,
      body: { message: `cannot serve ${String(request.headers['accept'])} to ${echo.credentials}`, signature: echo.sent.signature, supported: ['application/json;version=1'] },
    };
  });
  wrongVersion = await startTestServer(() => ({
    status: 200,
    headers: { 'content-type': 'application/json;version=1' },
    body: { token: ISSUED, expiresIn: 3600, data: { accessToken: ISSUED, kind: 'widget' } },
  }));
  hanging = await startTestServer(() => new Promise(() => {}));
  flaky = await startTestServer((request) =>
    flaky.requests.length === 1
      ? { status: 503, body: { message: `overloaded, retry ${echoOf(request).credentials}` } }
      : { status: 200, headers: { 'content-type': 'application/json;version=2' }, body: { token: ISSUED, expiresIn: 3600 } },
  );
  queryEcho = await startTestServer((request) => ({
    status: 401,
    body: { message: `access_token ${new URL(request.url, 'http://localhost').searchParams.get('access_token')} is not valid` },
  }));
  const gone = await startTestServer(() => ({ status: 200 }));
  closedUrl = gone.url;
  await gone.close();
});

// close() destroys every open socket (the hanging server's too) before it stops listening.
afterAll(() => Promise.all([unauthorized, broken, notAcceptable, wrongVersion, hanging, flaky, queryEcho].map((server) => server.close())));

// ---------------------------------------------------------------- the calls

interface AuthVariant {
  readonly label: string;
  /** The Authorization header as sent. */
  readonly authorization: string;
  /** What the client echoes in place of the credentials. */
  readonly credentials: string;
  /** Whether the Authorization header is given per call (else on the client). */
  readonly perCall: boolean;
}

const variants: AuthVariant[] = [
  { label: 'Bearer token (client headers)', authorization: `Bearer ${BEARER}`, credentials: BEARER, perCall: false },
  { label: 'Basic credentials (per-call headers)', authorization: `Basic ${BASIC_B64}`, credentials: BASIC_B64, perCall: true },
];

function clientFor(variant: AuthVariant, baseUrl: string, extra: Partial<ApiClientOptions> = {}) {
  const headers: Record<string, string> = { 'X-Api-Key': HEADER_API_KEY };
  if (!variant.perCall) headers['Authorization'] = variant.authorization;
  return createApiClient<SecretPaths>({ provider: 'acme', baseUrl, headers, maxRetries: 0, ...extra });
}

function callHeaders(variant: AuthVariant): Record<string, string> {
  return variant.perCall ? { Authorization: variant.authorization } : {};
}

/** The result of a call the runtime answers with `{ error }`. */
async function apiErrorFrom(variant: AuthVariant, server: TestServer): Promise<ApiError> {
  const { data, error } = await clientFor(variant, server.url).POST('/tokens', {
    version: 2,
    params: { query },
    body,
    headers: callHeaders(variant),
  });
  expect(data).toBeUndefined();
  // The server really got the secrets, so there was something to leak.
  const sent = server.requests.at(-1)!;
  expect(sent.headers['authorization']).toBe(variant.authorization);
  expect(sent.headers['x-api-key']).toBe(HEADER_API_KEY);
  expect(sent.url).toBe(`/tokens?access_token=${QUERY_TOKEN}`);
  expect(JSON.parse(sent.body)).toEqual(body);
  expect(error).toBeInstanceOf(ApiError);
  return error!;
}

/** The error a call rejects with. */
async function rejectionFrom(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  expect(outcome).toHaveProperty('error');
  const { error } = outcome as { error: unknown };
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

describe.each(variants)('with a $label', (variant) => {
  describe('ApiError from a 401 JSON answer echoing every secret', () => {
    let error: ApiError;
    beforeAll(async () => {
      error = await apiErrorFrom(variant, unauthorized);
    });

    it('is a plain ApiError of the provider, with status, code and request id', () => {
      expect(error).toBeInstanceOf(TokensError);
      expect(error).not.toBeInstanceOf(VersionNotSupportedError);
      expect(error.name).toBe('ApiError');
      expect(error.provider).toBe('acme');
      expect(error.status).toBe(401);
      expect(error.code).toBe('invalid_client');
      expect(error.requestId).toBe('req-401');
    });

    it('keeps the provider message with the echoed secrets cut out', () => {
      const decoded = variant.perCall ? '[REDACTED]' : ''; // only Basic credentials decode to something
      expect(error.message).toBe(
        `acme: HTTP 401 invalid_client: invalid credentials [REDACTED] ([REDACTED] ${decoded}) key [REDACTED] clientSecret=[REDACTED] password=[REDACTED]`,
      );
    });

    it('masks secret-named fields of the body, at the top and nested, and keeps the rest', () => {
      expect(error.body).toEqual({
        message: error.message.replace('acme: HTTP 401 invalid_client: ', ''),
        code: 'invalid_client',
        token: '[REDACTED]',
        secret: '[REDACTED]',
        account: variant.perCall ? '[REDACTED]' : '',
        hint: 'signature [REDACTED] does not match key [REDACTED]',
        received: {
          merchantId: 'm-42',
          clientSecret: '[REDACTED]',
          password: '[REDACTED]',
          signature: '[REDACTED]',
          secretKey: '[REDACTED]',
          nested: { config: { apiKey: '[REDACTED]', region: 'eu-1' }, users: [{ name: 'ops', password: '[REDACTED]' }] },
        },
        errors: [{ code: 'invalid_client', message: 'user password [REDACTED] rejected' }],
      });
    });

    it('shows [REDACTED] where the secret-named fields were in its JSON', () => {
      const json = JSON.stringify(error);
      expect(json).toContain('"token":"[REDACTED]"');
      expect(json).toContain('"secret":"[REDACTED]"');
      expect(json).toContain('"clientSecret":"[REDACTED]"');
      expect(json).toContain('"status":401');
      expect(json).toContain('"provider":"acme"');
    });

    it('holds no secret in message, stack, JSON, inspect output or enumerable values', () => {
      expectNoSecrets(error);
    });
  });

  describe('ApiError from a 500 HTML answer echoing the credentials', () => {
    let error: ApiError;
    beforeAll(async () => {
      error = await apiErrorFrom(variant, broken);
    });

    it('is a plain ApiError with status 500 and the page text as its message', () => {
      expect(error).not.toBeInstanceOf(VersionNotSupportedError);
      expect(error.provider).toBe('acme');
      expect(error.status).toBe(500);
      expect(error.code).toBeUndefined();
      expect(error.message).toBe('acme: HTTP 500: Internal error while checking [REDACTED] [REDACTED]');
    });

    it('keeps the HTML as its body with the credentials cut out', () => {
      expect(error.body).toBe('<html><body><h1>Internal error</h1><p>while checking [REDACTED]</p><pre>[REDACTED]</pre></body></html>');
    });

    it('holds no secret in message, stack, JSON, inspect output or enumerable values', () => {
      expectNoSecrets(error);
    });
  });

  describe('VersionNotSupportedError from a 406', () => {
    let error: ApiError;
    beforeAll(async () => {
      error = await apiErrorFrom(variant, notAcceptable);
    });

    it('is a VersionNotSupportedError naming the media types', () => {
      expect(error).toBeInstanceOf(VersionNotSupportedError);
      const refused = error as VersionNotSupportedError;
      expect(refused.provider).toBe('acme');
      expect(refused.status).toBe(406);
      expect(refused.requestedMediaType).toBe('application/json;version=2');
      expect(refused.receivedMediaType).toBe('application/json');
      expect(refused.message).toBe('acme: HTTP 406: does not serve application/json;version=2');
    });

    it('masks the echoed signature and credentials in its body', () => {
      expect(error.body).toEqual({
        message: 'cannot serve application/json;version=2 to [REDACTED]',
        signature: '[REDACTED]',
        supported: ['application/json;version=1'],
      });
      expect(JSON.stringify(error)).toContain('"signature":"[REDACTED]"');
    });

    it('holds no secret in message, stack, JSON, inspect output or enumerable values', () => {
      expectNoSecrets(error);
    });
  });

  describe('VersionNotSupportedError from a 200 in another version holding an issued token', () => {
    let error: ApiError;
    beforeAll(async () => {
      error = await apiErrorFrom(variant, wrongVersion);
    });

    it('is a VersionNotSupportedError with status 200 and both media types', () => {
      expect(error).toBeInstanceOf(VersionNotSupportedError);
      const refused = error as VersionNotSupportedError;
      expect(refused.provider).toBe('acme');
      expect(refused.status).toBe(200);
      expect(refused.requestedMediaType).toBe('application/json;version=2');
      expect(refused.receivedMediaType).toBe('application/json;version=1');
      expect(refused.message).toBe('acme: HTTP 200: answered version 1 to a request for version 2');
    });

    it('keeps only the shape of its body (it may be a token answer): every string masked, at the top and nested', () => {
      expect(error.body).toEqual({ token: '[REDACTED]', expiresIn: 3600, data: { accessToken: '[REDACTED]', kind: '[REDACTED]' } });
      expect(JSON.stringify(error)).toContain('"token":"[REDACTED]"');
    });

    it('holds no secret in message, stack, JSON, inspect output or enumerable values', () => {
      expectNoSecrets(error);
    });
  });

  describe('TimeoutError from a server that never answers', () => {
    let error: Error;
    beforeAll(async () => {
      error = await rejectionFrom(
        clientFor(variant, hanging.url).POST('/tokens', { version: 2, params: { query }, body, headers: callHeaders(variant), timeoutMs: 50 }),
      );
    });

    it('is a TimeoutError of the provider naming the call with its URL redacted', () => {
      expect(error).toBeInstanceOf(TimeoutError);
      const timeout = error as TimeoutError;
      expect(timeout.provider).toBe('acme');
      expect(timeout.timeoutMs).toBe(50);
      expect(timeout.message).toBe(`acme: no answer to POST ${hanging.url}/tokens?access_token=%5BREDACTED%5D within 50 ms`);
    });

    it('holds no secret in message, stack, JSON, inspect output or enumerable values', () => {
      expectNoSecrets(error);
    });
  });

  describe('ConnectionError from a closed port', () => {
    let error: Error;
    beforeAll(async () => {
      error = await rejectionFrom(
        clientFor(variant, closedUrl).POST('/tokens', { version: 2, params: { query }, body, headers: callHeaders(variant), maxRetries: 0 }),
      );
    });

    it('is a ConnectionError of the provider with ECONNREFUSED and the URL redacted', () => {
      expect(error).toBeInstanceOf(ConnectionError);
      const failure = error as ConnectionError;
      expect(failure.provider).toBe('acme');
      expect(failure.errorCode).toBe('ECONNREFUSED');
      expect(failure.message.startsWith(`acme: POST ${closedUrl}/tokens?access_token=%5BREDACTED%5D failed: `)).toBe(true);
      expect(failure.message).toContain('ECONNREFUSED');
    });

    it('holds no secret in message, stack, JSON, inspect output or enumerable values', () => {
      expectNoSecrets(error);
    });
  });

  describe('ValidationError from bad call options beside secrets', () => {
    let error: Error;
    let requestsBefore: number;
    beforeAll(async () => {
      requestsBefore = unauthorized.requests.length;
      error = await rejectionFrom(
        clientFor(variant, unauthorized.url).POST('/tokens', {
          // A compile error in TypeScript; plain JavaScript callers can still send it.
          version: 0 as unknown as 2,
          params: { query },
          body,
          headers: callHeaders(variant),
          timeoutMs: -1,
          maxRetries: 1.5,
        }),
      );
    });

    it('is a ValidationError listing each bad option, sent nothing', () => {
      expect(error).toBeInstanceOf(ValidationError);
      const invalid = error as ValidationError;
      expect(invalid.provider).toBe('acme');
      expect(invalid.issues).toEqual([
        { path: 'timeoutMs', message: 'must be a whole number of at least 1' },
        { path: 'maxRetries', message: 'must be a whole number of at least 0' },
        { path: 'version', message: 'must be a positive whole number' },
      ]);
      expect(unauthorized.requests.length).toBe(requestsBefore);
    });

    it('holds no secret in message, stack, JSON, inspect output or enumerable values', () => {
      expectNoSecrets(error);
    });
  });

  describe('ValidationError from bad client options beside secret headers', () => {
    let error: Error;
    beforeAll(() => {
      try {
        createApiClient<SecretPaths>({
          provider: 'acme',
          baseUrl: `ftp://${BASIC_PAIR}@127.0.0.1/?access_token=${QUERY_TOKEN}`,
          headers: { Authorization: variant.authorization, 'X-Api-Key': HEADER_API_KEY },
          timeoutMs: -1,
        });
      } catch (thrown) {
        error = thrown as Error;
      }
    });

    it('is a ValidationError naming baseUrl and timeoutMs', () => {
      expect(error).toBeInstanceOf(ValidationError);
      const invalid = error as ValidationError;
      expect(invalid.provider).toBe('acme');
      expect(invalid.issues.map((issue) => issue.path)).toEqual(['baseUrl', 'timeoutMs']);
    });

    it('holds no secret in message, stack, JSON, inspect output or enumerable values', () => {
      expectNoSecrets(error);
    });
  });
});

describe('secrets outside headers and body', () => {
  it('cuts a secret-named query parameter out of an ApiError that echoes it', async () => {
    const { error } = await createApiClient<SecretPaths>({ provider: 'acme', baseUrl: queryEcho.url, maxRetries: 0 }).POST('/tokens', {
      version: 2,
      params: { query },
      body,
    });
    expect(queryEcho.requests.at(-1)?.url).toBe(`/tokens?access_token=${QUERY_TOKEN}`);
    expect(error).toBeInstanceOf(ApiError);
    expect(error?.status).toBe(401);
    expect(error?.provider).toBe('acme');
    expect(error?.message).toBe('acme: HTTP 401: access_token [REDACTED] is not valid');
    expectNoSecrets(error!);
  });

  /**
   * The error a call to a baseUrl with `user:password@` in it ends with, whether
   * createApiClient or the call throws it or the call returns it. (Today fetch
   * refuses such a URL, so the call rejects with a ConnectionError.)
   */
  async function errorFromUrlWithCredentials(log?: (event: LogEvent) => void): Promise<unknown> {
    const baseUrl = unauthorized.url.replace('http://', `http://${BASIC_PAIR}@`);
    try {
      const api = createApiClient<SecretPaths>({ provider: 'acme', baseUrl, maxRetries: 0, ...(log ? { log } : {}) });
      return (await api.POST('/tokens', { version: 2, body })).error;
    } catch (thrown) {
      return thrown;
    }
  }

  it('refuses a baseUrl with user:password@ with a ValidationError that keeps the password out', async () => {
    const error = await errorFromUrlWithCredentials();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).provider).toBe('acme');
    expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual(['baseUrl']);
    expectNoSecrets(error as Error);
  });

  it('sends nothing and logs nothing for a baseUrl with user:password@', async () => {
    const events: LogEvent[] = [];
    const before = unauthorized.requests.length;
    await errorFromUrlWithCredentials((event) => events.push(event));
    expect(events).toEqual([]);
    expect(unauthorized.requests.length).toBe(before);
  });
});

describe('the log hook', () => {
  it('reports a 503 and its retry without a secret, the authorization header masked', async () => {
    const events: LogEvent[] = [];
    const variant = variants[0]!;
    const api = clientFor(variant, flaky.url, {
      maxRetries: 1,
      clock: { now: () => 0, sleep: async () => {} },
      log: (event) => events.push(event),
    });
    const { data, error } = await api.PUT('/tokens', { version: 2, params: { query }, body });
    expect(error).toBeUndefined();
    expect(data).toEqual({ token: ISSUED, expiresIn: 3600 });
    expect(flaky.requests.map((request) => request.headers['authorization'])).toEqual([variant.authorization, variant.authorization]);

    expect(events.map((event) => [event.type, event.attempt, event.status])).toEqual([
      ['request', 1, undefined],
      ['response', 1, 503],
      ['retry', 1, undefined],
      ['request', 2, undefined],
      ['response', 2, 200],
    ]);
    for (const event of events) {
      expect(event.provider).toBe('acme');
      expect(event.method).toBe('PUT');
      expect(event.url).toBe(`${flaky.url}/tokens?access_token=%5BREDACTED%5D`);
    }
    const requests = events.filter((event) => event.type === 'request');
    for (const request of requests) {
      expect(request.headers).toEqual({
        accept: 'application/json;version=2',
        authorization: '[REDACTED]',
        'content-type': 'application/json;version=2',
        'x-api-key': '[REDACTED]',
      });
    }
    expect(typeof events.find((event) => event.type === 'retry')?.delayMs).toBe('number');
    expect(leaks({ events: JSON.stringify(events) })).toEqual([]);
  });

  it('reports a failed call without a secret, naming the failure', async () => {
    const events: LogEvent[] = [];
    const variant = variants[1]!;
    const api = clientFor(variant, closedUrl, { log: (event) => events.push(event) });
    const error = await rejectionFrom(api.POST('/tokens', { version: 2, params: { query }, body, headers: callHeaders(variant) }));
    expect(error).toBeInstanceOf(ConnectionError);

    expect(events.map((event) => [event.type, event.attempt])).toEqual([
      ['request', 1],
      ['error', 1],
    ]);
    expect(events[0]?.headers?.['authorization']).toBe('[REDACTED]');
    expect(events[1]?.error).toBe(`ConnectionError: ${error.message}`);
    expect(leaks({ events: JSON.stringify(events) })).toEqual([]);
  });
});

describe('secrets a provider declares', () => {
  it('are cut out of an ApiError even though the request never carried them', async () => {
    const signingKey = 'sk_SECRET_never_sent_4242';
    const echo = await startTestServer(() => ({ status: 400, body: { message: `bad signature for key ${signingKey}` } }));
    try {
      const { error } = await createApiClient<SecretPaths>({
        provider: 'acme',
        baseUrl: echo.url,
        maxRetries: 0,
        secrets: () => [signingKey],
      }).POST('/tokens', { version: 2, body: { a: 1 } as never });
      expect(error?.message).toBe('acme: HTTP 400: bad signature for key [REDACTED]');
      expect(JSON.stringify(error)).not.toContain(signingKey);
    } finally {
      await echo.close();
    }
  });
});
