/** Min/median/max over runs, ratios, and the fixed-width tables every figure prints. */

export interface Summary {
  readonly min: number;
  readonly median: number;
  readonly max: number;
  readonly runs: number;
}

export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) throw new Error('summarize: no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { min: sorted[0]!, median, max: sorted[sorted.length - 1]!, runs: sorted.length };
}

/** A duration in ms, in the unit that reads best (ns, µs, ms, s). */
export function formatMs(ms: number): string {
  if (ms < 0.001) return `${(ms * 1e6).toFixed(0)} ns`;
  if (ms < 1) return `${(ms * 1e3).toFixed(2)} µs`;
  if (ms < 1000) return `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

/** A rate, e.g. 12.3k/s. */
export function formatRate(perSecond: number): string {
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(2)}M/s`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(1)}k/s`;
  return `${perSecond.toFixed(0)}/s`;
}

export const formatRatio = (ratio: number): string => `${ratio >= 100 ? ratio.toFixed(0) : ratio >= 10 ? ratio.toFixed(1) : ratio.toFixed(2)}×`;

export interface Row {
  readonly label: string;
  /** One value per run (a time in ms, or a rate per second). */
  readonly values: readonly number[];
  /** Shown after the figures, e.g. `baseline` or a goal verdict. */
  readonly note?: string;
}

export interface TableSpec {
  readonly unit: 'ms' | 'rate';
  /** The row every other row's ratio is taken against. */
  readonly baseline: string;
  readonly rows: readonly Row[];
}

/**
 * A table: min, median and max over runs, and the ratio of the row's median to the
 * baseline's median. For times, a ratio above 1 is slower; for rates, below 1 is slower.
 * Per-run ratios (run i of the row against run i of the baseline, measured back to back)
 * give the spread of the ratio itself.
 */
export function table({ unit, baseline, rows }: TableSpec): string {
  const format = unit === 'ms' ? formatMs : formatRate;
  const base = rows.find((row) => row.label === baseline);
  if (!base) throw new Error(`table: no baseline row ${baseline}`);
  const baseSummary = summarize(base.values);
  const width = Math.max(...rows.map((row) => row.label.length), 8);
  const header = `    ${'what'.padEnd(width)}  ${'min'.padStart(10)}  ${'median'.padStart(10)}  ${'max'.padStart(10)}  ${'ratio'.padStart(8)}  ${'per-run ratio'.padStart(15)}`;
  const lines = [header];
  for (const row of rows) {
    const s = summarize(row.values);
    const ratio = s.median / baseSummary.median;
    const perRun = row.values.length === base.values.length ? summarize(row.values.map((value, i) => value / base.values[i]!)) : undefined;
    const spread = row === base ? 'baseline' : perRun ? `${formatRatio(perRun.min)}–${formatRatio(perRun.max)}` : '';
    lines.push(
      `    ${row.label.padEnd(width)}  ${format(s.min).padStart(10)}  ${format(s.median).padStart(10)}  ${format(s.max).padStart(10)}  ${formatRatio(ratio).padStart(8)}  ${spread.padStart(15)}${row.note ? `  ${row.note}` : ''}`,
    );
  }
  return lines.join('\n');
}

/** The ratio of medians of two rows' values. */
export const medianRatio = (values: readonly number[], baseline: readonly number[]): number => summarize(values).median / summarize(baseline).median;
