/**
 * Runs contenders back to back, several times, with tinybench: each run is a fresh
 * Bench (warm-up, then `timeMs` of iterations) over every contender, the order rotated
 * from run to run so that no contender always goes first (or last, after the others'
 * garbage). A run's figure is tinybench's mean time per iteration (`period`), garbage
 * collection included, divided by the calls one iteration makes.
 */
import { Bench } from 'tinybench';

export interface Contender {
  readonly label: string;
  readonly fn: () => unknown;
  /** Calls one invocation of `fn` makes (to time calls too short for a timer one by one). Default 1. */
  readonly batch?: number;
}

export interface RunSettings {
  readonly runs: number;
  readonly timeMs: number;
  readonly warmupMs: number;
}

/** ms per call, one value per run, by contender label. */
export async function timePerCall(contenders: readonly Contender[], { runs, timeMs, warmupMs }: RunSettings): Promise<Map<string, number[]>> {
  const times = new Map<string, number[]>(contenders.map((contender) => [contender.label, []]));
  for (let run = 0; run < runs; run++) {
    const bench = new Bench({ time: timeMs, warmupTime: warmupMs, warmup: true, throws: true });
    const order = contenders.map((_, i) => contenders[(i + run) % contenders.length]!);
    for (const contender of order) bench.add(contender.label, contender.fn);
    await bench.run();
    for (const contender of order) {
      const result = bench.getTask(contender.label)!.result;
      if (result.state !== 'completed') throw new Error(`${contender.label}: tinybench ended ${result.state}`);
      times.get(contender.label)!.push(result.period / (contender.batch ?? 1));
    }
  }
  return times;
}
