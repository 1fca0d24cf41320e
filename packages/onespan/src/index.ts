import { createApiClient, type ApiClient, type ClientOptions } from '@tokens/core';
import type { paths } from './generated/openapi';

export type * from './generated/openapi';

/** `baseUrl` is required: OneSpan hosts each tenant on its own URL, e.g. `https://gs.onespan.cloud/rpoc-saa`. */
export type OneSpanClientOptions = ClientOptions & { baseUrl: string };

export interface OneSpanClient {
  /** The whole OneSpan spec as a typed client. */
  readonly api: ApiClient<paths>;
}

export function createOneSpanClient(options: OneSpanClientOptions): OneSpanClient {
  return {
    api: createApiClient<paths>({
      ...options,
      provider: 'onespan',
      // Safe to repeat: a repeated call only issues another session creation token for the transaction.
      safeToRepeat: () => true,
    }),
  };
}
