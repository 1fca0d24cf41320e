import { createApiClient, type ApiClient, type ClientOptions } from '@tokens/core';
import type { paths } from './generated/openapi';

export type * from './generated/openapi';

/** TransactionLink's production API (the old sandbox host was retired in 2026). */
export const TRANSACTIONLINK_BASE_URL = 'https://api.transactionlink.io';

export type TransactionLinkClientOptions = ClientOptions;

export interface TransactionLinkClient {
  /** The whole TransactionLink spec as a typed client; `version: 2` picks `application/json;version=2`. */
  readonly api: ApiClient<paths>;
}

export function createTransactionLinkClient(options: TransactionLinkClientOptions = {}): TransactionLinkClient {
  return {
    api: createApiClient<paths>({
      ...options,
      provider: 'transactionlink',
      baseUrl: options.baseUrl ?? TRANSACTIONLINK_BASE_URL,
      // Safe to repeat: a repeated POST /token only mints another one-time token (unused ones
      // expire), and a repeated login or refresh only issues another access token.
      safeToRepeat: () => true,
    }),
  };
}
