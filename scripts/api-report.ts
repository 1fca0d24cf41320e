/**
 * Public API reports: `pnpm api:report` writes `packages/<name>/api-report.md`, API
 * Extractor's report of each published package's exported API (from the built
 * `dist/*.d.ts` of every entry in its `exports` map); `--check` (`pnpm check:api`, in CI)
 * fails, naming the package and showing the difference, when the exported API no longer
 * matches its committed report. Reports leave out doc comments, so a documentation
 * edit does not change them. Run after a build.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import apiExtractor from '@microsoft/api-extractor';

const { Extractor, ExtractorConfig, ExtractorLogLevel } = apiExtractor;
const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const REPORT_FILE = 'api-report.md';
const check = process.argv.includes('--check');
const name = check ? 'check:api' : 'api:report';

interface Manifest {
  name: string;
  private?: boolean;
  types?: string;
  exports?: Record<string, unknown> | string;
}

/** The declaration file of each entry point in the exports map (ESM types first). */
function entryPoints(manifest: Manifest): [string, string][] {
  const pick = (target: unknown): string | undefined => {
    if (typeof target !== 'object' || target === null) return undefined;
    const t = target as Record<string, unknown>;
    for (const condition of ['import', 'default', 'require']) {
      const nested = pick(t[condition]);
      if (nested) return nested;
    }
    return typeof t['types'] === 'string' ? t['types'] : undefined;
  };
  const exportsMap = typeof manifest.exports === 'object' ? manifest.exports : {};
  const entries: [string, string][] = [];
  for (const [subpath, target] of Object.entries(exportsMap)) {
    const types = pick(target);
    if (types && /\.d\.[cm]?ts$/.test(types)) entries.push([subpath, types]);
  }
  if (entries.length === 0 && manifest.types) entries.push(['.', manifest.types]);
  return entries;
}

async function extract(packageDir: string, manifest: Manifest, entry: string, workDir: string): Promise<string> {
  const config = ExtractorConfig.prepare({
    configObject: {
      projectFolder: packageDir,
      mainEntryPointFilePath: join(packageDir, entry),
      compiler: {
        overrideTsconfig: {
          compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', lib: ['ES2022', 'DOM', 'DOM.Iterable'], strict: true, skipLibCheck: true, types: [] },
          files: [join(packageDir, entry)],
        },
      },
      apiReport: { enabled: true, reportFolder: workDir, reportTempFolder: workDir, reportFileName: 'report' },
      docModel: { enabled: false },
      dtsRollup: { enabled: false },
      tsdocMetadata: { enabled: false },
      newlineKind: 'lf',
      messages: {
        compilerMessageReporting: { default: { logLevel: ExtractorLogLevel.Warning } },
        // A reference to a type the entry point does not export stays visible in the report.
        extractorMessageReporting: {
          default: { logLevel: ExtractorLogLevel.None, addToApiReportFile: false },
          'ae-forgotten-export': { logLevel: ExtractorLogLevel.None, addToApiReportFile: true },
        },
        tsdocMessageReporting: { default: { logLevel: ExtractorLogLevel.None } },
      },
    },
    configObjectFullPath: join(packageDir, 'api-extractor.json'),
    packageJsonFullPath: join(packageDir, 'package.json'),
  });
  const result = Extractor.invoke(config, {
    localBuild: true,
    typescriptCompilerFolder: join(repoRoot, 'node_modules', 'typescript'),
    messageCallback: (message) => {
      // "The API report file was missing" (each run writes to a fresh folder) and "Analysis will use the
      // bundled TypeScript" (API Extractor analyses with its own compiler; `typescriptCompilerFolder` gives it our lib typings).
      if (['console-api-report-created', 'console-api-report-copied', 'console-preamble'].includes(String(message.messageId))) message.handled = true;
    },
  });
  if (!result.succeeded) throw new Error(`API Extractor failed on ${manifest.name} (${entry}): ${result.errorCount} error(s)`);
  const report = await readFile(join(workDir, 'report.api.md'), 'utf8');
  // Doc comments are not API: drop API Extractor's "(undocumented)" markers.
  return report
    .split('\n')
    .filter((line) => line.trim() !== '// (undocumented)')
    .map((line) => line.replace(' (undocumented)', ''))
    .join('\n');
}

async function reportFor(packageDir: string, manifest: Manifest): Promise<string> {
  const entries = entryPoints(manifest);
  if (entries.length === 0) throw new Error(`${manifest.name}: no declaration file in its exports map or "types"`);
  const sections: string[] = [];
  for (const [subpath, types] of entries) {
    const workDir = await mkdtemp(join(tmpdir(), 'tokens-api-report-'));
    try {
      await readFile(join(packageDir, types)).catch(() => {
        throw new Error(`${manifest.name}: ${types} is missing: build first (\`pnpm build\`)`);
      });
      const report = await extract(packageDir, manifest, types, workDir);
      sections.push(entries.length === 1 ? report : `<!-- entry point: ${subpath} (${types}) -->\n\n${report}`);
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  }
  return sections.join('\n');
}

/** A unified diff of the committed report against the current API (by `git diff --no-index`). */
async function showDifference(committed: string, current: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tokens-api-diff-'));
  try {
    await writeFile(join(dir, 'committed'), committed);
    await writeFile(join(dir, 'current'), current);
    execFileSync('git', ['diff', '--no-index', '--no-color', '--', join(dir, 'committed'), join(dir, 'current')], { encoding: 'utf8' });
    return '';
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? '');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const problems: string[] = [];
const packagesDir = join(repoRoot, 'packages');
for (const dir of (await readdir(packagesDir)).sort()) {
  const packageDir = join(packagesDir, dir);
  const manifest = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8').catch(() => 'null')) as Manifest | null;
  if (!manifest) continue;
  const reportPath = join(packageDir, REPORT_FILE);
  const relativePath = `packages/${dir}/${REPORT_FILE}`;
  const committed = await readFile(reportPath, 'utf8').catch(() => undefined);
  if (manifest.private) {
    if (committed !== undefined) {
      if (check) problems.push(`${relativePath}: ${manifest.name} is private (not published): remove its API report`);
      else {
        await rm(reportPath);
        console.log(`${name}: removed ${relativePath} (${manifest.name} is private)`);
      }
    }
    continue;
  }
  const current = await reportFor(packageDir, manifest);
  if (committed === current) {
    console.log(`${name}: ${manifest.name}: ${relativePath} matches the exported API`);
  } else if (check) {
    problems.push(
      committed === undefined
        ? `${manifest.name}: ${relativePath} is missing`
        : `${manifest.name}: the exported API differs from ${relativePath}:\n${await showDifference(committed, current)}`,
    );
  } else {
    await writeFile(reportPath, current);
    console.log(`${name}: wrote ${relativePath} (${manifest.name})`);
  }
}
if (problems.length > 0) {
  for (const problem of problems) console.error(`${name}: ${problem}`);
  console.error(`${name}: if the API change is intended, run \`pnpm api:report\`, commit the report, and add a changeset with the bump it needs.`);
  process.exit(1);
}
