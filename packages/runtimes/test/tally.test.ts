/** The runner fails a runtime on its tally line: a failed check, a missing one, another version than pinned, no line at all. */
import { describe, expect, it } from 'vitest';
import { tallyProblem } from '../src/tally.ts';

describe('tallyProblem', () => {
  it('passes the pinned runtime with every check passed', () => {
    expect(tallyProblem('bun 1.4.5', '  some log line\nbun 1.4.5: 11 passed, 0 failed', 11)).toBeUndefined();
  });

  it('fails a run with a failed check', () => {
    expect(tallyProblem('bun 1.4.5', '  FAIL finpay token: TypeError\nbun 1.4.5: 10 passed, 1 failed', 11)).toBe('bun 1.4.5: 10 of 11 checks passed');
  });

  it('fails a run that ran fewer checks than the suite has', () => {
    expect(tallyProblem('deno 2.9.6', 'deno 2.9.6: 3 passed, 0 failed', 11)).toBe('deno 2.9.6: 3 of 11 checks passed');
  });

  it('fails another version than the pinned one', () => {
    expect(tallyProblem('node 26.10.0', 'node 26.9.0: 11 passed, 0 failed', 11)).toBe('ran node 26.9.0, pinned node 26.10.0');
  });

  it('fails a run that printed no tally (a crash)', () => {
    expect(tallyProblem('node 20.20.2', 'SyntaxError: Unexpected token', 11)).toBe('node 20.20.2: printed no "N passed, N failed" line');
  });
});
