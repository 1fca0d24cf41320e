/**
 * How findings are shown: as text lines for the terminal, and as the Markdown summary
 * of a changeset.
 */
import type { Finding } from './findings.ts';

export function findingLine(finding: Finding): string {
  const where = finding.path || '(the whole spec)';
  const at = finding.at ? ` (in ${finding.at})` : '';
  return `${finding.bump.padEnd(5)}  ${where}${at}: ${finding.change}`;
}

/** At most `limit` findings, then how many more. */
export function findingLines(findings: readonly Finding[], limit = Infinity): string[] {
  const lines = findings.slice(0, limit).map(findingLine);
  if (findings.length > limit) lines.push(`… and ${findings.length - limit} more (run \`pnpm spec:diff\` for all)`);
  return lines;
}

export function changesetSummary(spec: string, findings: readonly Finding[], limit = 25): string {
  const items = findings.slice(0, limit).map((f) => {
    const at = f.at ? ` (in \`${f.at}\`)` : '';
    return `- ${f.bump}: ${f.change} — \`${f.path || spec}\`${at}`;
  });
  if (findings.length > limit) items.push(`- … and ${findings.length - limit} more (\`pnpm spec:diff\`)`);
  return [`Regenerated from the provider's changed spec \`${spec}\`:`, '', ...items].join('\n');
}
