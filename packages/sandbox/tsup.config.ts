import { defineConfig } from 'tsup';

export default defineConfig([
  // The library: ESM and CommonJS, with declarations.
  { entry: ['src/index.ts'], format: ['esm', 'cjs'], dts: true, clean: true, sourcemap: true, target: 'es2022' },
  // The CLI: ESM only (it uses top-level await).
  { entry: ['src/cli.ts'], format: ['esm'], target: 'es2022' },
]);
