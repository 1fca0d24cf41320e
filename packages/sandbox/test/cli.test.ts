/**
 * The `tokens-sandbox` bin, built (dist/cli.js), in a real child process:
 * `--port 0` prints the URLs and credentials, serves real requests with them
 * until SIGTERM / SIGINT, then exits 0 and frees the port; bad arguments exit 2.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxCredentials } from '../src/index';
import { assertFreshBuild, packageDir } from './support/built';
import { basic, finpayBody, jakartaTime, post, sandbox } from './support/sandbox';

const cli = join(packageDir, 'dist', 'cli.js');

beforeAll(() => assertFreshBuild('cli.js'));

interface Printed {
  url: string;
  urls: Record<'transactionlink' | 'onespan' | 'formflow' | 'finpay', string>;
  credentials: SandboxCredentials;
  fixtures: Record<string, string>;
}

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const children: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  // Only the processes this file started, by their own handle.
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

function start(...args: string[]) {
  const child = spawn(process.execPath, [cli, ...args], { cwd: packageDir });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<Exit>((resolve) => child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  /** Resolves with stdout up to and including the "serving on" line; rejects if the process ends first. */
  const serving = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      if (/^tokens-sandbox: serving on .*$/m.test(stdout)) resolve(stdout);
    });
    void exited.then((exit) => reject(new Error(`tokens-sandbox exited (${exit.code ?? exit.signal}) before serving:\n${exit.stderr}`)));
  });
  serving.catch(() => {}); // awaited by the tests that expect the process to serve
  return { child, exited, serving };
}

/** The printed JSON (everything before the "serving on" line) and that line. */
function parse(stdout: string): { printed: Printed; servingLine: string } {
  const lines = stdout.trimEnd().split('\n');
  const servingLine = lines.pop()!;
  return { printed: JSON.parse(lines.join('\n')) as Printed, servingLine };
}

/**
 * Waits for one answer from the CLI's server: it can only answer after the CLI's
 * top-level code has run to the end, signal handlers included.
 */
async function answered(url: string): Promise<void> {
  expect((await fetch(`${url}/`)).status).toBe(404);
}

function portIsClosed(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

describe('tokens-sandbox --port 0', () => {
  it('is the package bin, runnable by its shebang', () => {
    const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(pkg.bin).toStrictEqual({ 'tokens-sandbox': './dist/cli.js' });
    expect(readFileSync(cli, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  });

  it('prints the URLs, credentials and fixtures as JSON, then "serving on <url>"', async () => {
    const { child, serving, exited } = start('--port', '0');
    const { printed, servingLine } = parse(await serving);
    expect(printed.url).toMatch(/^http:\/\/127\.0\.0\.1:[1-9]\d*$/);
    expect(servingLine).toBe(`tokens-sandbox: serving on ${printed.url} (Ctrl-C to stop)`);
    expect(printed.urls).toStrictEqual({
      transactionlink: `${printed.url}/transactionlink`,
      onespan: `${printed.url}/onespan`,
      formflow: `${printed.url}/formflow`,
      finpay: `${printed.url}/finpay`,
    });
    expect(Object.keys(printed.credentials).sort()).toStrictEqual(['finpay', 'formflow', 'onespan', 'transactionlink', 'transactionlinkLogin']);
    expect(printed.fixtures).toStrictEqual({
      transactionlinkMissingId: '00000000-0000-4000-8000-000000000404',
      onespanInvalidTransactionId: '00000000-0000-4000-8000-000000000400',
    });
    await answered(printed.url);
    child.kill('SIGTERM');
    const exit = await exited;
    expect({ code: exit.code, signal: exit.signal }).toStrictEqual({ code: 0, signal: null });
  });

  it('exits 0 on a SIGTERM sent the moment the "serving on" line arrives (handlers in place before the line)', async () => {
    // A supervisor may stop the sandbox as soon as it reads the line. If the
    // signal handlers are installed only after printing it, the default action
    // kills the process (code null, signal SIGTERM) some of the time: ten tries.
    const exits: Array<{ code: number | null; signal: NodeJS.Signals | null }> = [];
    for (let i = 0; i < 10; i++) {
      const child = spawn(process.execPath, [cli, '--port', '0'], { cwd: packageDir });
      children.push(child);
      let stdout = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        if (stdout.includes('tokens-sandbox: serving on ')) child.kill('SIGTERM');
      });
      exits.push(await new Promise((resolve) => child.once('close', (code, signal) => resolve({ code, signal }))));
    }
    expect(exits).toStrictEqual(Array.from({ length: 10 }, () => ({ code: 0, signal: null })));
  });

  it('serves real requests with the printed credentials, for every provider, until SIGTERM; then exits 0 and the port is closed', async () => {
    const { child, serving, exited } = start('--port', '0');
    const { printed } = parse(await serving);
    const { urls, credentials } = printed;

    const tl = await post(`${urls.transactionlink}/token`, { workflowDefinitionId: '3b2d8a4f-579f-4e2e-a51c-f859e532fe8c' }, {
      authorization: `Bearer ${credentials.transactionlink.auth.token}`,
      accept: 'application/json;version=2',
    });
    expect(tl.status).toBe(201);
    expect(tl.body).toMatchObject({ id: expect.any(String), tokenType: 'Bearer', expiryDuration: 3600 });

    const login = await post(`${urls.transactionlink}/auth/authorize`, credentials.transactionlinkLogin.auth);
    expect(login.status).toBe(200);

    const os = await post(`${urls.onespan}/api/transaction/dcaad720-d1e9-47ba-a76b-a6370ef0373b/token`, { role: 'unknown' }, {
      authorization: `Bearer ${credentials.onespan.accessToken}`,
    });
    expect({ status: os.status, role: (os.body as { role: string }).role }).toStrictEqual({ status: 200, role: 'unknown' });

    const ff = await post(`${urls.formflow}/api/token`, credentials.formflow);
    expect({ status: ff.status, expires_in: (ff.body as { expires_in: number }).expires_in }).toStrictEqual({ status: 200, expires_in: 3600 });

    const { username, password, secretKey } = credentials.finpay;
    const fp = await post(`${urls.finpay}/security/getToken`, finpayBody(secretKey, { reqDtime: jakartaTime(Date.now()), transNumber: `CLI${Date.now()}` }), {
      authorization: basic(username, password),
    });
    expect({ status: fp.status, statusCode: (fp.body as { statusCode: string }).statusCode }).toStrictEqual({ status: 200, statusCode: '000' });

    expect(child.exitCode).toBeNull(); // still serving
    child.kill('SIGTERM');
    const exit = await exited;
    expect({ code: exit.code, signal: exit.signal }).toStrictEqual({ code: 0, signal: null });
    expect(await portIsClosed(printed.url)).toBe(true);
  });

  it('stops on SIGINT (Ctrl-C) too, exiting 0', async () => {
    const { child, serving, exited } = start('--port', '0');
    const { printed } = parse(await serving);
    await answered(printed.url);
    child.kill('SIGINT');
    expect((await exited).code).toBe(0);
    expect(await portIsClosed(printed.url)).toBe(true);
  });

  it('listens on the --port given', async () => {
    // A port that was free a moment ago.
    const probe = await startSandbox();
    const port = new URL(probe.url).port;
    await probe.close();
    const { child, serving, exited } = start('--port', port, '--host', '127.0.0.1');
    const { printed } = parse(await serving);
    expect(printed.url).toBe(`http://127.0.0.1:${port}`);
    await answered(printed.url);
    child.kill('SIGTERM');
    expect((await exited).code).toBe(0);
  });
});

describe('tokens-sandbox arguments', () => {
  it('--help prints the usage and exits 0 without serving', async () => {
    const exit = await run('--help');
    expect(exit.code).toBe(0);
    expect(exit.stdout).toBe('Usage: tokens-sandbox [--port 4010] [--host 127.0.0.1]   (--port 0 picks a free port)\n');
    expect(exit.stderr).toBe('');
  });

  /** Runs the CLI to its end; one that starts serving instead is killed (and so fails the test's exit-code check). */
  async function run(...args: string[]): Promise<Exit> {
    const { child, serving, exited } = start(...args);
    serving.then(() => child.kill('SIGKILL'), () => {});
    return exited;
  }

  it.each([['abc'], ['70000'], ['1.5'], ['-1'], ['']])('--port=%s exits 2 with a message on stderr', async (port) => {
    const exit = await run(`--port=${port}`);
    expect({ code: exit.code, stdout: exit.stdout, stderr: exit.stderr }).toStrictEqual({
      code: 2,
      stdout: '',
      stderr: `tokens-sandbox: --port must be 0-65535, not ${port}\n`,
    });
  });

  it.each([['--nope'], ['--port']])('%s (an unknown option / a missing value) exits 2 with a one-line message, not a stack trace', async (arg) => {
    const exit = await run(arg);
    expect(exit.code).toBe(2);
    expect(exit.stdout).toBe('');
    expect(exit.stderr).toMatch(/^tokens-sandbox: .*--(nope|port).*\n/);
    expect(exit.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 1 with one line naming EADDRINUSE, no stack trace, when the port is taken', async () => {
    const { sb } = await sandbox();
    const port = new URL(sb.url).port;
    const exit = await run('--port', port);
    expect({ code: exit.code, stdout: exit.stdout, stderr: exit.stderr }).toStrictEqual({
      code: 1,
      stdout: '',
      stderr: `tokens-sandbox: cannot listen on 127.0.0.1:${port}: the port is taken (EADDRINUSE)\n`,
    });
  });

  // A name that does not resolve is ENOTFOUND, or EAI_AGAIN where no DNS server answers.
  const UNRESOLVED = '(the host cannot be resolved \\((ENOTFOUND|EAI_AGAIN)\\))';
  it.each([
    ['nope.invalid', UNRESOLVED],
    ['999.1.1.1', UNRESOLVED],
    // TEST-NET-1 (RFC 5737): an address no machine here has.
    ['192.0.2.1', 'the host is not an address of this machine \\(EADDRNOTAVAIL\\)'],
  ])('--host %s exits 1 with one line, no stack trace', async (host, reason) => {
    const exit = await run('--port', '0', '--host', host);
    expect({ code: exit.code, stdout: exit.stdout }).toStrictEqual({ code: 1, stdout: '' });
    expect(exit.stderr).toMatch(new RegExp(`^tokens-sandbox: cannot listen on ${host.replace(/\./g, '\\.')}:0: ${reason}\n$`));
  });

  it('an empty --host exits 1 with one line (Node would listen on every interface instead)', async () => {
    const exit = await run('--port', '0', '--host=');
    expect({ code: exit.code, stdout: exit.stdout, stderr: exit.stderr }).toStrictEqual({
      code: 1,
      stdout: '',
      stderr: 'tokens-sandbox: cannot listen on host "": the host is empty\n',
    });
  });
});

describe('tokens-sandbox survives hostile request-targets', () => {
  /** One raw request; resolves with the answer's status line. */
  function statusLine(url: string, target: string): Promise<string> {
    const { hostname, port } = new URL(url);
    return new Promise((resolve) => {
      const socket = connect(Number(port), hostname);
      let text = '';
      socket.setEncoding('latin1').on('data', (chunk: string) => (text += chunk));
      socket.on('error', () => {});
      socket.on('close', () => resolve(text.split('\r\n', 1)[0]!));
      socket.end(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    });
  }

  it('answers //, ///, /\\, http://[/ and http://x:99999/ (404, 404, 400, 400, 400), keeps serving and prints nothing on stderr', async () => {
    const { child, serving, exited } = start('--port', '0');
    const { printed } = parse(await serving);
    const lines = [];
    for (const target of ['//', '///', '/\\', 'http://[/', 'http://x:99999/']) lines.push(await statusLine(printed.url, target));
    expect(lines).toStrictEqual(['HTTP/1.1 404 Not Found', 'HTTP/1.1 404 Not Found', 'HTTP/1.1 400 Bad Request', 'HTTP/1.1 400 Bad Request', 'HTTP/1.1 400 Bad Request']);
    const ff = await post(`${printed.urls.formflow}/api/token`, printed.credentials.formflow);
    expect(ff.status).toBe(200);
    expect(child.exitCode).toBeNull();
    child.kill('SIGTERM');
    const exit = await exited;
    expect({ code: exit.code, stderr: exit.stderr }).toStrictEqual({ code: 0, stderr: '' });
  });
});
