export { createSpecClient } from './spec-client';
export type { SpecClient, SpecClientOptions } from './spec-client';
