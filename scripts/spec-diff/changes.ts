/**
 * Every spec's changes since the base, with the package generated from it (through
 * scripts/providers.ts, the package's name from its package.json).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { providers } from '../providers.ts';
import { diffDocuments } from './document.ts';
import { requiredBump, type Bump, type Finding } from './findings.ts';
import { listAt, readAt, resolveBase, SpecDiffError, type Base } from './git.ts';
import type { Json } from './refs.ts';

export interface SpecChange {
  /** e.g. `specs/formflow.yaml`. */
  readonly spec: string;
  /** The package generated from the spec, if scripts/providers.ts lists one. */
  readonly packageName: string | undefined;
  readonly packageDir: string | undefined;
  /** The package's version at the base (`undefined`: no package there). */
  readonly baseVersion: string | undefined;
  readonly version: string | undefined;
  readonly findings: readonly Finding[];
  /** The bump the findings require (`undefined`: nothing that consumers see changed). */
  readonly bump: Bump | undefined;
}

export interface Changes {
  readonly base: Base;
  readonly specs: readonly SpecChange[];
}

const isSpec = (name: string) => /\.ya?ml$/.test(name);

function parseSpec(text: string | undefined, where: string): Json | undefined {
  if (text === undefined) return undefined;
  try {
    return parse(text) as Json;
  } catch (error) {
    throw new SpecDiffError(`${where}: not valid YAML (${(error as Error).message})`);
  }
}

function readWorkingTree(repoRoot: string, path: string): string | undefined {
  try {
    return readFileSync(join(repoRoot, path), 'utf8');
  } catch {
    return undefined;
  }
}

function versionOf(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  try {
    return (JSON.parse(text) as { version?: string }).version;
  } catch {
    return undefined;
  }
}

/** Compares the working tree's specs/ with the base's. */
export function specChanges(repoRoot: string, explicitBase?: string): Changes {
  const base = resolveBase(repoRoot, explicitBase);
  if (base.kind === 'none') return { base, specs: [] };
  let current: string[];
  try {
    current = readdirSync(join(repoRoot, 'specs')).filter(isSpec).map((name) => `specs/${name}`);
  } catch {
    current = [];
  }
  const paths = [...new Set([...listAt(repoRoot, base.commit, 'specs').filter(isSpec), ...current])].sort();
  const specs = paths.map((spec): SpecChange => {
    const before = parseSpec(readAt(repoRoot, base.commit, spec), `${spec} at the base`);
    const after = parseSpec(readWorkingTree(repoRoot, spec), spec);
    let findings: Finding[];
    try {
      findings = diffDocuments(before, after);
    } catch (error) {
      throw new SpecDiffError(`${spec}: ${(error as Error).message}`);
    }
    const provider = providers.find((p) => p.spec === spec);
    const manifest = provider && readWorkingTree(repoRoot, `${provider.packageDir}/package.json`);
    const packageName = manifest ? (JSON.parse(manifest) as { name: string }).name : undefined;
    return {
      spec,
      packageName,
      packageDir: provider?.packageDir,
      baseVersion: provider && versionOf(readAt(repoRoot, base.commit, `${provider.packageDir}/package.json`)),
      version: versionOf(manifest),
      findings,
      bump: requiredBump(findings),
    };
  });
  return { base, specs };
}

/**
 * `specChanges` for a command line: prints the base it compares with, or, when there
 * is none, why (`nothing`, e.g. "skipped") and exits 0; a SpecDiffError exits 1.
 */
export function specChangesForCommand(
  command: string,
  repoRoot: string,
  explicitBase: string | undefined,
  nothing: string,
): Changes & { base: Exclude<Base, { kind: 'none' }> } {
  let changes: Changes;
  try {
    changes = specChanges(repoRoot, explicitBase);
  } catch (error) {
    if (!(error instanceof SpecDiffError)) throw error;
    console.error(`${command}: ${error.message}`);
    process.exit(1);
  }
  if (changes.base.kind === 'none') {
    console.log(`${command}: ${nothing}: ${changes.base.reason}`);
    process.exit(0);
  }
  console.log(`${command}: comparing specs/ with ${changes.base.label}`);
  return { ...changes, base: changes.base };
}
