/**
 * Figure 2: real HTTP on 127.0.0.1. A node:http server in a child process answers every
 * request with a token; each contender keeps `concurrency` requests in flight until
 * `total` have completed, and its figure is requests per second. Raw `fetch` is the
 * baseline; raw `fetch` with a per-request timeout, openapi-fetch and axios (keep-alive
 * agent) run in the same rounds.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent } from 'node:http';
import { fileURLToPath } from 'node:url';
import { createTransactionLinkClient, type paths } from '@tokens/transactionlink';
import axios from 'axios';
import createClient from 'openapi-fetch';
import { ORG_TOKEN, V2, widgetTokenAnswer, widgetTokenBody } from './fixtures';

export const HTTP_BASELINE = 'raw fetch + json()';
export const HTTP_OURS = '@tokens/transactionlink api.POST';
export const HTTP_RAW_WITH_TIMEOUT = 'raw fetch + json(), 30 s timeout';

export interface TokenServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Starts the token server in its own Node process. */
export function startTokenServer(): Promise<TokenServer> {
  const child: ChildProcess = spawn(process.execPath, [fileURLToPath(new URL('./http-server.mjs', import.meta.url)), widgetTokenAnswer], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`token server exited (${code}) before listening`)));
    child.stdout!.once('data', (chunk: Buffer) => {
      const port = Number(chunk.toString().trim());
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            child.removeAllListeners('exit');
            child.once('exit', () => done());
            child.stdin!.end();
          }),
      });
    });
  });
}

export interface HttpContender {
  readonly label: string;
  readonly call: () => Promise<unknown>;
  /** Frees what the contender holds (sockets). */
  readonly close?: () => void;
}

export function httpContenders(url: string): HttpContender[] {
  const authorization = `Bearer ${ORG_TOKEN}`;
  const headers = { authorization, accept: V2, 'content-type': V2 };

  const raw = async () => {
    const response = await fetch(`${url}/token`, { method: 'POST', headers, body: JSON.stringify(widgetTokenBody) });
    if (response.status !== 201) throw new Error(`raw fetch: HTTP ${response.status}`);
    return response.json();
  };

  // What a production fetch call needs at least, and what our client does per attempt: a
  // timeout that aborts the request (30 s, our default). Node 20 makes this costly.
  const rawWithTimeout = async () => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 30_000);
    try {
      const response = await fetch(`${url}/token`, { method: 'POST', headers, body: JSON.stringify(widgetTokenBody), signal: controller.signal });
      if (response.status !== 201) throw new Error(`raw fetch: HTTP ${response.status}`);
      return await response.json();
    } finally {
      clearTimeout(timer);
    }
  };

  const ours = createTransactionLinkClient({ baseUrl: url, auth: { token: ORG_TOKEN } });
  const oursCall = async () => {
    const result = await ours.api.POST('/token', { version: 2, body: widgetTokenBody });
    if (result.error) throw result.error;
    return result.data;
  };

  const bare = createClient<paths>({ baseUrl: url, headers: { Authorization: authorization } });
  const bareCall = async () => {
    const result = await bare.POST('/token', { body: widgetTokenBody as never, headers: { Accept: V2, 'Content-Type': V2 } });
    if (result.error !== undefined || result.response.status !== 201) throw new Error(`openapi-fetch: HTTP ${result.response.status}`);
    return result.data;
  };

  const agent = new Agent({ keepAlive: true });
  const instance = axios.create({ baseURL: url, httpAgent: agent, headers: { Authorization: authorization } });
  const axiosCall = async () => {
    const response = await instance.post('/token', widgetTokenBody, { headers: { Accept: V2, 'Content-Type': V2 } });
    return response.data as unknown;
  };

  return [
    { label: HTTP_BASELINE, call: raw },
    { label: HTTP_RAW_WITH_TIMEOUT, call: rawWithTimeout },
    { label: 'bare openapi-fetch', call: bareCall },
    { label: HTTP_OURS, call: oursCall },
    { label: 'axios 1.x (keep-alive agent)', call: axiosCall, close: () => agent.destroy() },
  ];
}

/** Requests per second: `concurrency` loops share `total` calls. */
export async function drive(call: () => Promise<unknown>, total: number, concurrency: number): Promise<number> {
  let started = 0;
  const loop = async () => {
    while (started < total) {
      started++;
      await call();
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, loop));
  return total / ((performance.now() - start) / 1000);
}

export interface HttpSettings {
  readonly runs: number;
  readonly total: number;
  readonly concurrency: number;
  /** Calls per contender before the first run (connections opened, code warmed). */
  readonly warmup: number;
}

/**
 * Requests per second, one value per run, by label; contenders take turns, the order rotated per run.
 * With each rate, the CPU time (user + system) this process spent per request in that run: the
 * server runs in another process, so this is the client's cost alone, and it moves less with the
 * other load of a shared machine than a rate does.
 */
export async function measureThroughput(contenders: readonly HttpContender[], settings: HttpSettings): Promise<{ rates: Map<string, number[]>; cpuMs: Map<string, number[]> }> {
  const rates = new Map<string, number[]>(contenders.map((contender) => [contender.label, []]));
  const cpuMs = new Map<string, number[]>(contenders.map((contender) => [contender.label, []]));
  for (const contender of contenders) await drive(contender.call, settings.warmup, settings.concurrency);
  for (let run = 0; run < settings.runs; run++) {
    for (let i = 0; i < contenders.length; i++) {
      const contender = contenders[(i + run) % contenders.length]!;
      const before = process.cpuUsage();
      rates.get(contender.label)!.push(await drive(contender.call, settings.total, settings.concurrency));
      const used = process.cpuUsage(before);
      cpuMs.get(contender.label)!.push((used.user + used.system) / 1000 / settings.total);
    }
  }
  return { rates, cpuMs };
}
