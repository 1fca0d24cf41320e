import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuiltPackage, type BuiltPackageCall } from './built-package';
import { startTestServer, type TestResponse, type TestServer } from './test-server';

export interface BuiltPackageCase extends Omit<BuiltPackageCall, 'packageDir'> {
  /** The test file's `import.meta.url`: its package is the one loaded. */
  readonly testFileUrl: string;
  /** What the local server answers; the client must hand back its body as `data`. */
  readonly answer: TestResponse & { readonly body: unknown };
  /** The path the server should see, when `path` is a template; `path` otherwise. */
  readonly sentPath?: string;
}

/**
 * Registers the tests every published package carries: its built ESM file loaded
 * with real `import()` and its built CommonJS file with real `require()`, each in
 * a fresh Node process, creating a client and sending one request to a server on
 * 127.0.0.1. The `require()` case guards the tsup/openapi-fetch default-import trap.
 */
export function describeBuiltPackage(testCase: BuiltPackageCase): void {
  const { testFileUrl, answer, sentPath, ...call } = testCase;
  const packageDir = fileURLToPath(new URL('..', testFileUrl));
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(() => answer);
  });
  afterAll(() => server.close());

  describe.each([
    ['import', /\/dist\/index\.js$/],
    ['require', /\/dist\/index\.cjs$/],
  ] as const)(`${call.packageName} built, loaded with %s()`, (mode, builtFile) => {
    it('resolves to the built file, creates a client and sends a request with it', async () => {
      const before = server.requests.length;
      const result = await runBuiltPackage(mode, {
        ...call,
        packageDir,
        options: { ...call.options, baseUrl: server.url },
      });
      expect(result.resolvedFile).toMatch(builtFile);
      expect(result.exportNames).toContain(call.factory);
      expect(result.status).toBe(answer.status);
      expect(result.data).toEqual(answer.body);
      expect(server.requests).toHaveLength(before + 1);
      const sent = server.requests[before]!;
      expect(sent.method).toBe(call.method);
      expect(sent.url).toBe(sentPath ?? call.path);
      if (call.init['body'] !== undefined) expect(JSON.parse(sent.body)).toEqual(call.init['body']);
    });
  });
}
