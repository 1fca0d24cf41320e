/** Shared by the Finpay tests: credentials, the sample request's time, an injected clock, a token server on 127.0.0.1. */
import { startTestServer, type RecordedRequest, type TestResponse, type TestServer } from '@tokens/testkit';
import { createHmac } from 'node:crypto';
import { afterEach } from 'vitest';
import { createFinpayClient, type Clock, type FinpayClientOptions } from '../src/index';

// A non-ASCII password: the Basic header must carry its UTF-8 bytes.
export const CREDENTIALS = { username: 'merchant-7', password: 'pw_SECRET_pässwörd_31337', secretKey: 'mySecretKey' };
export const BASIC = `Basic ${Buffer.from(`${CREDENTIALS.username}:${CREDENTIALS.password}`, 'utf8').toString('base64')}`;

/** The seed's sample request: 2024-08-21 14:27:50 in GMT+7, 07:27:50 UTC. */
export const SAMPLE_TIME = Date.UTC(2024, 7, 21, 7, 27, 50);
export const SAMPLE_REQ_DTIME = '20240821142750';
export const SAMPLE_TRANS_NUMBER = 'TKN212418241627519329';
/** The uppercase-key test vector of providers.md for the sample request and secret `mySecretKey`. */
export const SAMPLE_SIGNATURE = 'B4916007E177C3BEB3437A053A64B9E51D54827CCCE04AD664F69B598F6C5630';

/** `24-AUG-24 16:23:30` read as GMT+7. */
export const SAMPLE_EXPIRY = '24-AUG-24 16:23:30';
export const SAMPLE_EXPIRES_AT = '2024-08-24T09:23:30.000Z';

export const MINUTE = 60_000;

/** The signature computed independently of the package, with node:crypto. */
export function expectedSignature(fields: Record<string, string>, secretKey: string, keyHexCase: 'upper' | 'lower' = 'upper'): string {
  const hex = Buffer.from(secretKey, 'utf8').toString('hex');
  const key = Buffer.from(keyHexCase === 'upper' ? hex.toUpperCase() : hex, 'ascii');
  const message = Object.keys(fields)
    .filter((name) => name !== 'signature')
    .sort()
    .map((name) => fields[name])
    .join('');
  return createHmac('sha256', key).update(message, 'utf8').digest('hex').toUpperCase();
}

/** A clock that stands still until told to move; sleeps are recorded and resolve at once. */
export function testClock(start = SAMPLE_TIME) {
  let now = start;
  const delays: number[] = [];
  const clock: Clock = { now: () => now, sleep: async (ms) => void delays.push(ms) };
  return { clock, delays, advance: (ms: number) => void (now += ms) };
}

/** Finpay's success answer, with `token-n` for the n-th request. */
export const success = (n: number, tokenExpiry = SAMPLE_EXPIRY): TestResponse => ({
  status: 200,
  body: { statusCode: '000', statusDesc: 'Berhasil', tokenID: `token-${n}`, tokenExpiry, processingTime: 0.119 },
});

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** Answers the n-th request (1-based) with `respond(n)`, by default `success(n)`. */
export async function tokenServer(respond: (n: number, request: RecordedRequest) => TestResponse | Promise<TestResponse> = (n) => success(n)) {
  let count = 0;
  const server = await startTestServer((request) => respond(++count, request));
  servers.push(server);
  return server;
}

export const finpay = (server: TestServer, clock: Clock, options: Partial<FinpayClientOptions> = {}) =>
  createFinpayClient({ baseUrl: `${server.url}/apicobrand`, clock, random: () => 0, ...CREDENTIALS, ...options });

/** The parsed body of a recorded request. */
export const bodyOf = (request: RecordedRequest | undefined): Record<string, string> => JSON.parse(request!.body) as Record<string, string>;

/** The rejection of `promise`, failing the test when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}
