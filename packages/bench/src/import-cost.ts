/**
 * Figure 5: `import` of each built package in a fresh Node process, against the same
 * program importing an empty module. Two figures per child: its wall time from spawn to
 * exit (what a CLI or a cold serverless start pays, Node's own start-up included), and the
 * time of the `await import()` itself, measured inside the child (the package alone).
 * Runs interleave the targets.
 */
import { benchDir, timeChildOk } from './child';

export const IMPORT_BASELINE = 'an empty module';
const EMPTY_MODULE = 'data:text/javascript,';

export const importTargets = [
  '@tokens/transactionlink',
  '@tokens/formflow',
  '@tokens/finpay',
  '@tokens/onespan',
  '@tokens/core',
  'openapi-fetch',
  'axios',
] as const;

export const isProvider = (target: string): boolean => target !== '@tokens/core' && target.startsWith('@tokens/');

/** The child: imports `specifier` (resolved from packages/bench) and prints how long the import took, in ms. */
const program = (specifier: string) =>
  `const start = performance.now(); await import(${JSON.stringify(specifier)}); process.stdout.write(String(performance.now() - start));`;

export interface ImportTimes {
  /** Spawn to exit, ms per run, by label. */
  readonly wall: Map<string, number[]>;
  /** The `await import()` inside the child, ms per run, by label. */
  readonly inProcess: Map<string, number[]>;
}

export async function measureImports(runs: number): Promise<ImportTimes> {
  const scripts: [label: string, source: string][] = [
    [IMPORT_BASELINE, program(EMPTY_MODULE)],
    ...importTargets.map((target): [string, string] => [target, program(target)]),
  ];
  const wall = new Map<string, number[]>(scripts.map(([label]) => [label, []]));
  const inProcess = new Map<string, number[]>(scripts.map(([label]) => [label, []]));
  const args = (source: string) => ['--input-type=module', '-e', source];
  // One untimed pass: the files are in the OS cache for every timed run.
  for (const [, source] of scripts) await timeChildOk(process.execPath, args(source), benchDir);
  for (let run = 0; run < runs; run++) {
    for (let i = 0; i < scripts.length; i++) {
      const [label, source] = scripts[(i + run) % scripts.length]!;
      const child = await timeChildOk(process.execPath, args(source), benchDir);
      wall.get(label)!.push(child.ms);
      inProcess.get(label)!.push(Number(child.stdout));
    }
  }
  return { wall, inProcess };
}
