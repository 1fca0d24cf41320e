/**
 * The client's token on the user's own openapi-fetch clients: an openapi-fetch
 * middleware that sets `Authorization`, and answers a 401 to a token that can be
 * replaced by invalidating that very token and sending the request once more with
 * a fresh one, its body replayed from a copy taken before the first send.
 * Formflow's and TransactionLink's `authMiddleware()` are this, each with its own source.
 */
import type { Middleware } from 'openapi-fetch';

/** Where the middleware takes its credentials from. */
export interface BearerSource {
  /** The token to send now, and the `Authorization` value that carries it; `signal` (the request's) stops the wait. */
  current(signal: AbortSignal): Promise<{ readonly token: string; readonly authorization: string }>;
  /** The provider refused `token`: replace it. Absent for a token that cannot be replaced. */
  readonly invalidate?: (token: string) => Promise<void>;
}

export function createAuthMiddleware(source: BearerSource): Middleware {
  // Keyed by the very request this middleware authorized: a request that a later
  // middleware replaced is not this one, so its 401 is returned as is.
  const sent = new WeakMap<Request, { token: string; copy: Request }>();
  return {
    async onRequest({ request }) {
      const { token, authorization } = await source.current(request.signal);
      request.headers.set('authorization', authorization);
      // Copied before fetch reads the body, so that the repeat can send it again.
      if (source.invalidate) sent.set(request, { token, copy: request.clone() });
      return request;
    },
    async onResponse({ request, response, options }) {
      const first = sent.get(request);
      sent.delete(request);
      // A 401 from another origin (after a redirect) is not about the token sent here.
      if (!first || response.status !== 401 || (response.url && new URL(response.url).origin !== new URL(first.copy.url).origin)) return undefined;
      await source.invalidate!(first.token);
      const fresh = await source.current(request.signal);
      if (fresh.token === first.token) return undefined;
      // Once, to the same URL, and never after a redirect: the token goes nowhere else.
      const repeat = new Request(first.copy, { redirect: 'manual' });
      repeat.headers.set('authorization', fresh.authorization);
      response.body?.cancel().catch(() => {});
      return options.fetch(repeat);
    },
  };
}
