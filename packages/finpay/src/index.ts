import { createApiClient, type ApiClient, type ClientOptions } from '@tokens/core';
import type { paths } from './generated/openapi';

export type * from './generated/openapi';

/**
 * Finpay's development host, the only one Finpay publishes. There is no default
 * production URL: pass yours as `baseUrl`.
 */
export const FINPAY_DEVELOPMENT_BASE_URL = 'https://demos.finnet.co.id/apicobrand';

export type FinpayClientOptions = ClientOptions;

export interface FinpayClient {
  /** The whole Finpay spec as a typed client. */
  readonly api: ApiClient<paths>;
}

export function createFinpayClient(options: FinpayClientOptions = {}): FinpayClient {
  return {
    api: createApiClient<paths>({
      ...options,
      provider: 'finpay',
      baseUrl: options.baseUrl ?? FINPAY_DEVELOPMENT_BASE_URL,
      // Not safe to repeat: Finpay wants a unique transNumber per request, so the same signed
      // body sent twice may be refused as a duplicate. Only 408, 429 and refused connections
      // (the request was not acted on) are retried.
      safeToRepeat: () => false,
    }),
  };
}
