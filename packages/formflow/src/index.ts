import { createSpecClient, type SpecClient, type SpecClientOptions } from '@tokens/core';
import type { paths } from './generated/openapi';

export type * from './generated/openapi';

export const FORMFLOW_BASE_URL = 'https://main.formflow-dev.net';

export type FormflowClientOptions = Partial<SpecClientOptions>;

export interface FormflowClient {
  /** The whole Formflow spec as a typed openapi-fetch client. */
  readonly api: SpecClient<paths>;
}

export function createFormflowClient(options: FormflowClientOptions = {}): FormflowClient {
  return { api: createSpecClient<paths>({ ...options, baseUrl: options.baseUrl ?? FORMFLOW_BASE_URL }) };
}
