/**
 * Issue 12, point 9: one class per error, whatever the module system. The ESM
 * and CommonJS builds of @tokens/core each define their own error classes; an
 * error thrown or returned by one must be `instanceof` the other's classes (a
 * brand through Symbol.for), and of no other class. The BUILT files are loaded
 * in a fresh Node process, with real import() and real require()
 * (fixtures/errors-across-builds.mjs), the way a project mixing both does.
 */
import { execFile } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const fixture = fileURLToPath(new URL('./fixtures/errors-across-builds.mjs', import.meta.url));

interface Report {
  files: { esm: string; cjs: string };
  distinctClasses: boolean;
  matrix: Record<string, { constructor: string; instanceOf: string[]; isError: boolean }>;
  subclass: Record<string, boolean>;
  oddValues: string[][];
  shown: { keys: string[]; json: Record<string, unknown> };
}

const newest = (dir: string): number =>
  Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((entry) => (entry.isDirectory() ? newest(join(dir, entry.name)) : statSync(join(dir, entry.name)).mtimeMs)));

let report: Report;
beforeAll(async () => {
  for (const file of ['index.js', 'index.cjs']) {
    const built = statSync(join(packageDir, 'dist', file), { throwIfNoEntry: false })?.mtimeMs ?? 0;
    if (built < newest(join(packageDir, 'src'))) throw new Error(`dist/${file} is missing or older than src/: build @tokens/core first`);
  }
  const { stdout } = await promisify(execFile)(process.execPath, [fixture], { cwd: packageDir, timeout: 60_000 });
  report = JSON.parse(stdout) as Report;
});

/** Each class and the classes its instances belong to. */
const LINEAGE: Record<string, string[]> = {
  TokensError: ['TokensError'],
  ValidationError: ['TokensError', 'ValidationError'],
  ApiError: ['TokensError', 'ApiError'],
  VersionNotSupportedError: ['TokensError', 'ApiError', 'VersionNotSupportedError'],
  TimeoutError: ['TokensError', 'TimeoutError'],
  ConnectionError: ['TokensError', 'ConnectionError'],
};

describe('errors of the ESM and the CommonJS build of @tokens/core', () => {
  it('are really two builds with two sets of classes', () => {
    expect(report.files.esm).toMatch(/\/dist\/index\.js$/);
    expect(report.files.cjs).toMatch(/\/dist\/index\.cjs$/);
    expect(report.distinctClasses).toBe(true);
  });

  describe.each(['esm', 'cjs'] as const)('an error the %s build threw or returned', (from) => {
    it.each(Object.keys(LINEAGE))('%s is an instance of exactly its classes, of both builds', (name) => {
      for (const against of ['esm', 'cjs']) {
        const seen = report.matrix[`${from} ${name} vs ${against}`]!;
        expect({ against, ...seen }).toStrictEqual({ against, constructor: name, instanceOf: LINEAGE[name], isError: true });
      }
    });
  });

  it("keeps the ordinary check for a user's subclass: an ApiError of it is an ApiError of both builds, not every ApiError is one of it", () => {
    expect(report.subclass).toStrictEqual({ mineIsCjsApiError: true, mineIsMine: true, cjsApiErrorIsMine: false });
  });

  it('is fooled by no look-alike: null, primitives, plain objects, an object named ApiError, a plain Error', () => {
    expect(report.oddValues).toStrictEqual([[], [], [], [], [], [], [], []]);
  });

  it('adds no enumerable field: Object.keys and JSON.stringify show what they did', () => {
    expect(report.shown.keys).toStrictEqual(['body', 'code', 'name', 'provider', 'requestId', 'status']);
    expect(report.shown.json).toStrictEqual({ name: 'ApiError', provider: 'p', status: 500, body: { message: 'no' }, message: 'p: HTTP 500: no' });
  });
});
