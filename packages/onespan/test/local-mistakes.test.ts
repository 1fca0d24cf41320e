/** Issue 12, point 6: OneSpan's local mistakes are ValidationErrors before any request (cases in @tokens/testkit's local-mistakes.ts). */
import { describeLocalMistakes, startTestServer, type TestServer } from '@tokens/testkit';
import { afterEach } from 'vitest';
import { createOneSpanClient, ValidationError, type OneSpanClient } from '../src/index';
import { ACCESS_TOKEN, jwt, TRANSACTION_ID } from './fixtures';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describeLocalMistakes('onespan', {
  ValidationError,
  server: async () => {
    const server = await startTestServer(() => ({ status: 200, body: { token: jwt({ alg: 'HS384', typ: 'JWT' }, { exp: Math.floor(Date.now() / 1000) + 900 }), role: 'unknown' } }));
    servers.push(server);
    return server;
  },
  factory: (options) => createOneSpanClient(options as never),
  options: (baseUrl) => ({ baseUrl, accessToken: ACCESS_TOKEN, maxRetries: 2, retryTiming: { initialDelayMs: 0, maxDelayMs: 0 } }),
  // The call's options ride in its one argument, beside transactionId.
  call: (client: OneSpanClient, options) =>
    client.createSessionCreationToken((options === null || typeof options !== 'object' ? options : { transactionId: TRANSACTION_ID, ...options }) as never),
  tokenStore: false,
  callOptionsPath: 'input',
  nullCall: ['transactionId'],
});
