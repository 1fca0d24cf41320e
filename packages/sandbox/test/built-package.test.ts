/**
 * The built package loaded by its name, as a user loads it: real `import()`
 * (dist/index.js) and real `require()` (dist/index.cjs), each in a fresh Node
 * process that starts a sandbox, gets answers from it with fetch and closes it.
 * The require() case guards tsup's CommonJS default-import trap: ajv-formats is
 * imported by default, and if that import came out as the module object instead
 * of the function, either the load would throw or the uuid format would go
 * unchecked (a non-uuid workflowDefinitionId would get 201, not 400).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertFreshBuild, packageDir } from './support/built';

const execFileAsync = promisify(execFile);

beforeAll(() => assertFreshBuild('index.js', 'index.cjs', 'index.d.ts', 'index.d.cts'));

// What the child does once it has the package as `pkg` (and `resolvedFile`).
const body = `
  const exportNames = Object.keys(pkg).sort();
  const sb = await pkg.startSandbox();
  const post = async (url, json, headers) => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(json) });
    return { status: response.status, body: await response.json() };
  };
  const bearer = { authorization: 'Bearer ' + sb.credentials.transactionlink.auth.token, accept: 'application/json;version=2' };
  const v2 = await post(sb.urls.transactionlink + '/token', { workflowDefinitionId: '3b2d8a4f-579f-4e2e-a51c-f859e532fe8c' }, bearer);
  const notUuid = await post(sb.urls.transactionlink + '/token', { workflowDefinitionId: 'wf-1' }, bearer);
  const formflow = await post(sb.urls.formflow + '/api/token', sb.credentials.formflow, {});
  await sb.close();
  process.stdout.write(JSON.stringify({
    resolvedFile, exportNames, finpayStatus: pkg.finpayStatus, fixtures: pkg.fixtures,
    v2: { status: v2.status, keys: Object.keys(v2.body).sort() },
    notUuid,
    formflow: { status: formflow.status, expires_in: formflow.body.expires_in },
  }));
`;

const programs = {
  import: {
    args: ['--input-type=module'],
    source: `
      const resolvedFile = new URL(import.meta.resolve('@tokens/sandbox')).pathname;
      const pkg = await import('@tokens/sandbox');
      ${body}`,
  },
  require: {
    args: ['--input-type=commonjs'],
    source: `
      (async () => {
        const resolvedFile = require.resolve('@tokens/sandbox');
        const pkg = require('@tokens/sandbox');
        ${body}
      })().catch((error) => { console.error(error); process.exit(1); });`,
  },
} as const;

describe.each([
  ['import', /\/dist\/index\.js$/],
  ['require', /\/dist\/index\.cjs$/],
] as const)('@tokens/sandbox built, loaded with %s()', (mode, builtFile) => {
  it('resolves to the built file, starts a sandbox that validates formats and answers, closes it, and the process ends', async () => {
    const program = programs[mode];
    // The child runs in the package folder, so the package name resolves through its own `exports`.
    const { stdout, stderr } = await execFileAsync(process.execPath, [...program.args, '--eval', program.source], {
      cwd: packageDir,
      timeout: 60_000,
    });
    expect(stderr).toBe('');
    const result = JSON.parse(stdout) as Record<string, unknown>;
    expect(result['resolvedFile']).toMatch(builtFile);
    expect(result).toStrictEqual({
      resolvedFile: expect.any(String),
      exportNames: ['finpayStatus', 'fixtures', 'startSandbox'],
      finpayStatus: { success: '000', invalidRequest: '001', invalidSignature: '002', duplicateTransNumber: '003', staleRequestTime: '004' },
      fixtures: {
        transactionlinkMissingId: '00000000-0000-4000-8000-000000000404',
        onespanInvalidTransactionId: '00000000-0000-4000-8000-000000000400',
      },
      v2: { status: 201, keys: ['expiryDuration', 'id', 'token', 'tokenType'] },
      notUuid: {
        status: 400,
        body: {
          fingerprint: expect.any(String),
          errors: [{ code: 'VALIDATION_ERROR', message: 'body.workflowDefinitionId must match format "uuid"' }],
        },
      },
      formflow: { status: 200, expires_in: 3600 },
    });
  });
});
