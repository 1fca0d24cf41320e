/**
 * The parts of openapi-fetch the runtime builds requests with: its path and
 * query serialization (OpenAPI styles) and URL assembly. Named imports only:
 * openapi-fetch's default export does not survive tsup's CommonJS interop in a
 * `"type": "module"` package (see the require() tests of every package).
 */
export { createFinalURL, createQuerySerializer, defaultPathSerializer } from 'openapi-fetch';
