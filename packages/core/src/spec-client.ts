import type { Client } from 'openapi-fetch';
import { createOpenApiFetchClient } from './openapi-fetch';

/** Options every client accepts. */
export interface SpecClientOptions {
  /** The provider's base URL (scheme, host and any path prefix). */
  baseUrl: string;
  /** A fetch implementation; the global `fetch` when omitted. */
  fetch?: typeof globalThis.fetch;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
}

/** The typed openapi-fetch client of one spec's `paths`. */
export type SpecClient<Paths extends {}> = Client<Paths>;

/** A typed openapi-fetch client for a spec's `paths`. */
export function createSpecClient<Paths extends {}>(options: SpecClientOptions): SpecClient<Paths> {
  const customFetch = options.fetch;
  return createOpenApiFetchClient<Paths>({
    baseUrl: options.baseUrl,
    ...(options.headers ? { headers: options.headers } : {}),
    // Resolve the global fetch per request, so a fetch installed after the client was made is used.
    fetch: customFetch ? (request) => customFetch(request) : (request) => globalThis.fetch(request),
  });
}
