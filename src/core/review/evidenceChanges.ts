// What a change did to the evidence: files added, changed, removed or renamed between two commits (or a commit and
// the work tree), each with the criteria and tasks it counts for; and the commits of the range without a trailer.
import { logEvidence } from '../audit/history';
import { compileRequirements, matchAll } from '../evidence/match';
import type { Git } from '../git/git';
import { decodePath } from '../git/pathBytes';
import { isCommitHash } from '../git/revision';
import { TRAILER, trailerValues } from '../git/trailers';
import type { CriteriaDoc } from '../model/types';

export type EvidenceChangeKind = 'added' | 'modified' | 'removed' | 'renamed';

export interface EvidenceChange {
  kind: EvidenceChangeKind;
  /** Relative to evidenceRoot, NFC; the new path of a renamed file. */
  path: string;
  /** The old path of a renamed file. */
  from?: string;
  /** Ids of the criteria and tasks the file counts for after the change (before, for a removed file). */
  counts: string[];
  /** For a modified or renamed file whose criteria differ before the change: those it counted for then. */
  countedBefore?: string[];
}

/** A commit of the range that touched evidence without saying for which criterion (or whose record is unreadable). */
export interface UntrailedCommit {
  hash: string;
  shortHash: string;
  author: string;
  date: string;
  subject: string;
  unparsed?: boolean;
  /** Evidence files it touched, relative to evidenceRoot. */
  files: string[];
}

function rootPrefix(evidenceRoot: string): string {
  const root = evidenceRoot.replace(/^\.\/?/, '').replace(/\/+$/, '');
  return root === '' || root === '.' ? '' : root + '/';
}

/** NUL-separated fields of Git's `-z` output, each decoded as a path (bytes that are not UTF-8 kept). */
function fields(output: Buffer): string[] {
  const out: string[] = [];
  let start = 0;
  for (let end = output.indexOf(0, start); end >= 0; end = output.indexOf(0, start)) {
    out.push(decodePath(output, start, end));
    start = end + 1;
  }
  if (start < output.length) out.push(decodePath(output, start));
  return out;
}

interface RawChange {
  kind: EvidenceChangeKind;
  path: string;
  from?: string;
}

/** `git diff --name-status -z -M` output → changes under the prefix (paths relative to evidenceRoot, NFC). */
export function parseNameStatus(output: Buffer, prefix: string): RawChange[] {
  const tokens = fields(output);
  const changes: RawChange[] = [];
  const under = (p: string | undefined) => (p !== undefined && p.startsWith(prefix) ? p.slice(prefix.length).normalize('NFC') : undefined);
  for (let i = 0; i < tokens.length; ) {
    const status = tokens[i].replace(/^\n+/, '');
    if (/^[RC]\d*$/.test(status)) {
      const [from, to] = [under(tokens[i + 1]), under(tokens[i + 2])];
      i += 3;
      // A rename across evidenceRoot's edge is an addition or a removal as far as the evidence goes.
      if (from !== undefined && to !== undefined) changes.push(status[0] === 'R' ? { kind: 'renamed', path: to, from } : { kind: 'added', path: to });
      else if (to !== undefined) changes.push({ kind: 'added', path: to });
      else if (from !== undefined && status[0] === 'R') changes.push({ kind: 'removed', path: from });
      continue;
    }
    const file = under(tokens[i + 1]);
    i += 2;
    if (file === undefined) continue;
    if (status === 'A') changes.push({ kind: 'added', path: file });
    else if (status === 'D') changes.push({ kind: 'removed', path: file });
    else if (/^[MTU]$/.test(status)) changes.push({ kind: 'modified', path: file });
  }
  return changes;
}

/**
 * The evidence files that differ between `base` and `head` (full commit hashes; head undefined = the work tree,
 * untracked files included, ignored ones not). Git runs in the criteria file's folder; paths come relative to it.
 */
export async function changedEvidenceFiles(git: Git, evidenceRoot: string, base: string, head?: string): Promise<RawChange[]> {
  // Only hashes reach Git here: the caller resolved what the user typed (resolveCommit).
  if (!isCommitHash(base) || (head !== undefined && !isCommitHash(head))) throw new Error('changedEvidenceFiles: commit hashes only');
  const prefix = rootPrefix(evidenceRoot);
  const pathspec = prefix ? prefix.slice(0, -1) : '.';
  const diff = await git.readBuffer(['diff', '--name-status', '-z', '-M', '--relative', '--no-color', '--no-ext-diff', '--ignore-submodules=all', base, ...(head ? [head] : []), '--', pathspec]);
  const changes = parseNameStatus(diff, prefix);
  if (head === undefined) {
    const untracked = fields(await git.readBuffer(['ls-files', '-z', '--others', '--exclude-standard', '--', pathspec]));
    const known = new Set(changes.map((c) => c.path));
    for (const listed of untracked) {
      // ls-files prints paths relative to the folder it runs in, as diff --relative does.
      if (!listed.startsWith(prefix)) continue;
      const file = listed.slice(prefix.length).normalize('NFC');
      if (!known.has(file)) changes.push({ kind: 'added', path: file });
    }
  }
  return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** For each path, the ids of the leaf criteria and tasks of `doc` whose requirements it meets (document order). */
export function criteriaForFiles(doc: CriteriaDoc, paths: Iterable<string>): Map<string, string[]> {
  const state = matchAll(compileRequirements(doc), [...paths].map((p) => ({ path: p, git: 'committed' as const })));
  const out = new Map<string, string[]>();
  for (const r of state.requirements) {
    for (const p of state.matches.get(r.key)?.keys() ?? []) {
      const ids = out.get(p) ?? [];
      if (!ids.includes(r.ownerId)) ids.push(r.ownerId);
      out.set(p, ids);
    }
  }
  return out;
}

const sameIds = (a: string[], b: string[]) => a.length === b.length && a.every((id, i) => id === b[i]);

/** Each change with what it counts for: the head's criteria for what is there after, the base's for what was there before. */
export function withCriteria(changes: RawChange[], baseDoc: CriteriaDoc | undefined, headDoc: CriteriaDoc | undefined): EvidenceChange[] {
  const beforePaths = changes.filter((c) => c.kind !== 'added').map((c) => c.from ?? c.path);
  const afterPaths = changes.filter((c) => c.kind !== 'removed').map((c) => c.path);
  const before = baseDoc ? criteriaForFiles(baseDoc, beforePaths) : new Map<string, string[]>();
  const after = headDoc ? criteriaForFiles(headDoc, afterPaths) : new Map<string, string[]>();
  return changes.map((c) => {
    if (c.kind === 'removed') return { ...c, counts: before.get(c.path) ?? [] };
    const counts = after.get(c.path) ?? [];
    if (c.kind === 'added') return { ...c, counts };
    const was = before.get(c.from ?? c.path) ?? [];
    return sameIds(was, counts) ? { ...c, counts } : { ...c, counts, countedBefore: was };
  });
}

/** Commits of `base..head` (hashes) that touched evidence without a `Criterion:` or `Task:` trailer, newest first. */
export async function commitsWithoutTrailer(git: Git, evidenceRoot: string, base: string, head: string): Promise<{ commits: number; untrailed: UntrailedCommit[] }> {
  if (!isCommitHash(base) || !isCommitHash(head)) throw new Error('commitsWithoutTrailer: commit hashes only');
  const commits = await logEvidence(git, { evidenceRoot, range: `${base}..${head}` });
  const untrailed = commits
    .filter((c) => c.unparsed || trailerValues(c.trailers, TRAILER.criterion).length + trailerValues(c.trailers, TRAILER.task).length === 0)
    .map((c) => ({ hash: c.hash, shortHash: c.shortHash, author: c.author, date: c.date, subject: c.subject, ...(c.unparsed ? { unparsed: true } : {}), files: c.changes.map((ch) => ch.path) }));
  return { commits: commits.length, untrailed };
}
