/**
 * A cold-cache stampede: `callers` concurrent `getToken()` calls on a new Formflow client,
 * counting the requests that reach upstream (every call of the client's fetch, retries
 * included). The token cache promises one for all of them.
 */
import { createFormflowClient } from '@tokens/formflow';

export interface StampedeOptions {
  readonly baseUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly organizationId: string;
  /** What the counted fetch sends with. Default: the global fetch. */
  readonly fetch?: typeof fetch;
}

export interface StampedeResult {
  readonly callers: number;
  /** Requests the client sent upstream. */
  readonly upstream: number;
  /** Distinct tokens the callers got. */
  readonly distinctTokens: number;
  /** From the first call to the last caller served. */
  readonly ms: number;
}

export async function stampede(callers: number, { fetch: send = globalThis.fetch, ...options }: StampedeOptions): Promise<StampedeResult> {
  let upstream = 0;
  const counted = ((input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
    upstream++;
    return send(input, init);
  }) as typeof fetch;
  const client = createFormflowClient({ ...options, fetch: counted });
  const start = performance.now();
  const tokens = await Promise.all(Array.from({ length: callers }, () => client.getToken()));
  const ms = performance.now() - start;
  return { callers, upstream, distinctTokens: new Set(tokens.map((token) => token.token)).size, ms };
}
