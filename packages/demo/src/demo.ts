/**
 * The main job (`pnpm demo`): gets a token from each of the four providers through
 * the built @tokens packages and prints them as a table. Each provider runs against
 * the embedded sandbox unless its environment variables point at the real one
 * (see the README). Exits non-zero when any step fails.
 */
import { startSandbox, type Sandbox } from '@tokens/sandbox';
import { providerSteps, type Step } from './steps';
import { formatTable, type Row } from './table';

async function main(): Promise<number> {
  let sandbox: Sandbox | undefined;
  // Started only when some provider is not pointed at the real one.
  const lazySandbox = async (): Promise<Sandbox> => (sandbox ??= await startSandbox());
  const rows: Row[] = [];
  let failures = 0;
  try {
    for (const step of await providerSteps(process.env, lazySandbox)) {
      rows.push(await run(step).catch((error: unknown) => {
        failures += 1;
        return { ...step.label, source: step.source, tokenType: '-', expiresAt: '-', token: `FAILED: ${describe(error)}` };
      }));
    }
  } finally {
    await sandbox?.close();
  }
  console.log(formatTable(rows));
  console.log(failures === 0 ? `\ndemo: ${rows.length} tokens issued.` : `\ndemo: ${failures} of ${rows.length} steps failed.`);
  return failures === 0 ? 0 : 1;
}

async function run(step: Step): Promise<Row> {
  const issued = await step.issue();
  return {
    ...step.label,
    source: step.source,
    tokenType: issued.tokenType,
    expiresAt: `${issued.expiresAt.toISOString().slice(0, 19)}Z`,
    token: shorten(issued.token),
  };
}

/** The start of a token and its length: enough to see it is there, never the whole secret. */
function shorten(token: string): string {
  return `${token.slice(0, 10)}… (${token.length} chars)`;
}

/** Errors from @tokens packages are already redacted; name and message only. */
function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

process.exitCode = await main().catch((error: unknown) => {
  console.error(`demo: ${describe(error)}`);
  return 1;
});
