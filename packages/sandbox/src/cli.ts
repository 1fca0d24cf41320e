#!/usr/bin/env node
/** `tokens-sandbox [--port N] [--host H]`: serves until stopped, printing URLs and credentials. */
import { parseArgs } from 'node:util';
import { startSandbox } from './index';

const USAGE = 'Usage: tokens-sandbox [--port 4010] [--host 127.0.0.1]   (--port 0 picks a free port)';

/** One line on stderr, no stack trace: 2 for a bad argument, 1 for a sandbox that cannot start. */
function fail(message: string, code: 1 | 2 = 2): never {
  console.error(`tokens-sandbox: ${message}`);
  process.exit(code);
}

/** Why listening failed, in words, e.g. `the port is taken (EADDRINUSE)`. */
function listenFailure(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  const reason: Record<string, string> = {
    EADDRINUSE: 'the port is taken',
    EADDRNOTAVAIL: 'the host is not an address of this machine',
    EACCES: 'not allowed to listen on that port',
    ENOTFOUND: 'the host cannot be resolved',
    EAI_AGAIN: 'the host cannot be resolved',
  };
  return code && reason[code] ? `${reason[code]} (${code})` : String(message).split('\n', 1)[0]!;
}

let values: { port?: string; host?: string; help?: boolean };
try {
  ({ values } = parseArgs({
    options: { port: { type: 'string', default: '4010' }, host: { type: 'string', default: '127.0.0.1' }, help: { type: 'boolean' } },
  }));
} catch (error) {
  fail((error as Error).message);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const port = /^\d+$/.test(values.port ?? '') ? Number(values.port) : NaN;
if (!(port >= 0 && port <= 65535)) fail(`--port must be 0-65535, not ${values.port}`);

const host = values.host!;
if (host.trim() === '') fail(`cannot listen on host "${host}": the host is empty`, 1);
const sandbox = await startSandbox({ port, host }).catch((error: unknown) => fail(`cannot listen on ${host}:${port}: ${listenFailure(error)}`, 1));
// Listen for the stop signals before announcing readiness, so that a stop right after it is clean.
const stop = () => void sandbox.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
// These are throwaway credentials of a local sandbox, printed so a developer can use them.
console.log(JSON.stringify({ url: sandbox.url, urls: sandbox.urls, credentials: sandbox.credentials, fixtures: sandbox.fixtures }, null, 2));
console.log(`tokens-sandbox: serving on ${sandbox.url} (Ctrl-C to stop)`);
