// The audit trail read back from Git: which commits recorded evidence, and the last commit of each file.
// Each question is one `git log` walked once, never one process per file.
import { globTest } from '../glob/glob';
import type { CriteriaDoc, EvidenceCommit, FileRecord } from '../model/types';
import type { Git } from '../git/git';
import { decodePath } from '../git/pathBytes';
import { parseTrailers, TRAILER, trailerValues, type Trailer } from '../git/trailers';

/** One file a commit touched: Git's status letter (A, M, D, T…), its path relative to evidenceRoot (NFC) and the new blob. */
export interface Change {
  status: string;
  path: string;
  /** Blob id after the commit (absent for deletions, or when not asked for). */
  blob?: string;
}

/** A commit that touched evidence, with everything the history, reports and verification need. */
export interface RawEvidenceCommit extends Pick<EvidenceCommit, 'hash' | 'shortHash' | 'author' | 'email' | 'date' | 'subject'> {
  /** `%G?`: G good, N none, B bad, U unknown validity, E cannot check, X/Y expired, R revoked. */
  signature: string;
  /** Git's record of this commit did not have the expected fields: only the hash is known. */
  unparsed?: boolean;
  trailers: Trailer[];
  changes: Change[];
}

/**
 * One record per commit, every field ended by a NUL (`-z`): Git never prints a NUL inside a name, subject or
 * trailer, so no text of a commit can shift the fields. The record opens and closes with the full hash, which
 * checks its field count.
 */
const FIELDS = ['%H', '%h', '%an', '%ae', '%aI', '%s', '%G?', '%(trailers:only,unfold)', '%H'];
const formatOf = (signatures: boolean) => '--format=' + FIELDS.filter((f) => signatures || f !== '%G?').join('%x00');

export interface LogOptions {
  /** evidenceRoot relative to the Git's cwd (the criteria file's folder). */
  evidenceRoot: string;
  /** ISO date (or anything `git log --since` takes). */
  since?: string;
  /** A revision range, e.g. `abc123..HEAD` (default HEAD). */
  range?: string;
  /** Read signatures (`%G?` runs the signing program per commit: only when asked). */
  signatures?: boolean;
  /** Blob ids of the files (`--raw`), for verification. */
  blobs?: boolean;
}

function rootPrefix(evidenceRoot: string): string {
  const root = evidenceRoot.replace(/^\.\/?/, '').replace(/\/+$/, '');
  return root === '' || root === '.' ? '' : root + '/';
}

/**
 * Every commit of HEAD (or `range`) that touched a file under evidenceRoot, newest first. Paths come
 * relative to the Git's cwd (`--relative`), so files outside evidenceRoot never show.
 */
export async function logEvidence(git: Git, options: LogOptions): Promise<RawEvidenceCommit[]> {
  const prefix = rootPrefix(options.evidenceRoot);
  const args = ['log', '-z', '--relative', '--no-renames', '--no-color', options.blobs ? '--raw' : '--name-status', formatOf(options.signatures === true)];
  if (options.since) args.push(`--since=${options.since}`);
  args.push(options.range ?? 'HEAD', '--', prefix ? prefix.slice(0, -1) : '.');
  let output: string;
  try {
    // Read as bytes: a path that is not UTF-8 keeps its bytes (decodePath), as the listing of files does.
    output = decodePath(await git.readBuffer(args));
  } catch (error) {
    // A repository without commits has no history yet.
    if (/does not have any commits|unknown revision|bad default revision|bad revision 'HEAD'|ambiguous argument 'HEAD'/i.test(String((error as Error)?.message))) return [];
    throw error;
  }
  return parseLog(output, prefix, options.blobs === true, options.signatures === true);
}

const HASH = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
const STATUS = /^[A-Z]\d*$/;
/** `--raw`: ":100644 100644 <old> <new> M". */
const RAW = /^:\d+ \d+ [0-9a-f]+ ([0-9a-f]+) ([A-Z])\d*$/;

/**
 * Parses `git log -z` output in the format of `formatOf`: per commit the fields, then status/path pairs.
 * A record whose closing hash is not where the field count puts it is kept by its hash, marked `unparsed`.
 */
export function parseLog(output: string, prefix: string, raw: boolean, signatures = false): RawEvidenceCommit[] {
  const fieldCount = signatures ? FIELDS.length : FIELDS.length - 1;
  const tokens = output.split('\0');
  const commits: RawEvidenceCommit[] = [];
  let i = 0;
  const clean = (token: string | undefined) => (token ?? '').replace(/^\n+/, '');
  while (i < tokens.length) {
    const hash = clean(tokens[i]);
    if (!HASH.test(hash)) {
      i++;
      continue;
    }
    const fields = tokens.slice(i, i + fieldCount);
    let commit: RawEvidenceCommit;
    if (fields.length === fieldCount && fields[fieldCount - 1] === hash) {
      const [, shortHash, author, email, date, subject] = fields;
      const signature = signatures ? fields[6] : '';
      commit = { hash, shortHash, author, email, date, subject, signature, trailers: parseTrailers(fields[fieldCount - 2]), changes: [] };
      i += fieldCount;
    } else {
      // Not the record we asked for: report it by its hash, and read on after its closing hash if there is one.
      const close = tokens.indexOf(hash, i + 1);
      commit = { hash, shortHash: hash.slice(0, 7), author: '', email: '', date: '', subject: '', signature: '', trailers: [], changes: [], unparsed: true };
      i = close > i ? close + 1 : i + 1;
    }
    for (; i + 1 < tokens.length; i += 2) {
      const head = clean(tokens[i]);
      let status: string;
      let blob: string | undefined;
      if (raw) {
        const match = RAW.exec(head);
        if (!match) break;
        status = match[2];
        blob = /^0+$/.test(match[1]) ? undefined : match[1];
      } else {
        if (!STATUS.test(head)) break;
        status = head[0];
      }
      const file = tokens[i + 1];
      if (file.startsWith(prefix)) commit.changes.push({ status, path: file.slice(prefix.length).normalize('NFC'), blob });
    }
    commits.push(commit);
  }
  return commits;
}

export interface HistoryOptions {
  /** evidenceRoot relative to the Git's cwd (the criteria file's folder). */
  evidenceRoot: string;
  /** ISO date: only commits since then. */
  since?: string;
  /** Keep the commits for this criterion (or task): by `Criterion:`/`Task:` trailer, or by `paths`/`globs`. */
  criterionId?: string;
  /** Files or folders relative to evidenceRoot: a commit touching one of them (or a file under it) is kept. */
  paths?: string[];
  /** Globs relative to evidenceRoot (a requirement's `path`): a commit touching a matching file is kept. */
  globs?: string[];
}

export function toEvidenceCommit(raw: RawEvidenceCommit): EvidenceCommit {
  return {
    hash: raw.hash,
    shortHash: raw.shortHash,
    author: raw.author,
    email: raw.email,
    date: raw.date,
    subject: raw.subject,
    criteria: trailerValues(raw.trailers, TRAILER.criterion),
    files: raw.changes.map((c) => c.path),
    ...(raw.unparsed ? { unparsed: true } : {}),
  };
}

/** The commits that recorded evidence, newest first: all of them, or those of one criterion (trailer or path). */
export async function evidenceCommits(git: Git, options: HistoryOptions): Promise<EvidenceCommit[]> {
  const commits = await logEvidence(git, { evidenceRoot: options.evidenceRoot, since: options.since });
  const paths = (options.paths ?? []).map((p) => p.normalize('NFC').replace(/\/+$/, ''));
  const globs = (options.globs ?? []).map((g) => globTest(g.normalize('NFC').replace(/^\.\//, ''), { dot: false }));
  const byPath = (file: string) => paths.some((p) => file === p || file.startsWith(p + '/')) || globs.some((test) => test(file));
  const filterActive = options.criterionId !== undefined || paths.length > 0 || globs.length > 0;
  return commits
    .filter((c) => {
      if (!filterActive) return true;
      const id = options.criterionId;
      if (id !== undefined && (trailerValues(c.trailers, TRAILER.criterion).includes(id) || trailerValues(c.trailers, TRAILER.task).includes(id))) return true;
      return c.changes.some((change) => byPath(change.path));
    })
    .map(toEvidenceCommit);
}

/**
 * The last commit that recorded each evidence file still in HEAD, keyed by its path relative to evidenceRoot
 * (NFC). One `git log` walked newest first: the first time a path shows is its last commit; a deletion seen
 * first means the file is gone.
 */
export async function lastCommitsForFiles(git: Git, evidenceRoot: string): Promise<Map<string, FileRecord>> {
  const commits = await logEvidence(git, { evidenceRoot });
  const records = new Map<string, FileRecord>();
  const seen = new Set<string>();
  for (const commit of commits) {
    for (const change of commit.changes) {
      if (seen.has(change.path)) continue;
      seen.add(change.path);
      if (change.status === 'D') continue;
      records.set(change.path, { path: change.path, hash: commit.hash, shortHash: commit.shortHash, date: commit.date, author: commit.author });
    }
  }
  return records;
}

/** The leaf criteria (and tasks) under `id`, with the globs of their evidence requirements. */
function scopeOf(doc: CriteriaDoc, id: string): { ids: Set<string>; globs: string[] } | undefined {
  const task = doc.tasks.find((t) => t.id === id);
  if (task) return { ids: new Set([id]), globs: task.evidence.filter((r) => r.valid).map((r) => r.path) };
  const node = doc.byId.get(id);
  if (!node) return undefined;
  const ids = new Set<string>();
  const globs: string[] = [];
  const visit = (n: typeof node) => {
    ids.add(n.id);
    for (const r of n.evidence) if (r.valid) globs.push(r.path);
    n.children.forEach(visit);
  };
  visit(node);
  return { ids, globs };
}

/**
 * History of a criterion (an area includes its sub-criteria) or a task: commits whose `Criterion:`/`Task:`
 * trailer names it, or that touched a file its requirements match. Undefined for an unknown id.
 */
export async function criterionHistory(git: Git, doc: CriteriaDoc, id: string, since?: string): Promise<EvidenceCommit[] | undefined> {
  const scope = scopeOf(doc, id);
  if (!scope) return undefined;
  const tests = scope.globs.map((g) => globTest(g.normalize('NFC').replace(/^\.\//, ''), { dot: false }));
  const commits = await logEvidence(git, { evidenceRoot: doc.index.evidenceRoot, since });
  const matching = (file: string) => tests.some((test) => test(file));
  return commits
    .filter((c) => [...trailerValues(c.trailers, TRAILER.criterion), ...trailerValues(c.trailers, TRAILER.task)].some((v) => scope.ids.has(v)) || c.changes.some((ch) => matching(ch.path)))
    .map((c) => {
      const commit = toEvidenceCommit(c);
      // Only this criterion's files of a commit that recorded many (an import), unless none match.
      const own = commit.files.filter(matching);
      return own.length > 0 ? { ...commit, files: own } : commit;
    });
}

/** The last `count` commits that changed `relative` (a path from the top folder): for a pick list of revisions. */
export async function recentCommits(git: Git, relative: string, count: number): Promise<Array<Pick<EvidenceCommit, 'shortHash' | 'author' | 'date' | 'subject'>>> {
  // Four NUL-ended fields per commit: no subject or name can shift them.
  const output = await git.read(['log', `-${count}`, '-z', '--format=%h%x00%an%x00%aI%x00%s%x00', 'HEAD', '--', relative]).catch(() => '');
  const tokens = output.split('\0').map((token) => token.replace(/^\n+/, ''));
  const commits: Array<Pick<EvidenceCommit, 'shortHash' | 'author' | 'date' | 'subject'>> = [];
  for (let i = 0; i + 3 < tokens.length; i += 5) commits.push({ shortHash: tokens[i], author: tokens[i + 1], date: tokens[i + 2], subject: tokens[i + 3] });
  return commits.filter((c) => /^[0-9a-f]{4,}$/.test(c.shortHash));
}
