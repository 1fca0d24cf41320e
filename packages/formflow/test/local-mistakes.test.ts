/** Issue 12, point 6: Formflow's local mistakes are ValidationErrors before any request (cases in @tokens/testkit's local-mistakes.ts). */
import { describeLocalMistakes } from '@tokens/testkit';
import { createFormflowClient, ValidationError, type FormflowClient } from '../src/index';
import { CREDENTIALS, tokenServer } from './harness';

describeLocalMistakes('formflow', {
  ValidationError,
  server: () => tokenServer(),
  factory: (options) => createFormflowClient(options as never),
  options: (baseUrl) => ({ baseUrl, ...CREDENTIALS, maxRetries: 2, retryTiming: { initialDelayMs: 0, maxDelayMs: 0 } }),
  call: (client: FormflowClient, options) => client.getToken(options as never),
  tokenStore: true,
  nullCall: 'success',
});
