/**
 * `pnpm --filter @tokens/bench run profile [http|overhead|parts] [label…]`: where a
 * contender's time goes.
 * - `http` / `overhead`: runs each contender of figure 2 (real HTTP) or figure 1 (stubbed
 *   fetch) under V8's sampling profiler (node:inspector, in this process), writes each
 *   `.cpuprofile` (open it in Chrome DevTools) to the OS temp folder, and prints self time
 *   by area (our packages, undici, node internals, …) and the heaviest functions.
 * - `parts`: times, one by one, the steps @tokens/core takes per call that a hand-written
 *   fetch does not, against a stubbed hand-written call.
 */
import { Session } from 'node:inspector/promises';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseMediaType, redactUrl } from '@tokens/core';
import { BASE_URL, ORG_TOKEN, V2, stubFetch, widgetTokenBody } from './fixtures';
import { drive, httpContenders, startTokenServer } from './http';
import { overheadContenders } from './overhead';
import { timePerCall } from './runs';
import { table } from './stats';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const AREAS: [area: string, test: RegExp][] = [
  ['@tokens/core', /packages\/core\/dist\//],
  ['@tokens/transactionlink', /packages\/transactionlink\/dist\//],
  ['openapi-fetch', /openapi-fetch/],
  ['axios', /axios/],
  ['undici (fetch)', /undici|internal\/deps\/undici/],
  ['web streams', /internal\/webstreams/],
  ['node:http / net', /node:(_http|http|net|internal\/(http|net|stream_base|streams))/],
  ['timers', /node:(timers|internal\/timers)/],
  ['abort signals / events', /node:internal\/(abort_controller|event_target|events)/],
  ['other node internals', /^node:/],
  ['bench harness', /packages\/bench\//],
];

const area = (frame: CallFrame): string => {
  if (!frame.url) return frame.functionName === '(garbage collector)' ? 'garbage collection' : frame.functionName.startsWith('(') ? frame.functionName : 'native / builtins';
  return AREAS.find(([, test]) => test.test(frame.url))?.[0] ?? 'other';
};
const shortUrl = (url: string) => url.replace(/^.*\/(packages|node_modules)\//, '').replace(/^file:\/\//, '');
const keyOf = (frame: CallFrame) => `${frame.functionName || '(anonymous)'} ${shortUrl(frame.url)}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;

function summarizeProfile(profile: Profile, top: number): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const pct = (us: number) => `${((us / total) * 100).toFixed(1).padStart(5)} %`;

  const areas = new Map<string, number>();
  const selfByKey = new Map<string, number>();
  for (const [id, us] of self) {
    const frame = byId.get(id)!.callFrame;
    areas.set(area(frame), (areas.get(area(frame)) ?? 0) + us);
    selfByKey.set(keyOf(frame), (selfByKey.get(keyOf(frame)) ?? 0) + us);
  }
  // Inclusive time per function, each sample counted once per function however deep it recurses.
  const inclusive = new Map<string, number>();
  const walk = (id: number, onStack: Set<string>): number => {
    const node = byId.get(id)!;
    let sum = self.get(id) ?? 0;
    const key = keyOf(node.callFrame);
    const fresh = !onStack.has(key);
    if (fresh) onStack.add(key);
    for (const child of node.children ?? []) sum += walk(child, onStack);
    if (fresh) {
      onStack.delete(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + sum);
    }
    return sum;
  };
  walk(profile.nodes[0]!.id, new Set());

  const lines = [`  self time by area (${(total / 1000).toFixed(0)} ms sampled):`];
  for (const [name, us] of [...areas].sort((a, b) => b[1] - a[1])) lines.push(`    ${pct(us)}  ${name}`);
  lines.push(`  heaviest functions, self time:`);
  for (const [name, us] of [...selfByKey].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`    ${pct(us)}  ${name}`);
  lines.push(`  heaviest of our code (@tokens/*), inclusive time:`);
  for (const [name, us] of [...inclusive].filter(([name]) => /^\S+ (core|transactionlink)\/dist\//.test(name)).sort((a, b) => b[1] - a[1]).slice(0, top)) {
    lines.push(`    ${pct(us)}  ${name}`);
  }
  return lines.join('\n');
}

async function profiled(label: string, run: () => Promise<unknown>): Promise<void> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  const start = performance.now();
  await run();
  const ms = performance.now() - start;
  const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
  session.disconnect();
  const file = join(tmpdir(), `tokens-bench-${label.replace(/\W+/g, '-').replace(/^-|-$/g, '')}.cpuprofile`);
  await writeFile(file, JSON.stringify(profile));
  console.log(`\n${label}: ${ms.toFixed(0)} ms; profile written to ${file}`);
  console.log(summarizeProfile(profile, 14));
}

const [mode = 'http', ...labels] = process.argv.slice(2);
const wanted = (label: string) => labels.length === 0 || labels.some((part) => label.includes(part));

if (mode === 'http') {
  const server = await startTokenServer();
  const contenders = httpContenders(server.url).filter((contender) => wanted(contender.label));
  try {
    for (const contender of contenders) await drive(contender.call, 1000, 64); // warm
    for (const contender of contenders) await profiled(contender.label, () => drive(contender.call, 4000, 64));
  } finally {
    for (const contender of contenders) contender.close?.();
    await server.close();
  }
} else if (mode === 'overhead') {
  for (const contender of overheadContenders().filter((c) => wanted(c.label))) {
    const loop = async () => {
      for (let i = 0; i < 40_000; i++) await contender.fn();
    };
    await loop(); // warm
    await profiled(contender.label, loop);
  }
} else if (mode === 'parts') {
  console.log(await partsTable());
} else {
  console.error(`profile: unknown mode ${mode} (http, overhead or parts)`);
  process.exitCode = 2;
}

/** The per-call steps of @tokens/core (api-client.ts, transport.ts, response.ts) that a hand-written call skips, each timed alone. */
async function partsTable(): Promise<string> {
  const fetch = stubFetch();
  const url = `${BASE_URL}/token`;
  const authorization = `Bearer ${ORG_TOKEN}`;
  const headers = { authorization, accept: V2, 'content-type': V2 };
  const handWritten = async () => (await fetch(url, { method: 'POST', headers, body: JSON.stringify(widgetTokenBody) })).json();
  const [core] = overheadContenders().filter((contender) => contender.label === '@tokens/core createApiClient');
  const batch = 100;
  let sink: unknown;
  const part = (label: string, step: () => unknown) => ({
    label,
    batch,
    fn: () => {
      for (let i = 0; i < batch; i++) sink = step();
    },
  });
  const times = await timePerCall(
    [
      { label: 'hand-written call (stubbed fetch)', fn: handWritten },
      core!,
      part('new AbortController() (per attempt)', () => new AbortController().signal),
      part('setTimeout + clearTimeout (per attempt)', () => clearTimeout(setTimeout(() => {}, 30_000))),
      part('new Headers([[name, value]]) (the header check until core checked by regex)', () => new Headers([['authorization', authorization]])),
      part('parseMediaType, not memoised (core now parses each text once)', () => parseMediaType(V2)),
      part('redactUrl (the error text: built only when an attempt fails)', () => redactUrl(url)),
      part('new Headers(object) + 3 set() (until core sent a plain object)', () => {
        const built = new Headers(headers);
        built.set('authorization', authorization);
        built.set('accept', V2);
        built.set('content-type', V2);
        return built;
      }),
    ],
    { runs: 5, timeMs: 250, warmupMs: 100 },
  );
  void sink;
  return `Per-call steps of @tokens/core, timed alone (${process.version}):\n${table({
    unit: 'ms',
    baseline: 'hand-written call (stubbed fetch)',
    rows: [...times].map(([label, values]) => ({ label, values })),
  })}`;
}
