/**
 * Builds what each runtime runs from src/, with esbuild.
 * - Node, Bun and Deno get the checks with the @tokens packages left as imports, so
 *   that each runtime resolves the built packages itself (their `exports` maps).
 * - workerd gets one Worker module bundled the way a user's bundler (wrangler's esbuild)
 *   makes it: the packages' worker/browser-facing entries, everything inlined.
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const packageRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));
/** Inside the package, so that bare imports resolve from its node_modules. */
export const outDir = join(packageRoot, '.out');

/** What every bundle here shares: one ES module for the engines of 2022 and later. */
const common = { bundle: true, format: 'esm', target: 'es2022', logLevel: 'warning' } as const;

export async function bundleCli(): Promise<string> {
  const outfile = join(outDir, 'checks.mjs');
  await mkdir(outDir, { recursive: true });
  await build({
    entryPoints: [join(packageRoot, 'src', 'cli-entry.ts')],
    outfile,
    ...common,
    packages: 'external',
    platform: 'neutral',
  });
  return outfile;
}

export interface WorkerBundleOptions {
  /** Output file name inside .out/. */
  readonly name?: string;
  /** Packages replaced by another module (the test's Node-only fixture). */
  readonly alias?: Readonly<Record<string, string>>;
}

export async function bundleWorker(options: WorkerBundleOptions = {}): Promise<string> {
  const outfile = join(outDir, options.name ?? 'worker.mjs');
  await mkdir(outDir, { recursive: true });
  await build({
    entryPoints: [join(packageRoot, 'src', 'worker-entry.ts')],
    outfile,
    ...common,
    platform: 'browser',
    // What wrangler resolves with: a package's workerd/worker/browser entry first.
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['browser', 'module', 'main'],
    // Left as imports for workerd to judge: without nodejs_compat it has no node:* module,
    // so a package that needs one fails to load there, as it would when deployed.
    external: ['node:*'],
    ...(options.alias && { alias: { ...options.alias } }),
  });
  return outfile;
}
