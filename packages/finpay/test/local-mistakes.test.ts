/** Issue 12, point 6: Finpay's local mistakes are ValidationErrors before any request (cases in @tokens/testkit's local-mistakes.ts). */
import { describeLocalMistakes } from '@tokens/testkit';
import { createFinpayClient, ValidationError, type FinpayClient } from '../src/index';
import { CREDENTIALS, success, tokenServer } from './support';
import { tomorrowInJakarta } from './tomorrow';

describeLocalMistakes('finpay', {
  ValidationError,
  server: () => tokenServer((n) => success(n, tomorrowInJakarta())),
  factory: (options) => createFinpayClient(options as never),
  options: (baseUrl) => ({ baseUrl, ...CREDENTIALS, maxRetries: 2, retryTiming: { initialDelayMs: 0, maxDelayMs: 0 } }),
  call: (client: FinpayClient, options) => client.getToken(options as never),
  tokenStore: true,
  nullCall: 'success',
});
