/**
 * What the demo does per provider, against the sandbox or, when its environment
 * variables are set, against the real provider.
 */
import { createFinpayClient } from '@tokens/finpay';
import { createFormflowClient } from '@tokens/formflow';
import { createOneSpanClient } from '@tokens/onespan';
import type { Sandbox } from '@tokens/sandbox';
import { createTransactionLinkClient } from '@tokens/transactionlink';

export interface Step {
  readonly label: { readonly provider: string; readonly version: string };
  /** `sandbox`, or the host of the real provider. */
  readonly source: string;
  issue(): Promise<{ token: string; tokenType: string; expiresAt: Date }>;
}

type Env = Record<string, string | undefined>;
type ProviderName = keyof Sandbox['urls'];

export async function providerSteps(env: Env, sandbox: () => Promise<Sandbox>): Promise<Step[]> {
  /** A value every real-provider run needs. */
  const required = (name: string): string => {
    const value = env[name];
    if (!value) throw new Error(`${name} is not set`);
    return value;
  };
  const optionalBaseUrl = (name: string) => (env[name] ? { baseUrl: env[name] } : {});

  /**
   * The client options for a provider: from the environment when `switchVariable`
   * is set there, else the sandbox's URL and credentials.
   */
  async function target<Real, Sandboxed>(
    provider: ProviderName,
    switchVariable: string,
    real: () => Real,
    sandboxed: (sb: Sandbox) => Sandboxed,
    defaultHost: string,
  ): Promise<{ options: Real | Sandboxed; source: string; isReal: boolean }> {
    if (!env[switchVariable]) return { options: sandboxed(await sandbox()), source: 'sandbox', isReal: false };
    const baseUrl = env[`${provider.toUpperCase()}_BASE_URL`];
    return { options: real(), source: baseUrl ? new URL(baseUrl).host : defaultHost, isReal: true };
  }

  const transactionlink = await target(
    'transactionlink',
    'TRANSACTIONLINK_TOKEN',
    () => ({ ...optionalBaseUrl('TRANSACTIONLINK_BASE_URL'), auth: { token: required('TRANSACTIONLINK_TOKEN') } }),
    (sb) => ({ baseUrl: sb.urls.transactionlink, ...sb.credentials.transactionlink }),
    'api.transactionlink.io',
  );
  const onespan = await target(
    'onespan',
    'ONESPAN_ACCESS_TOKEN',
    () => ({ baseUrl: required('ONESPAN_BASE_URL'), accessToken: required('ONESPAN_ACCESS_TOKEN') }),
    (sb) => ({ baseUrl: sb.urls.onespan, ...sb.credentials.onespan }),
    '?',
  );
  const formflow = await target(
    'formflow',
    'FORMFLOW_CLIENT_ID',
    () => ({
      ...optionalBaseUrl('FORMFLOW_BASE_URL'),
      clientId: required('FORMFLOW_CLIENT_ID'),
      clientSecret: required('FORMFLOW_CLIENT_SECRET'),
      organizationId: required('FORMFLOW_ORGANIZATION_ID'),
    }),
    (sb) => ({ baseUrl: sb.urls.formflow, ...sb.credentials.formflow }),
    'main.formflow-dev.net',
  );
  const finpay = await target(
    'finpay',
    'FINPAY_USERNAME',
    () => ({
      ...optionalBaseUrl('FINPAY_BASE_URL'),
      username: required('FINPAY_USERNAME'),
      password: required('FINPAY_PASSWORD'),
      secretKey: required('FINPAY_SECRET_KEY'),
    }),
    (sb) => ({ baseUrl: sb.urls.finpay, ...sb.credentials.finpay }),
    'demos.finnet.co.id',
  );

  const tl = createTransactionLinkClient(transactionlink.options);
  const workflowDefinitionId = env['TRANSACTIONLINK_WORKFLOW_DEFINITION_ID'] ?? '3b2d8a4f-579f-4e2e-a51c-f859e532fe8c';
  const recordId = env['TRANSACTIONLINK_RECORD_ID'];
  return [
    {
      label: { provider: 'TransactionLink', version: 'v2' },
      source: transactionlink.source,
      issue: () => tl.createWidgetToken({ workflowDefinitionId, ...(recordId ? { recordId } : {}) }),
    },
    {
      label: { provider: 'TransactionLink', version: 'v1' },
      source: transactionlink.source,
      issue: () =>
        tl.createWidgetToken({
          version: 1,
          caseId: transactionlink.isReal ? required('TRANSACTIONLINK_CASE_ID') : '11111111-2222-3333-4444-555555555555',
          workflowDefinitionId,
        }),
    },
    {
      label: { provider: 'OneSpan', version: '-' },
      source: onespan.source,
      issue: () =>
        createOneSpanClient(onespan.options).createSessionCreationToken({
          transactionId: onespan.isReal ? required('ONESPAN_TRANSACTION_ID') : 'dcaad720-d1e9-47ba-a76b-a6370ef0373b',
          role: env['ONESPAN_ROLE'] ?? 'unknown',
        }),
    },
    { label: { provider: 'Formflow', version: '-' }, source: formflow.source, issue: () => createFormflowClient(formflow.options).getToken() },
    { label: { provider: 'Finpay', version: '-' }, source: finpay.source, issue: () => createFinpayClient(finpay.options).getToken() },
  ];
}
