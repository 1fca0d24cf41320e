/** Times child processes: wall time from spawn to exit, with their output. */
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
export const benchDir = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const binDir = join(repoRoot, 'node_modules', '.bin');

/** The environment children run in: the repo's tools (turbo, tsx, and the pnpm turbo looks for) first on PATH, no telemetry. */
export const childEnv = (): NodeJS.ProcessEnv => ({
  ...process.env,
  PATH: [binDir, dirname(process.execPath), process.env['PATH'] ?? ''].join(':'),
  TURBO_TELEMETRY_DISABLED: '1',
  DO_NOT_TRACK: '1',
});

export interface Timed {
  readonly ms: number;
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function timeChild(command: string, args: readonly string[], cwd: string): Promise<Timed> {
  return new Promise((resolveRun, reject) => {
    const start = performance.now();
    const child = spawn(command, args, { cwd, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolveRun({ ms: performance.now() - start, code, stdout, stderr }));
  });
}

/** Like timeChild, but a non-zero exit is an error naming the command and its output. */
export async function timeChildOk(command: string, args: readonly string[], cwd: string): Promise<Timed> {
  const run = await timeChild(command, args, cwd);
  if (run.code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${run.code}:\n${run.stdout}${run.stderr}`);
  return run;
}
