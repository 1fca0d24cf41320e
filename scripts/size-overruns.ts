/**
 * Entries `pnpm check:size` lets go over their budget of issue 6, each up to a ceiling
 * (min+gzip bytes, a little above today's size) and for a reason. Every one is a
 * decision to revisit, not a new budget: the report still prints the entry OVER its
 * budget, the check fails the day it grows past its ceiling, and it fails too once the
 * entry fits its budget again, until the line here is removed. BENCHMARKS.md gives the
 * cost of each piece behind these figures.
 */
export interface AcceptedOverrun {
  /** The entry's label, as `pnpm check:size` prints it. */
  readonly label: string;
  /** Bytes of min+gzip it may not exceed. */
  readonly ceiling: number;
  /** What it pays for that the budget has no room for. */
  readonly why: string;
}

export const ACCEPTED_OVERRUNS: readonly AcceptedOverrun[] = [
  {
    label: '@tokens/core (without openapi-fetch)',
    ceiling: 5_400,
    why: 'the runtime the contract promises: createApiClient alone (negotiation, six error classes, timeouts, retries, redaction) is 4.1 kB, the token cache 0.5 kB more; issue 12 adds 0.7 kB (error brands that hold across ESM and CommonJS, the token-answer redaction rule, secrets cut out also JSON-escaped and URL-encoded)',
  },
  {
    label: '@tokens/transactionlink (without core, openapi-fetch)',
    ceiling: 2_050,
    why: 'key/secret login with refresh and fallback, and input checks: their names and messages alone are 0.9 kB; issue 12 adds the expired-on-arrival check and hides the token a refresh replaces',
  },
  {
    label: '@tokens/finpay (without core, openapi-fetch)',
    ceiling: 3_000,
    why: 'a synchronous SHA-256/HMAC that runs on every runtime (0.54 kB), GMT+7 timestamps, input checks, and (issue 12) the expired-on-arrival check',
  },
  {
    label: 'one-call app, finpay + core + openapi-fetch',
    ceiling: 8_400,
    why: "finpay's signer on top of core's overrun",
  },
  {
    label: 'one-call app, transactionlink + core + openapi-fetch',
    ceiling: 7_450,
    why: "core's issue-12 hardening (error brands, token-answer redaction) on top of the login and version negotiation",
  },
];
