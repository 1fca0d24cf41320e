/**
 * Figure 3: the token cache. Cached `getToken()` calls per second on a warmed Formflow
 * client against a bare `Map.get` + `Date.now()` freshness check (and the same check
 * behind an `await`, the floor of any promise-returning API); and the time for 10,000
 * concurrent callers of a cold cache against the sandbox, against one caller.
 */
import { createFormflowClient, type FormflowToken } from '@tokens/formflow';
import { formflowCredentials, formflowTokenAnswer, stubFetch } from './fixtures';
import type { Contender } from './runs';

export const CACHE_BASELINE = 'bare Map.get + Date.now() check';
export const CACHE_OURS = 'formflow getToken() (cached)';
/** Calls per timed iteration: a Map lookup is far below a timer's resolution. */
export const CACHE_BATCH = 1000;
const REFRESH_WINDOW_MS = 5 * 60_000;

/** Keeps results alive, so that no loop is optimised away. */
export let sink: unknown;

export async function tokenCacheContenders(): Promise<Contender[]> {
  const client = createFormflowClient({
    baseUrl: 'https://formflow.test',
    ...formflowCredentials,
    fetch: stubFetch(formflowTokenAnswer, 200, { 'content-type': 'application/json' }),
  });
  const warmed = await client.getToken();

  const key = `formflow:${formflowCredentials.organizationId}:${formflowCredentials.clientId}`;
  const map = new Map<string, FormflowToken>([[key, warmed]]);
  const bareGet = (): FormflowToken => {
    const token = map.get(key);
    if (token && token.expiresAt.getTime() - REFRESH_WINDOW_MS > Date.now()) return token;
    throw new Error('bare check: no fresh token');
  };
  const bareAsync = async (): Promise<FormflowToken> => bareGet();

  return [
    {
      label: CACHE_BASELINE,
      batch: CACHE_BATCH,
      fn: () => {
        for (let i = 0; i < CACHE_BATCH; i++) sink = bareGet();
      },
    },
    {
      label: 'the same check, awaited (async fn)',
      batch: CACHE_BATCH,
      fn: async () => {
        for (let i = 0; i < CACHE_BATCH; i++) sink = await bareAsync();
      },
    },
    {
      label: CACHE_OURS,
      batch: CACHE_BATCH,
      fn: async () => {
        for (let i = 0; i < CACHE_BATCH; i++) sink = await client.getToken();
      },
    },
  ];
}
