/**
 * The built package (dist/), as the CLI and built-package tests use it. turbo's
 * test task depends on the build, so dist/ exists in CI; run by hand, build first:
 *   cd /work/main && TURBO_TELEMETRY_DISABLED=1 node_modules/.bin/turbo run build --filter=@tokens/sandbox...
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const packageDir = fileURLToPath(new URL('../..', import.meta.url));

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Throws when a dist file is missing or older than the newest file in src/: a stale build would test old code. */
export function assertFreshBuild(...distFiles: string[]): void {
  const source = newestMtime(join(packageDir, 'src'));
  for (const file of distFiles) {
    const path = join(packageDir, 'dist', file);
    let built: number;
    try {
      built = statSync(path).mtimeMs;
    } catch {
      throw new Error(`dist/${file} is missing: build @tokens/sandbox first (turbo run build --filter=@tokens/sandbox...)`);
    }
    if (built < source) throw new Error(`dist/${file} is older than src/: rebuild @tokens/sandbox (turbo run build --filter=@tokens/sandbox...)`);
  }
}
