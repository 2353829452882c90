// The evidence files under evidenceRoot with their Git state: from Git when the folder is a work tree, else a file walk.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Git } from '../git/git';
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
  const exists = await isDirectory(root);
  if (!exists) return { files: [], git: false, exists };
  const excluded = (options.exclude ?? []).map((e) => e.normalize('NFC').replace(/^\/+|\/+$/g, ''));
  if (options.git) {
    const unverified = new Set<string>();
    const observer = options.observer && excluded.length > 0 ? excluding(options.observer, excluded) : options.observer;
    const fromGit = await listFromGit(options.git, options.evidenceRoot, undefined, options.absentTracked, unverified, observer);
    if (fromGit) return { files: excluded.length > 0 ? fromGit.filter((f) => !isExcluded(f.path, excluded)) : fromGit, git: true, exists, unverified };
  }
  const files = await walk(root, excluded);
  if (options.observer) for (const file of files) options.observer.added(file);
  return { files, git: false, exists };
}

async function isDirectory(p: string): Promise<boolean> {
  try {
    return (await fs.stat(p)).isDirectory();
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

function isExcluded(relative: string, excluded: string[]): boolean {
  if (excluded.length === 0) return false;
  const segments = relative.split('/');
  return excluded.some((e) => (e.includes('/') ? relative === e || relative.startsWith(e + '/') : segments.slice(0, -1).includes(e)));
}

/** The part of `p` inside `prefix/`, or undefined. */
function inside(p: string, prefix: string): string | undefined {
  if (prefix === '' || prefix === '.') return p;
  return p.startsWith(prefix + '/') ? p.slice(prefix.length + 1) : undefined;
}

/**
 * How this process's Git lists the index with file modes: `--format` (Git ≥ 2.38, mode and path only), else
 * `--stage` (every version, adds the object id). Found out on the first listing.
 */
let cachedListing: 'format' | 'stage' | undefined;

/** Forces how the index is listed (tests of the older-Git path); undefined finds out again. */
export function setIndexListing(kind: 'format' | 'stage' | undefined): void {
  cachedListing = kind;
}

const CACHED_FORMAT = ['ls-files', '-z', '--cached', '--format=%(objectmode) %(path)'];
const CACHED_STAGE = ['ls-files', '-z', '--cached', '--stage'];

/** Hands each NUL-terminated entry of a chunked output to `each`, carrying a partial entry to the next chunk. */
export function entrySplitter(each: (bytes: Buffer, start: number, end: number) => void): { push(chunk: Buffer): void; end(): void } {
  let carry: Buffer | undefined;
  return {
    push(chunk) {
      let start = 0;
      if (carry) {
        const nul = chunk.indexOf(0);
        if (nul < 0) {
          carry = Buffer.concat([carry, chunk]);
          return;
        }
        const whole = Buffer.concat([carry, chunk.subarray(0, nul)]);
        carry = undefined;
        if (whole.length > 0) each(whole, 0, whole.length);
        start = nul + 1;
      }
      for (;;) {
        const end = chunk.indexOf(0, start);
        if (end < 0) break;
        if (end > start) each(chunk, start, end);
        start = end + 1;
      }
      // A copy: a view would keep the whole chunk alive.
      if (start < chunk.length) carry = Buffer.from(chunk.subarray(start));
    },
    end() {
      if (carry && carry.length > 0) each(carry, 0, carry.length);
      carry = undefined;
    },
  };
}

/** Streams the index entries (with modes) to `each`: `--format` where Git has it (≥ 2.38), else `--stage`. */
async function listCached(git: Git, pathspecs: string[], each: (path: string, link: boolean) => void): Promise<void> {
  const run = async (stage: boolean) => {
    const splitter = entrySplitter((bytes, start, end) => {
      // `--format`: "<mode> <path>"; `--stage`: "<mode> <object> <stage>\t<path>".
      const pathStart = bytes.indexOf(stage ? TAB : SPACE, start) + 1;
      if (pathStart <= start || pathStart >= end) return;
      each(bytes.toString('utf8', pathStart, end), bytes.compare(LINK_MODE, 0, LINK_MODE.length, start, start + LINK_MODE.length) === 0);
    });
    await git.readChunks([...(stage ? CACHED_STAGE : CACHED_FORMAT), '--', ...pathspecs], (chunk) => splitter.push(chunk));
    splitter.end();
  };
  if (cachedListing !== 'stage') {
    try {
      await run(false);
      cachedListing = 'format';
      return;
    } catch (error) {
      // An older Git refuses the option before printing anything ("unknown option `format'"); anything else is a failure.
      if (cachedListing === 'format' || !/format/i.test(String((error as Error).message))) throw error;
      cachedListing = 'stage';
    }
  }
  await run(true);
}

const SPACE = 0x20;
const TAB = 0x09;
/** `120000`, Git's mode of a symbolic link. */
const LINK_MODE = Buffer.from('120000');

/**
 * Three Git calls, like `git ls-files` + `git status` would: the index with file modes, the untracked, not
 * ignored files, then the tracked ones that differ from HEAD. Undefined when the folder is not a work tree.
 * `paths` (relative to evidenceRoot) narrows the calls to those files, for incremental updates.
 * `unverified` receives the files Git cannot vouch are regular files of the work tree (links, untracked,
 * modified: a file may have become a link): only those need a look on disk (symlinks.ts).
 */
export async function listFromGit(
  git: Git,
  evidenceRoot: string,
  paths?: string[],
  absentTracked?: Set<string>,
  unverified?: Set<string>,
  observer?: ListObserver,
): Promise<EvidenceFile[] | undefined> {
  // Asked alongside the listing, not before it: only the status output needs it.
  const prefixAsked = git.read(['rev-parse', '--show-prefix']).then(
    (out) => out.trim().replace(/\/$/, ''),
    () => undefined,
  );
  const rootPrefix = evidenceRoot === '.' ? '' : evidenceRoot;
  const pathspecs = paths ? paths.map((p) => (rootPrefix ? `${rootPrefix}/${p}` : p)) : [rootPrefix || '.'];
  const files = new Map<string, EvidenceFile>();
  const links = new Set<string>();
  const add = (entryPath: string, state: GitFileState, link: boolean) => {
    const relative = inside(entryPath, rootPrefix);
    if (relative === undefined) return;
    const key = toNfc(relative);
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
  // Entries are read as Git writes them, each decoded on its own: the listing of 100,000 paths is never one
  // 16 MB buffer or string (simple-git would also re-concatenate its buffer on every chunk; bench/).
  const others = entrySplitter((bytes, start, end) => add(bytes.toString('utf8', start, end), 'untracked', false));
  let status: Buffer;
  try {
    [, , status] = await Promise.all([
      listCached(git, pathspecs, (p, link) => add(p, 'committed', link)),
      git.readChunks(['ls-files', '-z', '--others', '--exclude-standard', '--', ...pathspecs], (chunk) => others.push(chunk)).then(() => others.end()),
      git.readBuffer(['status', '--porcelain=v2', '-z', '--untracked-files=no', '--no-renames', '--ignore-submodules=all', '--', ...pathspecs]),
    ]);
  } catch (error) {
    // Not a work tree (the prefix could not be read either): the caller walks the folder instead.
    if ((await prefixAsked) === undefined) return undefined;
    throw error;
  }
  const prefix = await prefixAsked;
  if (prefix === undefined) return undefined;
  // Then what differs from HEAD (a few paths): modified, or deleted from the work tree.
  const rootFromTop = [prefix, rootPrefix].filter(Boolean).join('/');
  for (const [fromTop, change] of parseStatusV2(status.toString('utf8'))) {
    const relative = inside(fromTop, rootFromTop);
    if (relative === undefined) continue;
    const key = toNfc(relative);
    const file = files.get(key);
    if (!file || file.git === 'untracked') continue;
    if (change === 'deleted') {
      files.delete(key);
      links.delete(key);
      absentTracked?.add(key);
      observer?.removed(key);
    } else {
      file.git = 'modified';
    }
  }
  if (unverified) {
    for (const key of links) unverified.add(key);
    for (const file of files.values()) if (file.git !== 'committed') unverified.add(file.path);
  }
  return [...files.values()];
}

/** Anything beyond Latin letters and precomposed Vietnamese letters (U+1E00–U+1EFF): combining marks and the rest. */
const MAYBE_NOT_NFC = /[\u0300-\u1dff\u1f00-\uffff]/;

/** `s` in NFC; skips the (costly) normalization for the names that are NFC already, nearly all of them. */
export function toNfc(s: string): string {
  return MAYBE_NOT_NFC.test(s) ? s.normalize('NFC') : s;
}

/** Paths (relative to the repository top) that differ from HEAD: `modified`, or `deleted` from the work tree. */
export function parseStatusV2(output: string): Map<string, 'modified' | 'deleted'> {
  const result = new Map<string, 'modified' | 'deleted'>();
  for (const entry of output.split('\0')) {
    const kind = entry[0];
    // Fields before the path: 8 for ordinary entries ("1 XY sub mH mI mW hH hI path"), 10 for unmerged.
    const fieldsBefore = kind === '1' ? 8 : kind === 'u' ? 10 : -1;
    if (fieldsBefore < 0) continue;
    let at = 0;
    for (let i = 0; i < fieldsBefore && at >= 0; i++) at = entry.indexOf(' ', at) + 1;
    if (at <= 0) continue;
    const xy = entry.slice(2, 4);
    result.set(entry.slice(at), xy[1] === 'D' ? 'deleted' : 'modified');
  }
  return result;
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
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    const subfolders: Promise<void>[] = [];
    for (const entry of entries) {
      const childRelative = relative ? `${relative}/${entry.name.normalize('NFC')}` : entry.name.normalize('NFC');
      if (entry.isDirectory()) {
        if (ALWAYS_SKIPPED.has(entry.name) || isExcluded(childRelative + '/x', excluded)) continue;
        subfolders.push(visit(path.join(dir, entry.name), childRelative));
      } else if (entry.isFile() || entry.isSymbolicLink()) {
        files.push({ path: childRelative, git: 'none' });
      }
    }
    await Promise.all(subfolders);
  };
  await visit(root, '');
  return files;
}
