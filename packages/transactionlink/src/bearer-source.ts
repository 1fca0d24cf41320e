/** What TransactionLink's authMiddleware() sends: the login's cached access token, or the fixed organization token. */
import type { BearerSource } from './auth-middleware';
import type { Login } from './login';

export function loginBearer({ cache }: Login): BearerSource {
  return {
    current: async () => {
      const { token } = await cache.get();
      return { token, authorization: `Bearer ${token}` };
    },
    // Until core's cache has invalidate(token): refresh only while the refused token is still the cached one.
    invalidate: async (token) => {
      if ((await cache.get()).token === token) await cache.get({ forceRefresh: true });
    },
  };
}

/** An organization token cannot be renewed: no invalidate, so a 401 to it is returned as it is. */
export const fixedBearer = (token: string, authorization: string): BearerSource => ({ current: async () => ({ token, authorization }) });
