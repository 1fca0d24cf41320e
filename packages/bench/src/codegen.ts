/**
 * Figure 4: regenerating every client (`tsx scripts/generate.ts`, in a child process)
 * against `tsx` running an empty script; and a no-change `turbo run build`, which must be
 * fully cached, against `turbo --version`. The order: one untimed build (`warmTurbo`),
 * the codegen runs, then the timed no-change builds.
 */
import { join } from 'node:path';
import { benchDir, binDir, repoRoot, timeChildOk } from './child';

export const CODEGEN_BASELINE = 'tsx, an empty script';
export const CODEGEN = 'tsx scripts/generate.ts';
export const TURBO_BASELINE = 'turbo --version';
export const TURBO_BUILD = 'turbo run build, no change';

export interface TurboRun {
  readonly ms: number;
  readonly cached: number;
  readonly total: number;
  readonly fullTurbo: boolean;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/** turbo's closing summary: `Cached:    7 cached, 7 total` and, when nothing ran, `>>> FULL TURBO`. */
export function parseTurboSummary(output: string): { cached: number; total: number; fullTurbo: boolean } {
  const text = output.replace(ANSI, '');
  const match = /Cached:\s+(\d+) cached, (\d+) total/.exec(text);
  if (!match) throw new Error(`no "Cached: N cached, N total" line in turbo's output:\n${text}`);
  return { cached: Number(match[1]), total: Number(match[2]), fullTurbo: text.includes('FULL TURBO') };
}

export async function measureCodegen(runs: number): Promise<Map<string, number[]>> {
  const tsx = join(binDir, 'tsx');
  const times = new Map<string, number[]>([
    [CODEGEN_BASELINE, []],
    [CODEGEN, []],
  ]);
  for (let run = 0; run < runs; run++) {
    times.get(CODEGEN_BASELINE)!.push((await timeChildOk(tsx, [join(benchDir, 'src', 'empty.ts')], repoRoot)).ms);
    times.get(CODEGEN)!.push((await timeChildOk(tsx, ['scripts/generate.ts'], repoRoot)).ms);
  }
  return times;
}

/**
 * One untimed `turbo run build` before the codegen runs: whatever changed in the tree
 * before the figure started is built here, so that the timed runs after codegen show
 * whether codegen itself (writing the same files) or turbo left anything to rebuild.
 */
export async function warmTurbo(): Promise<TurboRun> {
  const build = await timeChildOk(join(binDir, 'turbo'), ['run', 'build', '--output-logs=errors-only'], repoRoot);
  return { ms: build.ms, ...parseTurboSummary(build.stdout + build.stderr) };
}

export async function measureTurbo(runs: number): Promise<{ times: Map<string, number[]>; builds: TurboRun[] }> {
  const turbo = join(binDir, 'turbo');
  const times = new Map<string, number[]>([
    [TURBO_BASELINE, []],
    [TURBO_BUILD, []],
  ]);
  const builds: TurboRun[] = [];
  for (let run = 0; run < runs; run++) {
    times.get(TURBO_BASELINE)!.push((await timeChildOk(turbo, ['--version'], repoRoot)).ms);
    const build = await timeChildOk(turbo, ['run', 'build', '--output-logs=errors-only'], repoRoot);
    times.get(TURBO_BUILD)!.push(build.ms);
    builds.push({ ms: build.ms, ...parseTurboSummary(build.stdout + build.stderr) });
  }
  return { times, builds };
}
