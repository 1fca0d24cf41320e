/**
 * The entry Node, Bun and Deno run: the sandbox's config comes as the first argument
 * (Deno reads it without any permission beyond --allow-net), the checks run, and the
 * runtime prints its own name and version with the tally.
 */
import { report, runChecks, type SandboxConfig } from './checks.ts';

interface RuntimeGlobals {
  Bun?: { version: string };
  Deno?: { version: { deno: string }; args: string[] };
  process?: { versions: { node: string }; argv: string[]; exitCode?: number };
}

const runtime = globalThis as RuntimeGlobals;
// Bun and Deno define `process` too, so they are asked first.
const name = runtime.Bun ? `bun ${runtime.Bun.version}` : runtime.Deno ? `deno ${runtime.Deno.version.deno}` : `node ${runtime.process!.versions.node}`;
const args = runtime.Deno ? runtime.Deno.args : runtime.process!.argv.slice(2);
const config = JSON.parse(args[0] ?? '') as SandboxConfig;

const results = await runChecks(config);
for (const line of report(name, results)) console.log(line);
if (results.some((result) => !result.ok)) runtime.process!.exitCode = 1;
