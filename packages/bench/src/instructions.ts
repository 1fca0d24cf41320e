/**
 * `pnpm --filter @tokens/bench run instructions [overhead|http] [label…]`: CPU instructions
 * per call of figure 1's (stubbed fetch) or figure 2's (real HTTP; the client process only,
 * the server runs outside valgrind) contenders, counted by valgrind's callgrind, which counts
 * the same whatever else the machine runs (wall-clock figures on a shared machine are not).
 * Each contender runs in its own process twice, a short and a long series of calls after the
 * same warm-up; the difference of the two counts over the difference of the calls is what one
 * call costs, start-up and warm-up cancelled out. For choosing between code variants; the
 * goals stay `pnpm bench`'s.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { drive, httpContenders, startTokenServer } from './http';
import { overheadContenders } from './overhead';

const WARMUP = 2_000;
const SHORT = 500;
const LONG = 6_000;

async function runCalls(figure: string, label: string, calls: number): Promise<void> {
  if (figure === 'http') {
    const server = await startTokenServer();
    const contender = httpContenders(server.url).find((candidate) => candidate.label === label);
    try {
      if (!contender) throw new Error(`no contender ${label}`);
      // Fewer in flight than figure 2's 64: under valgrind's slowdown 64 queued requests would outlast the 30 s timeout.
      await drive(contender.call, WARMUP + calls, 8);
    } finally {
      contender?.close?.();
      await server.close();
    }
    return;
  }
  const contender = overheadContenders().find((candidate) => candidate.label === label);
  if (!contender) throw new Error(`no contender ${label}`);
  for (let i = 0; i < WARMUP + calls; i++) await contender.fn();
}

/** Instructions of a whole child process (single-threaded V8, so that background compilation is counted the same way each run). */
function countInstructions(script: string, figure: string, label: string, calls: number): number {
  const args = ['--tool=callgrind', '--callgrind-out-file=/dev/null', process.execPath, '--single-threaded', script, '--child', figure, label, String(calls)];
  const run = spawnSync('valgrind', args, { encoding: 'utf8' });
  const collected = /Collected : (\d+)/.exec(run.stderr);
  if (run.status !== 0 || !collected) throw new Error(`${label}: valgrind failed (is it installed?)\n${run.error ?? run.stderr}`);
  return Number(collected[1]);
}

const args = process.argv.slice(2);
if (args[0] === '--child') await runCalls(args[1]!, args[2]!, Number(args[3]));
else {
  const figure = args[0] === 'http' || args[0] === 'overhead' ? args.shift()! : 'overhead';
  // The child is this file bundled once (the built packages left as imports), so that no TypeScript loader runs under
  // valgrind; next to it, so that http.ts finds its server script (git-ignored).
  const here = fileURLToPath(import.meta.url);
  const script = join(dirname(here), 'instructions.bundle.mjs');
  await build({ entryPoints: [here], bundle: true, packages: 'external', platform: 'node', format: 'esm', outfile: script, logLevel: 'error' });
  const all = figure === 'http' ? httpContenders('http://127.0.0.1:1').map((contender) => contender.label) : overheadContenders().map((contender) => contender.label);
  const labels = args.length > 0 ? args : all;
  for (const label of labels) {
    const [short, long] = [countInstructions(script, figure, label, SHORT), countInstructions(script, figure, label, LONG)];
    const perCall = (long - short) / (LONG - SHORT);
    const whole = (count: number) => `${(count / 1e6).toFixed(1)}M`;
    console.log(`${label.padEnd(56)} ${Math.round(perCall).toLocaleString('en').padStart(10)} instructions a call  (whole process: ${whole(short)} for ${SHORT}, ${whole(long)} for ${LONG} calls after ${WARMUP})`);
  }
}
