/**
 * `pnpm runtimes`: the checks of src/checks.ts, through the built packages, against one
 * sandbox on 127.0.0.1, in every runtime we claim, all at once. Each runtime prints its
 * name, version and `N passed, N failed`; exits 1 when any runtime failed a check, ran
 * another version than pinned, or printed no tally. Run after `pnpm build`.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startSandbox } from '@tokens/sandbox';
import { bundleCli, bundleWorker, packageRoot } from './bundle.ts';
import { CHECK_COUNT, report, type SandboxConfig } from './checks.ts';
import { tallyProblem } from './tally.ts';
import { runInWorkerd, workerdName, workerdVersion } from './workerd.ts';
import { NODE_VERSIONS } from './versions.ts';

const run = promisify(execFile);
const bin = (name: string) => join(packageRoot, 'node_modules', '.bin', name);
const pinned = (name: string) => (JSON.parse(readFileSync(join(packageRoot, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

interface Leg {
  /** `<runtime> <version>`, as the runtime must print it. */
  readonly expected: string;
  /** The lines the run printed. */
  readonly run: () => Promise<string>;
}

/** The `node` binary of the npm `node` package at `version` (npx caches it). */
async function nodeBinary(version: string): Promise<string> {
  const { stdout } = await run('npx', ['-y', '-p', `node@${version}`, '-c', 'node -p process.execPath']);
  return stdout.trim().split('\n').pop()!;
}

/** A child's output, whether it exited 0 or not (a failed check exits 1; the tally says why). */
async function output(file: string, args: readonly string[]): Promise<string> {
  try {
    const { stdout, stderr } = await run(file, [...args], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    return stdout + stderr;
  } catch (error) {
    const { stdout = '', stderr = '', message } = error as { stdout?: string; stderr?: string; message: string };
    return `${stdout}${stderr}` || message;
  }
}

function legs(cli: string, worker: string, config: SandboxConfig): Leg[] {
  const json = JSON.stringify(config);
  return [
    ...NODE_VERSIONS.map((version): Leg => ({ expected: `node ${version}`, run: async () => output(await nodeBinary(version), [cli, json]) })),
    { expected: `bun ${pinned('bun')}`, run: () => output(bin('bun'), [cli, json]) },
    // 127.0.0.1 and nothing else; the packages are read as modules, which needs no --allow-read.
    { expected: `deno ${pinned('deno')}`, run: () => output(bin('deno'), ['run', '--no-prompt', '--allow-net=127.0.0.1', cli, json]) },
    {
      expected: `workerd ${workerdVersion}`,
      run: async () => {
        try {
          return [`  (${workerdName})`, ...report(`workerd ${workerdVersion}`, await runInWorkerd(worker, config))].join('\n');
        } catch (error) {
          return `  the Worker did not load: ${error instanceof Error ? error.message : String(error)}\nworkerd ${workerdVersion}: 0 passed, ${CHECK_COUNT} failed`;
        }
      },
    },
  ];
}

const sandbox = await startSandbox();
try {
  const config: SandboxConfig = { urls: sandbox.urls, credentials: sandbox.credentials };
  const [cli, worker] = await Promise.all([bundleCli(), bundleWorker()]);
  const runs = legs(cli, worker, config);
  // All at once (one sandbox serves them all), printed in a fixed order.
  const printed = await Promise.all(
    runs.map(async (leg) => {
      try {
        return (await leg.run()).trimEnd();
      } catch (error) {
        // The runtime could not be had (npx, a missing binary): no tally, so the leg fails.
        return `  ${leg.expected} did not start: ${error instanceof Error ? error.message : String(error)}`;
      }
    }),
  );
  const problems: string[] = [];
  runs.forEach(({ expected }, index) => {
    console.log(printed[index]);
    const problem = tallyProblem(expected, printed[index]!);
    if (problem) problems.push(problem);
  });
  for (const problem of problems) console.error(`runtimes: ${problem}`);
  process.exitCode = problems.length > 0 ? 1 : 0;
} finally {
  await sandbox.close();
}
