/** Issue 12, point 6: TransactionLink's local mistakes are ValidationErrors before any request (cases in @tokens/testkit's local-mistakes.ts). */
import { describeLocalMistakes } from '@tokens/testkit';
import { createTransactionLinkClient, ValidationError, type TransactionLinkClient } from '../src/index';
import { KEY, SECRET, startFakeTransactionLink, workflowDefinitionId } from './support/fake-transactionlink';

const common = { maxRetries: 2, retryTiming: { initialDelayMs: 0, maxDelayMs: 0 } };

for (const [name, auth] of [
  ['transactionlink (organization token)', { token: 'tot_org_token_5f1c0e9a7b' }],
  ['transactionlink (key/secret login)', { key: KEY, secret: SECRET }],
] as const) {
  describeLocalMistakes(name, {
    ValidationError,
    server: async () => (await startFakeTransactionLink()).server,
    factory: (options) => createTransactionLinkClient(options as never),
    options: (baseUrl) => ({ baseUrl, auth, ...common }),
    call: (client: TransactionLinkClient, options) => client.createWidgetToken({ workflowDefinitionId }, options as never),
    // The store holds the login's access token: its options are checked with either auth.
    tokenStore: true,
    nullCall: 'success',
  });
}
