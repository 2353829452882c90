// Helpers of the Git tests: byte snapshots, a ward repository, the CLI in-process.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { run } from '../../src/cli/main';
import { cleanupTempDirs, git, initRepo, sampleCriteria, tempDir, writeFiles } from './helpers';

/** Every file under `dir` except .git, as relative path → SHA-256 of its bytes. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (at: string, rel: string) => {
    for (const name of readdirSync(at)) {
      if (name === '.git') continue;
      const full = path.join(at, name);
      const relative = rel ? `${rel}/${name}` : name;
      if (statSync(full).isDirectory()) visit(full, relative);
      else out[relative] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  visit(dir, '');
  return out;
}

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A ward repository (criteria + one committed file) and a folder of source documents outside it. */
export function ward(): { repo: string; criteria: string; sources: string } {
  const repo = initRepo();
  writeFiles(repo, { 'criteria.yaml': sampleCriteria(), 'evidence/1.1 Kế hoạch/old.pdf': 'old plan' });
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'import');
  const sources = tempDir('re-sources-');
  return { repo, criteria: path.join(repo, 'criteria.yaml'), sources };
}

export async function cli(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(args, { out: (s) => (out += s), err: (s) => (err += s), cwd, env: { LANG: 'C' } });
  return { code, out, err };
}

/**
 * For the tests of the current `describe`: a private HOME and no system config, so the machine's global
 * identity or signing settings never leak in; restored (and temp folders removed) after each test.
 */
export function isolateGitConfig(): void {
  const saved = { HOME: process.env.HOME, XDG_CONFIG_HOME: process.env.XDG_CONFIG_HOME, GIT_CONFIG_NOSYSTEM: process.env.GIT_CONFIG_NOSYSTEM };
  beforeEach(() => {
    process.env.HOME = tempDir('re-home-');
    process.env.XDG_CONFIG_HOME = process.env.HOME;
    process.env.GIT_CONFIG_NOSYSTEM = '1';
  });
  afterEach(() => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    cleanupTempDirs();
  });
}

/** Leaves `repo` (on `main`, with criteria.yaml committed) in a real merge that stopped on a conflict. */
export function startConflictingMerge(repo: string): void {
  git(repo, 'checkout', '-q', '-b', 'other');
  writeFiles(repo, { 'criteria.yaml': sampleCriteria('# other branch\n') });
  git(repo, 'commit', '-q', '-am', 'other');
  git(repo, 'checkout', '-q', 'main');
  writeFiles(repo, { 'criteria.yaml': sampleCriteria('# main branch\n') });
  git(repo, 'commit', '-q', '-am', 'main');
  try {
    git(repo, 'merge', '-q', 'other');
  } catch {
    // The conflict is the point.
  }
}

/** Leaves `repo` in a real merge stopped on a conflict in `file` (tracked): each side commits its own content. */
export function conflictIn(repo: string, file: string): void {
  const branch = git(repo, 'rev-parse', '--abbrev-ref', 'HEAD').trim();
  git(repo, 'checkout', '-qb', 'conflict-side');
  writeFiles(repo, { [file]: 'side' });
  git(repo, 'commit', '-qam', 'side');
  git(repo, 'checkout', '-q', branch);
  writeFiles(repo, { [file]: 'main' });
  git(repo, 'commit', '-qam', 'main');
  try {
    git(repo, 'merge', '-q', 'conflict-side');
  } catch {
    // The conflict is the point.
  }
}
