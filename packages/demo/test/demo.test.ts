/** The main job as a user runs it: a fresh process, its table, its exit code. */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { closedPortUrl } from '@tokens/testkit';
import { describe, expect, it } from 'vitest';

const demoDir = fileURLToPath(new URL('..', import.meta.url));
const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));

function runDemo(env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // Only what the demo needs from the environment: no real provider is configured by accident.
    const base = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' };
    execFile(tsx, ['src/demo.ts'], { cwd: demoDir, env: { ...base, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('pnpm demo', () => {
  it('gets a token from each provider (TransactionLink in v2 and v1) against the embedded sandbox, and exits 0', async () => {
    const { code, stdout } = await runDemo();
    const rows = stdout.split('\n').filter((line) => / sandbox /.test(line));
    expect(rows.map((row) => row.split(/\s{2,}/).slice(0, 4))).toEqual([
      ['TransactionLink', 'v2', 'sandbox', 'Bearer'],
      ['TransactionLink', 'v1', 'sandbox', 'Bearer'],
      ['OneSpan', '-', 'sandbox', 'JWT'],
      ['Formflow', '-', 'sandbox', 'Bearer'],
      ['Finpay', '-', 'sandbox', 'tokenID'],
    ]);
    for (const row of rows) expect(row).toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z\s+.{10}… \(\d+ chars\)$/);
    expect(stdout).toContain('demo: 5 tokens issued.');
    expect(code).toBe(0);
  });

  it('points a provider at the real one from its environment variables, and exits 1 when that step fails, without printing the secret', async () => {
    const clientSecret = 'demo-test-secret-0123456789';
    const { code, stdout } = await runDemo({
      FORMFLOW_BASE_URL: await closedPortUrl(),
      FORMFLOW_CLIENT_ID: 'client',
      FORMFLOW_CLIENT_SECRET: clientSecret,
      FORMFLOW_ORGANIZATION_ID: 'org',
    });
    const formflow = stdout.split('\n').find((line) => line.startsWith('Formflow'))!;
    expect(formflow).toMatch(/^Formflow\s+-\s+127\.0\.0\.1:\d+\s+-\s+-\s+FAILED: ConnectionError: /);
    expect(stdout).toContain('demo: 1 of 5 steps failed.');
    expect(stdout).not.toContain(clientSecret);
    expect(stdout.split('\n').filter((line) => / sandbox /.test(line))).toHaveLength(4);
    expect(code).toBe(1);
  });
});
