import { createSpecClient, type SpecClient, type SpecClientOptions } from '@tokens/core';
import type { paths } from './generated/openapi';

export type * from './generated/openapi';

/** `baseUrl` is required: OneSpan hosts each tenant on its own URL, e.g. `https://gs.onespan.cloud/rpoc-saa`. */
export type OneSpanClientOptions = SpecClientOptions;

export interface OneSpanClient {
  /** The whole OneSpan spec as a typed openapi-fetch client. */
  readonly api: SpecClient<paths>;
}

export function createOneSpanClient(options: OneSpanClientOptions): OneSpanClient {
  return { api: createSpecClient<paths>(options) };
}
