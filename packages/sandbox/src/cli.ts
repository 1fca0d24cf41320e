#!/usr/bin/env node
/** `tokens-sandbox [--port N] [--host H]`: serves until stopped, printing URLs and credentials. */
import { parseArgs } from 'node:util';
import { startSandbox } from './index';

const { values } = parseArgs({
  options: { port: { type: 'string', default: '4010' }, host: { type: 'string', default: '127.0.0.1' }, help: { type: 'boolean' } },
});
if (values.help) {
  console.log('Usage: tokens-sandbox [--port 4010] [--host 127.0.0.1]   (--port 0 picks a free port)');
  process.exit(0);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`tokens-sandbox: --port must be 0-65535, not ${values.port}`);
  process.exit(2);
}
const sandbox = await startSandbox({ port, host: values.host! });
// These are throwaway credentials of a local sandbox, printed so a developer can use them.
console.log(JSON.stringify({ url: sandbox.url, urls: sandbox.urls, credentials: sandbox.credentials, fixtures: sandbox.fixtures }, null, 2));
console.log(`tokens-sandbox: serving on ${sandbox.url} (Ctrl-C to stop)`);
const stop = () => void sandbox.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
