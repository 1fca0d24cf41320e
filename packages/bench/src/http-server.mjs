// The token server of figure 2, in its own Node process (so that it does not share the
// client's event loop): node:http on 127.0.0.1, any free port, answering every request,
// once its body is read, with a TransactionLink v2 widget token (201). Prints its port on
// stdout; exits when its parent closes stdin, or after 10 minutes whatever happens.
import { createServer } from 'node:http';

const answer = Buffer.from(process.argv[2] ?? '{}');
const headers = { 'content-type': 'application/json;version=2', 'content-length': String(answer.length) };

const server = createServer((request, response) => {
  request.on('data', () => {});
  request.on('end', () => {
    response.writeHead(201, headers);
    response.end(answer);
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${server.address().port}\n`);
});

const stop = () => {
  server.closeAllConnections();
  server.close();
  process.exit(0);
};
process.stdin.on('end', stop);
process.stdin.on('error', stop);
process.stdin.resume();
setTimeout(stop, 10 * 60_000).unref();
