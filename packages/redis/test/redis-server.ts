/**
 * A real redis-server for the tests: its own process on a free 127.0.0.1 port,
 * nothing persisted, stopped by its pid. CI installs it from Debian
 * (`apt-get install -y redis-server`).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { freePort } from '@tokens/testkit';

export interface RedisServer {
  readonly port: number;
  readonly url: string;
  readonly pid: number;
  /** Runs redis-cli against this server and returns its output. */
  cli(...args: string[]): string;
  /** Stops it (SIGTERM by pid) and resolves when it exited. */
  stop(): Promise<void>;
}

export const hasRedisServer = () => spawnSync('redis-server', ['--version']).status === 0;

/** Resolves once the server answers PING. */
async function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('error', () => resolve(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
  });
}

export async function startRedisServer(port?: number): Promise<RedisServer> {
  if (!hasRedisServer()) throw new Error('redis-server is not installed: apt-get install -y redis-server');
  const chosen = port ?? (await freePort());
  const child: ChildProcess = spawn('redis-server', ['--port', String(chosen), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (let attempt = 0; !(await answersPing(chosen)); attempt++) {
    if (attempt > 200 || child.exitCode !== null) throw new Error(`redis-server did not start on port ${chosen}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return {
    port: chosen,
    url: `redis://127.0.0.1:${chosen}`,
    pid: child.pid!,
    cli: (...args) => {
      const result = spawnSync('redis-cli', ['-p', String(chosen), ...args], { encoding: 'utf8' });
      if (result.status !== 0) throw new Error(`redis-cli ${args.join(' ')}: ${result.stderr}`);
      return result.stdout;
    },
    async stop() {
      if (child.exitCode === null) process.kill(child.pid!, 'SIGTERM');
      await exited;
    },
  };
}

/** How many times each command ran on the server (INFO commandstats), e.g. `{ get: 3 }`. */
export function commandCounts(server: RedisServer): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const match of server.cli('INFO', 'commandstats').matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) counts[match[1]!] = Number(match[2]);
  return counts;
}

/** Commands run on the server, the INFO and CONFIG ones that count them left out. */
export function totalCommands(server: RedisServer): number {
  return Object.entries(commandCounts(server))
    .filter(([name]) => !['info', 'config|resetstat'].includes(name))
    .reduce((sum, [, calls]) => sum + calls, 0);
}
