/** Starts a fleet of real Node processes (test/fleet-process.mjs) sharing one Redis store, and drives them. */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ClientKind } from './clients';

export interface FleetConfig {
  readonly redisUrl: string;
  readonly baseUrl: string;
  readonly credentials: { clientId: string; clientSecret: string; organizationId: string };
  readonly client: ClientKind;
  readonly encryptionKey?: string;
  /** The lock's lease, shorter than the cache's default so a dead holder's lock expires within the test. */
  readonly lockLeaseMs?: number;
}

export interface FleetProcess {
  readonly index: number;
  readonly child: ChildProcess;
  /** Times the process's cache was told another process wrote its key. */
  notified: number;
  /** Store events (Redis operations that failed) the process logged. */
  readonly storeEvents: string[];
  /** The token cache's events there (`store-error lock`, …): the cache going on without its store. */
  readonly cacheEvents: string[];
  /** Runs `callers` concurrent getToken() there: what each got (a token, or `error:<name>`). */
  get(callers: number, forceRefresh?: boolean): Promise<string[]>;
  /** Resolves once the process was notified `n` times in all. */
  notifiedTimes(n: number): Promise<void>;
}

const script = fileURLToPath(new URL('./fleet-process.mjs', import.meta.url));

export async function startFleet(size: number, config: FleetConfig) {
  const processes = await Promise.all(
    Array.from({ length: size }, (_, index) => {
      const child = fork(script, { env: { ...process.env, FLEET_CONFIG: JSON.stringify({ ...config, index }) }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      const results: ((results: string[]) => void)[] = [];
      const notifiedWaiters: { n: number; resolve: () => void }[] = [];
      const fleetProcess: FleetProcess = {
        index,
        child,
        notified: 0,
        storeEvents: [],
        cacheEvents: [],
        get(callers, forceRefresh = false) {
          child.send({ type: 'get', callers, forceRefresh });
          return new Promise((resolve) => results.push(resolve));
        },
        notifiedTimes: (n) => (fleetProcess.notified >= n ? Promise.resolve() : new Promise((resolve) => notifiedWaiters.push({ n, resolve }))),
      };
      return new Promise<FleetProcess>((resolve, reject) => {
        child.once('exit', (code, signal) => reject(new Error(`fleet process ${index} exited (${code ?? signal}) before it was ready`)));
        child.on('message', (message: { type: string; results?: string[]; operation?: string; event?: string }) => {
          if (message.type === 'ready') resolve(fleetProcess);
          else if (message.type === 'result') results.shift()?.(message.results!);
          else if (message.type === 'store-event') fleetProcess.storeEvents.push(message.operation!);
          else if (message.type === 'cache-event') fleetProcess.cacheEvents.push(message.event!);
          else if (message.type === 'notified') {
            fleetProcess.notified++;
            for (const waiter of notifiedWaiters.filter((waiter) => waiter.n <= fleetProcess.notified)) waiter.resolve();
          }
        });
      });
    }),
  );
  return {
    processes,
    /** Kills one process with SIGKILL: no cleanup, no lock release. */
    kill(index: number) {
      processes[index]!.child.kill('SIGKILL');
    },
    async close() {
      await Promise.all(
        processes.map(
          ({ child }) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              child.once('exit', () => resolve());
              child.send({ type: 'exit' });
            }),
        ),
      );
    },
  };
}
