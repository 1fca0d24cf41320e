/**
 * Figure 1: what one call costs on top of `fetch`, with `fetch` stubbed (no network,
 * no I/O): our TransactionLink client's `api.POST('/token', { version: 2, body })`
 * against bare openapi-fetch on the same generated `paths` and against a hand-written
 * `fetch` + `response.json()`, all sending the same three headers and body. Then the
 * same two with one no-op middleware each (`client.api` is an openapi-fetch client:
 * middleware takes openapi-fetch's slower path, in both).
 */
import { createApiClient } from '@tokens/core';
import { createTransactionLinkClient, type paths } from '@tokens/transactionlink';
import createClient from 'openapi-fetch';
import { BASE_URL, ORG_TOKEN, V2, stubFetch, widgetTokenBody } from './fixtures';
import type { Contender } from './runs';

export const OVERHEAD_BASELINE = 'bare openapi-fetch';
export const OVERHEAD_OURS = '@tokens/transactionlink api.POST';
export const OVERHEAD_WITH_TIMEOUT = 'bare openapi-fetch, 30 s timeout signal';
export const MIDDLEWARE_BASELINE = 'bare openapi-fetch + 1 no-op middleware';
export const MIDDLEWARE_OURS = '@tokens/transactionlink api.POST + 1 no-op middleware';

/** Does nothing, as cheaply as a middleware can: what the middleware path itself costs. */
const noOp = { onRequest: () => undefined };

export function overheadContenders(): Contender[] {
  const fetch = stubFetch();
  const authorization = `Bearer ${ORG_TOKEN}`;

  const handWritten = async () => {
    const response = await fetch(`${BASE_URL}/token`, {
      method: 'POST',
      headers: { authorization, accept: V2, 'content-type': V2 },
      body: JSON.stringify(widgetTokenBody),
    });
    return { data: (await response.json()) as unknown, response };
  };

  const bare = createClient<paths>({ baseUrl: BASE_URL, fetch, headers: { Authorization: authorization } });
  const bareCall = () => bare.POST('/token', { body: widgetTokenBody as never, headers: { Accept: V2, 'Content-Type': V2 } });
  // What a per-attempt timeout costs by itself (an AbortController and a timer per call), as figure 2's reference row.
  const bareWithTimeout = async () => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 30_000);
    try {
      return await bare.POST('/token', { body: widgetTokenBody as never, headers: { Accept: V2, 'Content-Type': V2 }, signal: controller.signal });
    } finally {
      clearTimeout(timer);
    }
  };

  const ours = createTransactionLinkClient({ baseUrl: BASE_URL, auth: { token: ORG_TOKEN }, fetch });
  const oursCall = () => ours.api.POST('/token', { version: 2, body: widgetTokenBody });

  // The shared runtime alone, without TransactionLink's wrapper (fingerprint, 401 re-login): where the cost sits.
  const core = createApiClient<paths>({ provider: 'transactionlink', baseUrl: BASE_URL, fetch, authorization, safeToRepeat: () => true });
  const coreCall = () => core.POST('/token', { version: 2, body: widgetTokenBody });

  const bareWithMiddleware = createClient<paths>({ baseUrl: BASE_URL, fetch, headers: { Authorization: authorization } });
  bareWithMiddleware.use(noOp);
  const oursWithMiddleware = createTransactionLinkClient({ baseUrl: BASE_URL, auth: { token: ORG_TOKEN }, fetch });
  oursWithMiddleware.api.use(noOp);

  return [
    { label: 'hand-written fetch + json()', fn: handWritten },
    { label: OVERHEAD_BASELINE, fn: bareCall },
    { label: OVERHEAD_WITH_TIMEOUT, fn: bareWithTimeout },
    { label: '@tokens/core createApiClient', fn: coreCall },
    { label: OVERHEAD_OURS, fn: oursCall },
    { label: MIDDLEWARE_BASELINE, fn: () => bareWithMiddleware.POST('/token', { body: widgetTokenBody as never, headers: { Accept: V2, 'Content-Type': V2 } }) },
    { label: MIDDLEWARE_OURS, fn: () => oursWithMiddleware.api.POST('/token', { version: 2, body: widgetTokenBody }) },
  ];
}

/** Each contender answers the stub's token: checked once before timing, so that no contender times an error path. */
export async function checkOverheadContenders(contenders: readonly Contender[]): Promise<void> {
  for (const { label, fn } of contenders) {
    const result = (await fn()) as { data?: { token?: unknown }; error?: unknown };
    if (result.error || typeof result.data?.token !== 'string') throw new Error(`${label}: no token in ${JSON.stringify(result)}`);
  }
}
