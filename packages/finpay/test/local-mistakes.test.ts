/** Issue 12, point 6: Finpay's local mistakes are ValidationErrors before any request (cases in @tokens/testkit's local-mistakes.ts). */
import { describeLocalMistakes } from '@tokens/testkit';
import { createFinpayClient, ValidationError, type FinpayClient } from '../src/index';
import { CREDENTIALS, success, tokenServer } from './support';

/** A tokenExpiry a day ahead, in GMT+7 as Finpay writes it (`24-AUG-24 16:23:30`). */
function tomorrow(): string {
  const at = new Date(Date.now() + 24 * 3_600_000 + 7 * 3_600_000);
  const month = at.toLocaleString('en', { month: 'short', timeZone: 'UTC' }).toUpperCase();
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(at.getUTCDate())}-${month}-${two(at.getUTCFullYear() % 100)} ${two(at.getUTCHours())}:${two(at.getUTCMinutes())}:${two(at.getUTCSeconds())}`;
}

describeLocalMistakes('finpay', {
  ValidationError,
  server: () => tokenServer((n) => success(n, tomorrow())),
  factory: (options) => createFinpayClient(options as never),
  options: (baseUrl) => ({ baseUrl, ...CREDENTIALS, maxRetries: 2, retryTiming: { initialDelayMs: 0, maxDelayMs: 0 } }),
  call: (client: FinpayClient, options) => client.getToken(options as never),
  tokenStore: true,
  nullCall: 'success',
});
