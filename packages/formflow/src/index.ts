import { createApiClient, type ApiClient, type ClientOptions } from '@tokens/core';
import type { paths } from './generated/openapi';

export type * from './generated/openapi';

export const FORMFLOW_BASE_URL = 'https://main.formflow-dev.net';

export type FormflowClientOptions = ClientOptions;

export interface FormflowClient {
  /** The whole Formflow spec as a typed client. */
  readonly api: ApiClient<paths>;
}

export function createFormflowClient(options: FormflowClientOptions = {}): FormflowClient {
  return {
    api: createApiClient<paths>({
      ...options,
      provider: 'formflow',
      baseUrl: options.baseUrl ?? FORMFLOW_BASE_URL,
      // Safe to repeat: a repeated POST /api/token only issues another access token.
      safeToRepeat: () => true,
    }),
  };
}
