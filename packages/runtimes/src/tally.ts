/** Reads a runtime's `<runtime> <version>: N passed, N failed` line. */
import { CHECK_COUNT } from './checks.ts';

/** What is wrong with one runtime's output, if anything: no tally, another version than pinned, a failed or missing check. */
export function tallyProblem(expected: string, printed: string, checkCount: number = CHECK_COUNT): string | undefined {
  const tally = [...printed.matchAll(/^(.+): (\d+) passed, (\d+) failed$/gm)].pop();
  if (!tally) return `${expected}: printed no "N passed, N failed" line`;
  const [, runtime, passed, failed] = tally;
  if (runtime !== expected) return `ran ${runtime}, pinned ${expected}`;
  if (Number(failed) > 0 || Number(passed) !== checkCount) return `${expected}: ${passed} of ${checkCount} checks passed`;
  return undefined;
}
