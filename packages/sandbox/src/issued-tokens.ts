/**
 * The bearer tokens the sandbox issued and still honours, per provider: what a
 * protected call checks, what tests revoke to make the sandbox refuse a token a
 * client still has cached, and how many were issued (to count refreshes).
 */
export type BearerProvider = 'formflow' | 'transactionlink';

export interface IssuedTokens {
  /** Records a token the provider just issued, good until `expiresAtMs` on the sandbox clock. */
  add(provider: BearerProvider, token: string, expiresAtMs: number): void;
  /** Whether the provider issued `token`, it has not expired and was not revoked. */
  honours(provider: BearerProvider, token: string): boolean;
  /** Refuses from now on every token the provider issued so far; how many were still honoured. */
  revoke(provider: BearerProvider): number;
  /** How many tokens the provider has issued since the sandbox started. */
  count(provider: BearerProvider): number;
}

export function createIssuedTokens(now: () => number): IssuedTokens {
  const live = { formflow: new Map<string, number>(), transactionlink: new Map<string, number>() }; // token → expiry (ms)
  const issued = { formflow: 0, transactionlink: 0 };
  return {
    add(provider, token, expiresAtMs) {
      live[provider].set(token, expiresAtMs);
      issued[provider]++;
    },
    honours: (provider, token) => (live[provider].get(token) ?? -Infinity) > now(),
    revoke(provider) {
      const honoured = [...live[provider].values()].filter((expiry) => expiry > now()).length;
      live[provider].clear();
      return honoured;
    },
    count: (provider) => issued[provider],
  };
}
