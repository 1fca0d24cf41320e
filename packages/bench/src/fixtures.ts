/** What every figure sends and answers: a TransactionLink v2 widget token call, and stubbed fetches. */
import type { CreateWorkflowTokenV2Dto } from '@tokens/transactionlink';

export const BASE_URL = 'https://api.transactionlink.test';
export const ORG_TOKEN = 'tot_bench_0123456789abcdef0123456789abcdef';
export const V2 = 'application/json;version=2';

export const widgetTokenBody: CreateWorkflowTokenV2Dto = {
  workflowDefinitionId: '3b2d8a4f-579f-4e2e-a51c-f859e532fe8c',
  recordId: '11111111-2222-3333-4444-555555555555',
  parametersId: '4b6ffcb6-ab6d-44b9-b5ab-4b5147b0b302',
};

/** A v2 answer of realistic size: a JWT-like token (~600 characters), its id, expiry and type. */
export const widgetTokenAnswer = JSON.stringify({
  id: '6f1c1a52-2a0e-4a4b-9e3e-3f5b8f7c2d10',
  token: `eyJhbGciOiJSUzUxMiJ9.${'eyJjdXN0b21lcklkIjoiMTE1MzZlNjUifQ'.repeat(6)}.${'j62_fClRsh6vk4Lx2JoMSoEjptUyK9kq'.repeat(10)}`,
  expiryDuration: 3600,
  tokenType: 'Bearer',
});

export const widgetTokenHeaders: Record<string, string> = { 'content-type': V2 };

/**
 * A fetch that answers every call with a new `Response` built from the same prebuilt JSON
 * and headers (a body is read once), as openapi-fetch's own benchmark stubs it. It reads
 * nothing of the request.
 */
export const stubFetch = (answer = widgetTokenAnswer, status = 201, headers = widgetTokenHeaders): typeof fetch =>
  async () => new Response(answer, { status, headers });

/** Formflow's token answer (`POST /api/token`), valid for an hour. */
export const formflowTokenAnswer = JSON.stringify({ token: 'ff_bench_token_0123456789abcdef0123456789abcdef', token_type: 'Bearer', expires_in: 3600 });

export const formflowCredentials = { clientId: 'client_bench', clientSecret: 'secret_bench_0123456789', organizationId: 'org_bench' };
