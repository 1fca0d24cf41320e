/** The bench's own helpers: parsing turbo's summary and the min/median/max it prints. No figure is asserted here. */
import { describe, expect, it } from 'vitest';
import { parseTurboSummary } from '../src/codegen';
import { summarize, table } from '../src/stats';

describe('parseTurboSummary', () => {
  it('reads a fully cached run', () => {
    const output = ' Tasks:    7 successful, 7 total\nCached:    7 cached, 7 total\n  Time:    49ms >>> FULL TURBO\n';
    expect(parseTurboSummary(output)).toEqual({ cached: 7, total: 7, fullTurbo: true });
  });

  it('reads a run that built something, colours and all', () => {
    const output = '\u001b[1mCached:\u001b[0m    \u001b[1m3 cached, 7 total\u001b[0m\n  Time:    30.2s\n';
    expect(parseTurboSummary(output)).toEqual({ cached: 3, total: 7, fullTurbo: false });
  });

  it('fails on output without the summary line', () => {
    expect(() => parseTurboSummary('x Unable to find package manager binary')).toThrow(/Cached: N cached/);
  });
});

describe('summarize and table', () => {
  it('gives min, median and max (the mean of the middle two for an even count)', () => {
    expect(summarize([3, 1, 2])).toEqual({ min: 1, median: 2, max: 3, runs: 3 });
    expect(summarize([4, 1, 3, 2])).toEqual({ min: 1, median: 2.5, max: 4, runs: 4 });
  });

  it('prints each row with its ratio to the baseline', () => {
    const text = table({
      unit: 'ms',
      baseline: 'base',
      rows: [
        { label: 'base', values: [1, 1, 1] },
        { label: 'other', values: [2, 2, 2], note: 'goal' },
      ],
    });
    expect(text).toMatch(/base .* 1\.00× +baseline/);
    expect(text).toMatch(/other .* 2\.00× +2\.00×–2\.00× +goal/);
  });
});
