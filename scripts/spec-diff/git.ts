/**
 * The base the specs are compared with, and reading files as they were there.
 *
 * Default base, in order:
 * 1. the latest release tag reachable from HEAD (`@tokens/<pkg>@<version>` as
 *    `changeset publish` tags, or `v<version>`): what consumers have;
 * 2. else `origin/main` (its merge base with HEAD): what this branch changes;
 * 3. else, when no published package has ever been released (every version is still
 *    0.0.0), there is nothing a change could break: no base, and the caller says so;
 * 4. else it fails, saying to fetch the tags or pass `--base`: packages were released
 *    but their tags are missing (a shallow or tag-less clone), and guessing a base
 *    could let a breaking change through.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export type Base =
  | { readonly kind: 'ref'; readonly commit: string; readonly label: string }
  | { readonly kind: 'none'; readonly reason: string };

export const RELEASE_TAG_PATTERNS = ['@tokens/*@*', 'v[0-9]*'];

/** An error to show as one line (a bad base, a spec that cannot be read), not as a crash. */
export class SpecDiffError extends Error {}

export class BaseError extends SpecDiffError {}

function git(repoRoot: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch {
    return undefined;
  }
}

const short = (commit: string) => commit.slice(0, 12);

export function resolveBase(repoRoot: string, explicit?: string): Base {
  if (git(repoRoot, ['rev-parse', '--git-dir']) === undefined) throw new BaseError(`${repoRoot} is not a git repository: no base to compare the specs with`);
  if (explicit !== undefined) {
    const commit = git(repoRoot, ['rev-parse', '--verify', '--quiet', `${explicit}^{commit}`]);
    if (!commit) throw new BaseError(`--base ${explicit}: no such commit, branch or tag here (fetch it, or check the spelling)`);
    return { kind: 'ref', commit, label: `${explicit} (--base, ${short(commit)})` };
  }
  const head = git(repoRoot, ['rev-parse', '--verify', '--quiet', 'HEAD']);
  if (head) {
    const tag = git(repoRoot, ['describe', '--tags', '--abbrev=0', ...RELEASE_TAG_PATTERNS.flatMap((p) => ['--match', p]), 'HEAD']);
    if (tag) {
      const commit = git(repoRoot, ['rev-parse', '--verify', `${tag}^{commit}`])!;
      return { kind: 'ref', commit, label: `${tag} (latest release tag, ${short(commit)})` };
    }
    const origin = git(repoRoot, ['rev-parse', '--verify', '--quiet', 'refs/remotes/origin/main']);
    if (origin) {
      const commit = git(repoRoot, ['merge-base', origin, head]) ?? origin;
      return { kind: 'ref', commit, label: `origin/main (merge base ${short(commit)}; no release tag found)` };
    }
  }
  const released = publishedPackages(repoRoot).filter((p) => p.version !== '0.0.0');
  if (released.length === 0) {
    return {
      kind: 'none',
      reason:
        'no release tag (@tokens/*@*, v*) and no origin/main, and no package was ever released (every version is 0.0.0): ' +
        'no consumer has anything a spec change could break. Pass --base <ref> to compare with a commit anyway.',
    };
  }
  throw new BaseError(
    `no release tag (@tokens/*@*, v*) reachable from HEAD and no origin/main, but ${released.map((p) => `${p.name}@${p.version}`).join(', ')} ` +
      'say they were released: fetch the tags (git fetch --tags) or pass --base <ref>.',
  );
}

interface PackageManifest {
  readonly name: string;
  readonly version: string;
  readonly private?: boolean;
}

/** The workspace's published packages (packages/*, not private), as in the working tree. */
export function publishedPackages(repoRoot: string): PackageManifest[] {
  let dirs: string[];
  try {
    dirs = readdirSync(join(repoRoot, 'packages'));
  } catch {
    return [];
  }
  return dirs.flatMap((dir) => {
    const manifest = readJson<PackageManifest>(join(repoRoot, 'packages', dir, 'package.json'));
    return manifest && !manifest.private ? [manifest] : [];
  });
}

function readJson<T>(path: string): T | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** A file's text at a commit; `undefined` when it did not exist there. */
export function readAt(repoRoot: string, commit: string, path: string): string | undefined {
  try {
    return execFileSync('git', ['show', `${commit}:${path}`], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 });
  } catch {
    return undefined;
  }
}

/** Files under a folder at a commit (paths relative to the repository root). */
export function listAt(repoRoot: string, commit: string, folder: string): string[] {
  const out = git(repoRoot, ['ls-tree', '--name-only', `${commit}:${folder}`]);
  return out ? out.split('\n').filter(Boolean).map((name) => `${folder}/${name}`) : [];
}
