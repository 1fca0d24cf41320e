import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export type ModuleMode = 'import' | 'require';

/** One request made through a built package's client factory, in a fresh Node process. */
export interface BuiltPackageCall {
  /** The package folder: the child runs there, so the package name resolves through its own `exports`. */
  readonly packageDir: string;
  readonly packageName: string;
  /** Exported factory to call, e.g. `createFormflowClient`. */
  readonly factory: string;
  /** Passed to the factory (JSON only). */
  readonly options: Record<string, unknown>;
  /** Property of the factory's result holding the openapi-fetch client (`api`); omit when it is the client. */
  readonly clientProperty?: string;
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly path: string;
  /** openapi-fetch's per-call init (`params`, `body`, …; JSON only). */
  readonly init: Record<string, unknown>;
}

export interface BuiltPackageResult {
  /** The file Node loaded for the package name. */
  readonly resolvedFile: string;
  /** Names the package exports at runtime. */
  readonly exportNames: string[];
  readonly status: number;
  readonly data: unknown;
  readonly error: unknown;
}

// The child reads its plan from the environment so that no test writes code into a string.
const callBody = `
  const plan = JSON.parse(process.env.TOKENS_BUILT_PACKAGE_PLAN);
  const client = pkg[plan.factory](plan.options);
  const api = plan.clientProperty ? client[plan.clientProperty] : client;
  const { data, error, response } = await api[plan.method](plan.path, plan.init);
  process.stdout.write(JSON.stringify({
    resolvedFile, exportNames: Object.keys(pkg).sort(), status: response.status, data, error,
  }));
`;

const programs: Record<ModuleMode, { args: string[]; source: string }> = {
  import: {
    args: ['--input-type=module'],
    source: `
      const plan0 = JSON.parse(process.env.TOKENS_BUILT_PACKAGE_PLAN);
      const resolvedFile = new URL(import.meta.resolve(plan0.packageName)).pathname;
      const pkg = await import(plan0.packageName);
      ${callBody}`,
  },
  require: {
    args: ['--input-type=commonjs'],
    source: `
      (async () => {
        const plan0 = JSON.parse(process.env.TOKENS_BUILT_PACKAGE_PLAN);
        const resolvedFile = require.resolve(plan0.packageName);
        const pkg = require(plan0.packageName);
        ${callBody}
      })().catch((error) => { console.error(error); process.exit(1); });`,
  },
};

/**
 * Loads a built package by name with real `import()` or real `require()` in a
 * fresh Node process, calls its client factory and makes one request (with the
 * global fetch) — what a user's first lines do.
 */
export async function runBuiltPackage(mode: ModuleMode, call: BuiltPackageCall): Promise<BuiltPackageResult> {
  const program = programs[mode];
  const { stdout } = await execFileAsync(process.execPath, [...program.args, '--eval', program.source], {
    cwd: call.packageDir,
    env: { ...process.env, TOKENS_BUILT_PACKAGE_PLAN: JSON.stringify(call) },
    timeout: 60_000,
  });
  return JSON.parse(stdout) as BuiltPackageResult;
}
