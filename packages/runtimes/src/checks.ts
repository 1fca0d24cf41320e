/**
 * The runtime suite's checks, written once: every runtime runs this same module. It uses
 * only what every runtime has (fetch, Date, atob, the Error classes the packages export),
 * never a runtime's own API, so a package that needs more than that fails here.
 */
import { ApiError, TokensError, ValidationError, type IssuedToken } from '@tokens/core';
import { createFinpayClient, signFinpayRequest } from '@tokens/finpay';
import { createFormflowClient } from '@tokens/formflow';
import { createOneSpanClient } from '@tokens/onespan';
import type { Sandbox } from '@tokens/sandbox';
import { createTransactionLinkClient } from '@tokens/transactionlink';

/** What the runner hands each runtime: the sandbox's base URLs and credentials (a type only: nothing of the sandbox runs here). */
export type SandboxConfig = Pick<Sandbox, 'urls' | 'credentials'>;

export interface CheckResult {
  readonly name: string;
  readonly ok: boolean;
  /** Why it failed. */
  readonly detail?: string;
}

const WORKFLOW_DEFINITION_ID = '3b2d8a4f-579f-4e2e-a51c-f859e532fe8c';
const CASE_ID = 'dcaad720-d1e9-47ba-a76b-a6370ef0373b';
const TRANSACTION_ID = '5c3a9a0e-2f7d-4e55-9a57-2b1f0c9d8e41';
/** How far an expiry may be from the one the provider's own fields give (clocks, second rounding). */
const EXPIRY_SLACK_MS = 60_000;

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

function assertToken(token: IssuedToken<unknown>, tokenType: string, expectedExpiry: number): void {
  assert(typeof token.token === 'string' && token.token.length > 0, 'token is not a non-empty string');
  assert(token.tokenType === tokenType, `tokenType is ${JSON.stringify(token.tokenType)}, not ${JSON.stringify(tokenType)}`);
  assert(token.expiresAt instanceof Date, 'expiresAt is not a Date');
  const expiresAt = token.expiresAt.getTime();
  assert(expiresAt > Date.now(), `expiresAt ${token.expiresAt.toISOString()} is not in the future`);
  assert(Math.abs(expiresAt - expectedExpiry) <= EXPIRY_SLACK_MS, `expiresAt ${token.expiresAt.toISOString()} is not ${new Date(expectedExpiry).toISOString()}, what the provider's fields say`);
}

/** The `exp` claim of a JWT, in ms (base64url decoded with atob). */
function jwtExpiry(jwt: string): number {
  const payload = jwt.split('.')[1] ?? '';
  const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '='));
  return (JSON.parse(json) as { exp: number }).exp * 1000;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** Finpay's `tokenExpiry` (`24-AUG-24 16:23:30`, GMT+7) in ms. */
function finpayExpiry(tokenExpiry: string): number {
  const [, day, month, year, hh, mm, ss] = /^(\d\d)-([A-Z]{3})-(\d\d) (\d\d):(\d\d):(\d\d)$/.exec(tokenExpiry) ?? [];
  assert(day && month && year && hh && mm && ss, `tokenExpiry ${JSON.stringify(tokenExpiry)} is not DD-MMM-YY HH:MM:SS`);
  return Date.UTC(2000 + Number(year), MONTHS.indexOf(month), Number(day), Number(hh) - 7, Number(mm), Number(ss));
}

/** Runs `call`, which must reject with an ApiError of `status` that names `provider` and leaks no `secret`. */
async function assertApiError(call: () => Promise<unknown>, provider: string, status: number, secret: string): Promise<void> {
  let error: unknown;
  try {
    await call();
  } catch (caught) {
    error = caught;
  }
  assert(error !== undefined, 'resolved; expected an ApiError');
  assert(error instanceof ApiError, `rejected with ${String(error)}; expected an ApiError`);
  assert(error instanceof TokensError, 'the ApiError is not a TokensError');
  assert(error.status === status, `ApiError status ${error.status}, expected ${status}`);
  assert(error.provider === provider, `ApiError provider ${JSON.stringify(error.provider)}, expected ${JSON.stringify(provider)}`);
  const shown = `${error.message}\n${error.stack ?? ''}\n${JSON.stringify(error)}`;
  assert(!shown.includes(secret), 'the error shows the credential it was given');
}

type Check = readonly [name: string, run: (config: SandboxConfig) => Promise<void>];

const checks: readonly Check[] = [
  ['transactionlink v2 widget token', async ({ urls, credentials }) => {
    const client = createTransactionLinkClient({ baseUrl: urls.transactionlink, ...credentials.transactionlink });
    const token = await client.createWidgetToken({ workflowDefinitionId: WORKFLOW_DEFINITION_ID });
    assert(typeof token.id === 'string' && token.id.length > 0, 'v2 token has no id');
    assertToken(token, 'Bearer', Date.now() + token.raw.expiryDuration * 1000);
  }],
  ['transactionlink v1 widget token', async ({ urls, credentials }) => {
    const client = createTransactionLinkClient({ baseUrl: urls.transactionlink, ...credentials.transactionlink });
    const token = await client.createWidgetToken({ version: 1, caseId: CASE_ID, workflowDefinitionId: WORKFLOW_DEFINITION_ID });
    assert(!('id' in token), 'v1 token has an id (a v2 answer?)');
    assertToken(token, 'Bearer', Date.now() + token.raw.expiryDuration * 1000);
  }],
  ['transactionlink bad organization token: ApiError 401', async ({ urls }) => {
    const client = createTransactionLinkClient({ baseUrl: urls.transactionlink, auth: { token: 'tot_not_the_sandbox_token' } });
    await assertApiError(() => client.createWidgetToken({ workflowDefinitionId: WORKFLOW_DEFINITION_ID }), 'transactionlink', 401, 'tot_not_the_sandbox_token');
  }],
  ['onespan session creation token', async ({ urls, credentials }) => {
    const client = createOneSpanClient({ baseUrl: urls.onespan, ...credentials.onespan });
    const token = await client.createSessionCreationToken({ transactionId: TRANSACTION_ID, role: 'signer1' });
    assert(token.role === 'signer1', `role ${JSON.stringify(token.role)}`);
    assertToken(token, 'JWT', jwtExpiry(token.token));
  }],
  ['onespan bad tenant token: ApiError 401', async ({ urls }) => {
    const client = createOneSpanClient({ baseUrl: urls.onespan, accessToken: 'not.the.tenant-jwt' });
    await assertApiError(() => client.createSessionCreationToken({ transactionId: TRANSACTION_ID }), 'onespan', 401, 'not.the.tenant-jwt');
  }],
  ['formflow access token', async ({ urls, credentials }) => {
    const client = createFormflowClient({ baseUrl: urls.formflow, ...credentials.formflow });
    const token = await client.getToken();
    assertToken(token, 'Bearer', Date.now() + token.raw.expires_in * 1000);
    assert((await client.getToken()) === token, 'a second getToken() did not answer the cached token');
  }],
  ['formflow bad client secret: ApiError 401', async ({ urls, credentials }) => {
    const client = createFormflowClient({ baseUrl: urls.formflow, ...credentials.formflow, clientSecret: 'not-the-client-secret' });
    await assertApiError(() => client.getToken(), 'formflow', 401, 'not-the-client-secret');
  }],
  ['formflow bad options: ValidationError before any request', async ({ urls }) => {
    let error: unknown;
    try {
      createFormflowClient({ baseUrl: urls.formflow, clientId: '', clientSecret: '', organizationId: '' });
    } catch (caught) {
      error = caught;
    }
    assert(error instanceof ValidationError, `threw ${String(error)}; expected a ValidationError`);
    assert(error.issues.length > 0, 'the ValidationError lists no issue');
  }],
  ['finpay token (signed with the portable SHA-256)', async ({ urls, credentials }) => {
    const client = createFinpayClient({ baseUrl: urls.finpay, ...credentials.finpay });
    const token = await client.getToken();
    assertToken(token, 'tokenID', finpayExpiry(token.raw.tokenExpiry));
  }],
  ['finpay bad password: ApiError 401', async ({ urls, credentials }) => {
    const client = createFinpayClient({ baseUrl: urls.finpay, ...credentials.finpay, password: 'not-the-password' });
    await assertApiError(() => client.getToken(), 'finpay', 401, 'not-the-password');
  }],
  ['finpay signature matches the independent test vectors', async () => {
    // providers.md: secret `mySecretKey`, the seed's sample getToken body.
    const fields = { reqDtime: '20240821142750', requestType: 'getToken', transNumber: 'TKN212418241627519329' };
    const upper = signFinpayRequest(fields, 'mySecretKey');
    const lower = signFinpayRequest(fields, 'mySecretKey', { keyHexCase: 'lower' });
    assert(upper === 'B4916007E177C3BEB3437A053A64B9E51D54827CCCE04AD664F69B598F6C5630', `uppercase-key signature ${upper}`);
    assert(lower === '552D3E68A4A06F67B1A3AAEFF1ABE81F19FF0B74F555BA9D8B087B82BBC975CB', `lowercase-key signature ${lower}`);
  }],
];

export const CHECK_COUNT = checks.length;

/** Runs every check (one after another: Formflow's sandbox counts requests a minute). */
export async function runChecks(config: SandboxConfig): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const [name, run] of checks) {
    try {
      await run(config);
      results.push({ name, ok: true });
    } catch (error) {
      results.push({ name, ok: false, detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
    }
  }
  return results;
}

/** The lines a run prints: one per failed check, then `<runtime> <version>: N passed, N failed`. */
export function report(runtime: string, results: readonly CheckResult[]): string[] {
  const failed = results.filter((result) => !result.ok);
  return [
    ...failed.map((result) => `  FAIL ${result.name}: ${result.detail}`),
    `${runtime}: ${results.length - failed.length} passed, ${failed.length} failed`,
  ];
}
