/**
 * Bundle size of what users ship (`pnpm size`): each package's ESM build minified
 * and gzipped by esbuild, without its dependencies, and openapi-fetch's own for
 * comparison. Run after `pnpm build`.
 */
import { gzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));

export interface SizeEntry {
  readonly label: string;
  /** Module source that imports what is measured. */
  readonly source: string;
  /** Packages left out of the bundle. */
  readonly external: readonly string[];
  /** Where the source's bare imports resolve from (default packages/core). */
  readonly resolveDir?: string;
}

/**
 * Minified and gzipped bytes of the bundle of `entry` (tree-shaken, ESM), resolved as a
 * bundler for the browser or a Worker does (a package's `browser` entry first), so that a
 * library with a Node and a fetch build (axios) is measured by the one an app like ours ships.
 */
export async function measure(entry: SizeEntry): Promise<{ minified: number; gzipped: number }> {
  const result = await build({
    stdin: { contents: entry.source, resolveDir: entry.resolveDir ?? join(repoRoot, 'packages', 'core'), loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    mainFields: ['browser', 'module', 'main'],
    external: [...entry.external],
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  return { minified: code.byteLength, gzipped: gzipSync(code, { level: 9 }).byteLength };
}

const entries: SizeEntry[] = [
  { label: '@tokens/core (without openapi-fetch)', source: `export * from '@tokens/core';`, external: ['openapi-fetch'] },
  { label: '@tokens/core + the openapi-fetch it uses', source: `export * from '@tokens/core';`, external: [] },
  { label: 'openapi-fetch (whole package)', source: `export * from 'openapi-fetch'; export { default } from 'openapi-fetch';`, external: [] },
];

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const entry of entries) {
    const { minified, gzipped } = await measure(entry);
    console.log(`${entry.label.padEnd(44)} ${(minified / 1000).toFixed(2).padStart(6)} kB min  ${(gzipped / 1000).toFixed(2).padStart(6)} kB min+gzip`);
  }
}
