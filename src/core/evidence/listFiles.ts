// The evidence files under evidenceRoot with their Git state: from Git when the folder is a work tree, else a file walk.
import { promises as fs, statSync } from 'node:fs';
import * as path from 'node:path';
import type { Git } from '../git/git';
import { entrySplitter } from '../git/nulEntries';
import { decodePath, fsPath } from '../git/pathBytes';
import type { EvidenceFile, GitFileState } from '../model/types';

export interface ListOptions {
  /** Folder of the criteria file. */
  baseDir: string;
  /** evidenceRoot relative to baseDir ("." for baseDir itself). */
  evidenceRoot: string;
  /** Git for baseDir, or undefined to walk the folder (no Git, or Git not allowed). */
  git?: Git;
  /** Folder names or relative paths (under evidenceRoot) never scanned. */
  exclude?: string[];
  /** Filled with the tracked paths missing from the work tree (relative to evidenceRoot, NFC). */
  absentTracked?: Set<string>;
  /** Told of each file as Git lists it, so matching runs while Git still works (see ListObserver). */
  observer?: ListObserver;
  /**
   * Tell staged files from committed ones (`diff-index --cached`; default true). False when only presence
   * counts (the portfolio's totals): one Git process less, and a staged file reads `committed`.
   */
  staged?: boolean;
  /**
   * Read Git's listing once Git has ended (Git.readChunks' afterExit), not as it comes: for a caller loading many
   * folders at once (the portfolio), where matching while Git works gains nothing and each wake-up costs.
   */
  afterExit?: boolean;
  /**
   * Ends holding exactly the listed files (path → file), for the caller's matching to keep no second map of the
   * same 100,000 paths. Filled in place as Git lists when nothing is excluded; with `exclude`, once at the end.
   */
  files?: Map<string, EvidenceFile>;
}

/**
 * Follows a listing as it arrives: `added` once per file (its object is updated in place when Git later says
 * more about it), `removed` for a listed file that turns out to be gone from the work tree.
 */
export interface ListObserver {
  added(file: EvidenceFile): void;
  removed(path: string): void;
}

export interface EvidenceListing {
  files: EvidenceFile[];
  /** True when the states came from Git. */
  git: boolean;
  /** False when the evidence folder does not exist. */
  exists: boolean;
  /** From Git: the only files that may be links (see listFromGit). Undefined: any file may be one. */
  unverified?: Set<string>;
}

const ALWAYS_SKIPPED = new Set(['.git', 'node_modules', '.svn', '.hg']);

export async function listEvidenceFiles(options: ListOptions): Promise<EvidenceListing> {
  const root = path.resolve(options.baseDir, options.evidenceRoot);
  // Synchronous: Git's listing then starts in the caller's turn, before other work of the thread (see loadWorkspace).
  const exists = isDirectory(root);
  if (!exists) return { files: [], git: false, exists };
  const excluded = (options.exclude ?? []).map((e) => e.normalize('NFC').replace(/^\/+|\/+$/g, ''));
  if (options.git) {
    const unverified = new Set<string>();
    const observer = options.observer && excluded.length > 0 ? excluding(options.observer, excluded) : options.observer;
    // Git's listing holds the excluded files too: with exclusions, the caller's map is filled from what is kept.
    // Stryker disable next-line ConditionalExpression: filled at the end instead of in place, the map holds the same files.
    const inPlace = excluded.length === 0 ? options.files : undefined;
    const fromGit = await listFromGit(options.git, options.evidenceRoot, undefined, options.absentTracked, unverified, observer, options.staged, options.afterExit, inPlace);
    if (fromGit) {
      // Stryker disable next-line ConditionalExpression: a map filled in place is filled again with the same files.
      if (inPlace) return { files: fromGit, git: true, exists, unverified };
      // Stryker disable next-line ConditionalExpression,EqualityOperator: with no exclusions the filter keeps every file.
      const kept = excluded.length > 0 ? fromGit.filter((f) => !isExcluded(f.path, excluded)) : fromGit;
      fillMap(options.files, kept);
      return { files: kept, git: true, exists, unverified };
    }
  }
  const files = await walk(root, excluded);
  // A failed listing may have left some files in the caller's map: it holds the walk's alone.
  fillMap(options.files, files);
  if (options.observer) for (const file of files) options.observer.added(file);
  return { files, git: false, exists };
}

/** `map`, when given, then holds exactly `files` by path. */
function fillMap(map: Map<string, EvidenceFile> | undefined, files: EvidenceFile[]): void {
  if (!map) return;
  map.clear();
  for (const file of files) map.set(file.path, file);
}

function isDirectory(p: string): boolean {
  try {
    // Stryker disable next-line ObjectLiteral,BooleanLiteral,OptionalChaining: a missing path throws then, and the catch answers the same.
    return statSync(p, { throwIfNoEntry: false })?.isDirectory() === true;
  } catch {
    return false;
  }
}

function excluding(observer: ListObserver, excluded: string[]): ListObserver {
  return {
    added: (file) => isExcluded(file.path, excluded) || observer.added(file),
    removed: (p) => isExcluded(p, excluded) || observer.removed(p),
  };
}

export function isExcluded(relative: string, excluded: string[]): boolean {
  if (excluded.length === 0) return false;
  const segments = relative.split('/');
  return excluded.some((e) => (e.includes('/') ? relative === e || relative.startsWith(e + '/') : segments.slice(0, -1).includes(e)));
}

/** The part of `p` inside `prefix/`, or undefined. */
export function inside(p: string, prefix: string): string | undefined {
  if (prefix === '' || prefix === '.') return p;
  return p.startsWith(prefix + '/') ? p.slice(prefix.length + 1) : undefined;
}

const TAB = 0x09;
/** `120000`, Git's mode of a symbolic link. */
const LINK_MODE = Buffer.from('120000');
/**
 * Whether `bytes` holds `prefix` at `at`. A loop: Buffer#compare with offsets costs more in its argument checks
 * than in comparing a few bytes, and it runs for each of a listing's entries.
 */
function startsWithAt(bytes: Buffer, at: number, prefix: Buffer): boolean {
  if (at + prefix.length > bytes.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[at + i] !== prefix[i]) return false;
  return true;
}

/** Tags of `ls-files -t`: in the index (H cached, S skip-worktree, M unmerged), C changed, R removed, ? untracked. */
const TAG = { cached: 0x48, skipWorktree: 0x53, unmerged: 0x4d, changed: 0x43, removed: 0x52, untracked: 0x3f } as const;

/**
 * Git calls doing less work together than `git ls-files` + `git status`: `ls-files` listing the index's entries
 * with file modes (`-s`), the untracked, not ignored files (`-o`), and the entries changed (`-m`) or deleted
 * (`-d`) in the work tree, each tagged (`-t`); and `diff-index --cached` for what is staged but not committed.
 * Undefined when the folder is not a work tree.
 * A whole listing read as Git writes it takes the index's entries from a call of their own (`--cached` alone reads
 * the index: ~70 ms for 65,000 entries), so they are matched while a second call walks the work tree (~700 ms,
 * its output small). One call, as for a ward of the portfolio (`afterExit`) or a few paths, costs one process less.
 * `paths` (relative to evidenceRoot) narrows the calls to those files, for incremental updates.
 * `unverified` receives the files Git cannot vouch are regular files of the work tree (links, untracked,
 * modified: a file may have become a link): only those need a look on disk (symlinks.ts).
 * `staged` false skips `diff-index` (see ListOptions.staged); `afterExit`: see ListOptions.afterExit.
 */
export async function listFromGit(
  git: Git,
  evidenceRoot: string,
  paths?: string[],
  absentTracked?: Set<string>,
  unverified?: Set<string>,
  observer?: ListObserver,
  staged = true,
  afterExit = false,
  files = new Map<string, EvidenceFile>(),
): Promise<EvidenceFile[] | undefined> {
  const rootPrefix = evidenceRoot === '.' ? '' : evidenceRoot;
  const pathspecs = paths ? paths.map((p) => (rootPrefix ? `${rootPrefix}/${p}` : p)) : [rootPrefix || '.'];
  const links = new Set<string>();
  const keyOf = (listed: string) => {
    const relative = inside(listed, rootPrefix);
    return relative === undefined ? undefined : toNfc(relative);
  };
  // Most entries start with `<evidenceRoot>/`: decoded from after it, the key needs no second string (a slice of
  // each of 100,000 paths, garbage the collector copies while the listing lasts). Others take the general way.
  const prefixBytes = rootPrefix ? Buffer.from(rootPrefix + '/', 'utf8') : undefined;
  const keyAt = (bytes: Buffer, start: number, end: number): string | undefined => {
    if (!prefixBytes) return nfcOf(bytes, start, end);
    const after = start + prefixBytes.length;
    if (after < end && startsWithAt(bytes, start, prefixBytes)) return nfcOf(bytes, after, end);
    return keyOf(decodePath(bytes, start, end));
  };
  const add = (key: string | undefined, state: GitFileState, link: boolean) => {
    if (key === undefined) return;
    if (link) links.add(key);
    const known = files.get(key);
    if (!known) {
      const file: EvidenceFile = { path: key, git: state };
      files.set(key, file);
      observer?.added(file);
    } else if (state !== 'committed') {
      // A path listed twice (unmerged stages) keeps its least settled state.
      known.git = state;
    }
  };
  const changed: string[] = [];
  const removed: string[] = [];
  /**
   * Reads one `ls-files` call's entries as Git writes them, each decoded on its own: the listing of 100,000 paths
   * is never one 20 MB buffer or string (simple-git would also re-concatenate its buffer on every chunk; bench/).
   * `withStage`: its entries carry `-s`'s fields ("<tag> <mode> <object> <stage>\t<path>"), else "<tag> <path>".
   */
  const listing = (args: string[], withStage: boolean, options: { afterExit?: boolean; follow?: boolean }) => {
    const splitter = entrySplitter((bytes, start, end) => {
      const tag = bytes[start];
      if (tag === TAG.untracked) {
        // Stryker disable next-line BooleanLiteral: an untracked file is looked at on disk anyway (unverified).
        add(keyAt(bytes, start + 2, end), 'untracked', false);
        return;
      }
      const pathStart = withStage ? bytes.indexOf(TAB, start) + 1 : start + 2;
      if (pathStart <= start || pathStart >= end) return;
      if (tag === TAG.cached || tag === TAG.skipWorktree || tag === TAG.unmerged) {
        const link = startsWithAt(bytes, start + 2, LINK_MODE);
        add(keyAt(bytes, pathStart, end), tag === TAG.unmerged ? 'modified' : 'committed', link);
      } else if (tag === TAG.changed) {
        changed.push(decodePath(bytes, pathStart, end));
      } else if (tag === TAG.removed) {
        removed.push(decodePath(bytes, pathStart, end));
      }
    });
    return git.readChunks(['ls-files', '-z', ...args, '--', ...pathspecs], (chunk) => splitter.push(chunk), options).then(() => splitter.end());
  };
  const WORK_TREE = ['--others', '--modified', '--deleted', '--exclude-standard', '-t'];
  // Stryker disable ObjectLiteral,BooleanLiteral: how the output is read (through a file, as it comes or at the end), not what it says.
  const listings = paths || afterExit
    ? [listing(['--cached', ...WORK_TREE, '-s'], true, { afterExit, follow: !paths })]
    : // The walk, the longer call, starts first.
      [listing(WORK_TREE, false, { follow: true }), listing(['--cached', '-t', '-s'], true, { follow: true })];
  // Stryker restore ObjectLiteral,BooleanLiteral
  // Every call settled before anything is decided: a listing still running would go on adding files.
  const [stagedCall, ...listed] = await Promise.allSettled([staged ? stagedChanges(git, pathspecs) : Promise.resolve(Buffer.alloc(0)), ...listings]);
  const failed = [stagedCall, ...listed].find((call) => call.status === 'rejected');
  if (failed) {
    // Not a work tree: the caller walks the folder instead.
    if (!(await isWorkTree(git))) return undefined;
    throw failed.reason;
  }
  const stagedList = (stagedCall as PromiseFulfilledResult<Buffer | undefined>).value;
  const settle = (listed: string, state: 'modified' | 'deleted') => {
    const key = keyOf(listed);
    const file = key === undefined ? undefined : files.get(key);
    if (key === undefined || !file || file.git === 'untracked') return;
    if (state === 'deleted') {
      files.delete(key);
      links.delete(key);
      absentTracked?.add(key);
      observer?.removed(key);
    } else {
      file.git = 'modified';
    }
  };
  for (const listed of changed) settle(listed, 'modified');
  if (stagedList === undefined) {
    // No commit yet: everything in the index is staged, nothing committed.
    for (const file of files.values()) if (file.git === 'committed') file.git = 'modified';
  } else {
    // "<status>\0<path>\0" per staged change; a staged deletion is not in the index, so not listed above.
    const fields: string[] = [];
    entrySplitter((bytes, start, end) => fields.push(decodePath(bytes, start, end))).push(stagedList);
    for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] !== 'D') settle(fields[i + 1], 'modified');
  }
  // Deleted from the work tree last: a file both staged and deleted is gone.
  for (const listed of removed) settle(listed, 'deleted');
  if (unverified) {
    for (const key of links) unverified.add(key);
    for (const file of files.values()) if (file.git !== 'committed') unverified.add(file.path);
  }
  return [...files.values()];
}

/** The staged changes (`diff-index --cached HEAD`, paths relative to the folder); undefined before the first commit. */
async function stagedChanges(git: Git, pathspecs: string[]): Promise<Buffer | undefined> {
  try {
    return await git.readBuffer(['diff-index', '--cached', '--relative', '--name-status', '-z', '--no-renames', '--ignore-submodules=all', 'HEAD', '--', ...pathspecs]);
  } catch (error) {
    const unborn = await git.readBuffer(['rev-parse', '-q', '--verify', 'HEAD']).then(
      () => false,
      () => true,
    );
    if (unborn && (await isWorkTree(git))) return undefined;
    throw error;
  }
}

async function isWorkTree(git: Git): Promise<boolean> {
  return git.read(['rev-parse', '--is-inside-work-tree']).then(
    (out) => out.trim() === 'true',
    () => false,
  );
}

/** Anything beyond Latin letters and precomposed Vietnamese letters (U+1E00–U+1EFF): combining marks and the rest. */
const MAYBE_NOT_NFC = /[\u0300-\u1dff\u1f00-\uffff]/;

/**
 * toNfc(decodePath(bytes, start, end)), with MAYBE_NOT_NFC's test made on the bytes (a loop the JIT runs faster than
 * the expression over the decoded string; it runs for each listed path). UTF-8 of U+0300 and above starts with a
 * byte of 0xCC or more; of U+1E00–U+1EFF, with 0xE1 then 0xB8–0xBB. A byte that is not UTF-8 leaves the name as it is
 * (decodePath's escape is no letter a normalization would change).
 */
export function nfcOf(bytes: Uint8Array, start: number, end: number): string {
  const text = decodePath(bytes as Buffer, start, end);
  for (let i = start; i < end; i++) {
    const b = bytes[i];
    if (b < 0xcc) continue;
    if (b === 0xe1 && i + 1 < end && bytes[i + 1] >= 0xb8 && bytes[i + 1] <= 0xbb) {
      // Past the second byte; a third, if it is one, is below 0xCC.
      i++;
      continue;
    }
    return text.normalize('NFC');
  }
  return text;
}

/** `s` in NFC; skips the (costly) normalization for the names that are NFC already, nearly all of them. */
export function toNfc(s: string): string {
  return MAYBE_NOT_NFC.test(s) ? s.normalize('NFC') : s;
}

/**
 * Every file below `root`, relative and NFC; linked folders and excluded folders are not entered. Links to files
 * are listed like Git lists them: whether they count is decided for matched files only (symlinks.ts).
 */
async function walk(root: string, excluded: string[]): Promise<EvidenceFile[]> {
  const files: EvidenceFile[] = [];
  const visit = async (dir: string, relative: string): Promise<void> => {
    let entries;
    try {
      // Names as bytes: one that is not UTF-8 keeps them (decodePath), as in a listing from Git.
      entries = await fs.readdir(fsPath(dir), { withFileTypes: true, encoding: 'buffer' });
    } catch {
      return;
    }
    const subfolders: Promise<void>[] = [];
    for (const entry of entries) {
      const name = decodePath(entry.name);
      const childRelative = relative ? `${relative}/${name.normalize('NFC')}` : name.normalize('NFC');
      if (entry.isDirectory()) {
        if (ALWAYS_SKIPPED.has(name) || isExcluded(childRelative + '/x', excluded)) continue;
        subfolders.push(visit(path.join(dir, name), childRelative));
      } else if (entry.isFile() || entry.isSymbolicLink()) {
        files.push({ path: childRelative, git: 'none' });
      }
    }
    await Promise.all(subfolders);
  };
  await visit(root, '');
  return files;
}
