import { createSpecClient, type SpecClient, type SpecClientOptions } from '@tokens/core';
import type { paths } from './generated/openapi';

export type * from './generated/openapi';

/** TransactionLink's production API (the old sandbox host was retired in 2026). */
export const TRANSACTIONLINK_BASE_URL = 'https://api.transactionlink.io';

export type TransactionLinkClientOptions = Partial<SpecClientOptions>;

export interface TransactionLinkClient {
  /** The whole TransactionLink spec as a typed openapi-fetch client. */
  readonly api: SpecClient<paths>;
}

export function createTransactionLinkClient(options: TransactionLinkClientOptions = {}): TransactionLinkClient {
  return { api: createSpecClient<paths>({ ...options, baseUrl: options.baseUrl ?? TRANSACTIONLINK_BASE_URL }) };
}
