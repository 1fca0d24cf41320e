/**
 * fast-check settings every property test shares: a seed that is printed before
 * the run (fast-check prints it again, with the shrunk counterexample, on failure)
 * and can be replayed with FC_SEED=<seed>.
 */
export function propertyRuns(name: string, numRuns: number): { seed: number; numRuns: number } {
  const seed = process.env['FC_SEED'] === undefined ? Date.now() % 2 ** 31 : Number(process.env['FC_SEED']);
  console.log(`fast-check ${name}: seed ${seed}, ${numRuns} runs (replay with FC_SEED=${seed})`);
  return { seed, numRuns };
}
