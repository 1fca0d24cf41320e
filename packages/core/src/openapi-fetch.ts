/**
 * openapi-fetch's `createClient`, reached through a namespace import: its default
 * export does not survive tsup's CommonJS interop in a `"type": "module"` package
 * (the CJS build sees the module object as the default; see the require() tests
 * of every package), so both shapes are accepted here.
 */
import * as openapiFetch from 'openapi-fetch';
import type { Client, ClientOptions } from 'openapi-fetch';

type CreateClient = <Paths extends {}>(options?: ClientOptions) => Client<Paths>;

const exported = (openapiFetch as unknown as { default: CreateClient | { default: CreateClient } }).default;
export const createClient: CreateClient = typeof exported === 'function' ? exported : exported.default;

/** What a plain call's request is built with, as openapi-fetch builds its own (direct-request.ts); named, so that bundlers can leave the rest out. */
export { createFinalURL, createQuerySerializer, defaultPathSerializer, removeTrailingSlash } from 'openapi-fetch';
