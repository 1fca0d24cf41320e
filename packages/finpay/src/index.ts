import { createSpecClient, type SpecClient, type SpecClientOptions } from '@tokens/core';
import type { paths } from './generated/openapi';

export type * from './generated/openapi';

/**
 * Finpay's development host, the only one Finpay publishes. There is no default
 * production URL: pass yours as `baseUrl`.
 */
export const FINPAY_DEVELOPMENT_BASE_URL = 'https://demos.finnet.co.id/apicobrand';

export type FinpayClientOptions = Partial<SpecClientOptions>;

export interface FinpayClient {
  /** The whole Finpay spec as a typed openapi-fetch client. */
  readonly api: SpecClient<paths>;
}

export function createFinpayClient(options: FinpayClientOptions = {}): FinpayClient {
  return { api: createSpecClient<paths>({ ...options, baseUrl: options.baseUrl ?? FINPAY_DEVELOPMENT_BASE_URL }) };
}
