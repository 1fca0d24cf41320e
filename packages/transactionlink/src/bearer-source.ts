/** What TransactionLink's authMiddleware() sends: the login's cached access token, or the fixed organization token. */
import type { BearerSource } from '@tokens/core';
import type { Login } from './login';

export function loginBearer({ cache }: Login): BearerSource {
  return {
    current: async (signal) => {
      const { token } = await cache.get({ signal });
      return { token, authorization: `Bearer ${token}` };
    },
    // One refresh however many requests report the same token; a report about a token no longer cached does nothing.
    invalidate: (token) => cache.invalidate(token),
  };
}

/** An organization token cannot be renewed: no invalidate, so a 401 to it is returned as it is. */
export const fixedBearer = (token: string, authorization: string): BearerSource => ({ current: async () => ({ token, authorization }) });
