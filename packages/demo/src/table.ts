/** A plain-text table for the demo's output. */
export interface Row {
  readonly provider: string;
  readonly version: string;
  /** `sandbox` or the real provider's host. */
  readonly source: string;
  readonly tokenType: string;
  readonly expiresAt: string;
  readonly token: string;
}

const COLUMNS: { key: keyof Row; title: string }[] = [
  { key: 'provider', title: 'provider' },
  { key: 'version', title: 'version' },
  { key: 'source', title: 'against' },
  { key: 'tokenType', title: 'token type' },
  { key: 'expiresAt', title: 'expires at (UTC)' },
  { key: 'token', title: 'token' },
];

export function formatTable(rows: readonly Row[]): string {
  const widths = COLUMNS.map(({ key, title }) => Math.max(title.length, ...rows.map((row) => row[key].length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
  return [
    line(COLUMNS.map((c) => c.title)),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map((row) => line(COLUMNS.map((c) => row[c.key]))),
  ].join('\n');
}
