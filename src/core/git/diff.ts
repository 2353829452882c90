// Diff of one evidence file between two commits, or a commit and the working tree. Scanned PDFs, DOCX and
// images have no useful text diff: for them, a summary of each side (size, SHA-256, who committed it, when).
// A Git LFS file is summarized from its pointer (the content's size and SHA-256), never downloaded.
import { crypto } from '../node/lazy';
import { MAX_GIT_BLOB_BYTES, readBounded, UnreadableFileError } from '../fs/readBounded';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { t, type Locale } from '../i18n/messages';
import { replaceControls } from '../parse/text';
import { EvidenceError } from './errors';
import type { Git } from './git';
import { parseLfsPointer, type LfsPointer } from './lfs';
import { hasRawBytes, pathBytes, quotePath } from './pathBytes';
import { isInsidePath, resolveCommit } from './revision';

export interface SideSummary {
  /** The revision, or undefined for the working tree. */
  rev?: string;
  exists: boolean;
  /** Of the content: for an LFS pointer, the size and oid it records. */
  size?: number;
  sha256?: string;
  /** `pointer`: this side is a Git LFS pointer (content not read); `content`: the downloaded content of an LFS file. */
  lfs?: 'pointer' | 'content';
  /** The last commit that changed the file up to `rev`. */
  commit?: { shortHash: string; author: string; date: string; subject: string };
}

export type FileDiff = { binary: false; text: string } | { binary: true; before: SideSummary; after: SideSummary };

/**
 * How Git is told about one evidence file. A name that is not UTF-8 cannot be an argument (Node encodes every
 * argument as UTF-8), so it becomes a glob pathspec in which a bracket of the bytes ≥ 0x80 stands for each
 * such byte (Git matches bytes), read with literal pathspecs off for that call; `checkUnambiguous` makes sure
 * it names one file only.
 */
interface FileRef {
  file: string;
  spec: string;
  /** Set for a name that is not UTF-8: the environment that turns glob pathspecs on. */
  env?: Record<string, string>;
}

const isEscapedByte = (ch: string) => ch.length === 1 && ch.charCodeAt(0) >= 0xdc80 && ch.charCodeAt(0) <= 0xdcff;

function fileRef(file: string): FileRef {
  if (!hasRawBytes(file)) return { file, spec: file };
  // A byte that is not UTF-8 is always ≥ 0x80: `[!\x01-\x7f]` matches only such bytes, with ASCII arguments.
  const spec = [...file].map((ch) => (isEscapedByte(ch) ? '[!\x01-\x7f]' : ch.replace(/[*?[\\]/g, '\\$&'))).join('');
  return { file, spec: `:(glob)${spec}`, env: { GIT_LITERAL_PATHSPECS: '0' } };
}

/** A read-only Git call naming `ref` by its pathspec; stdout as text. */
async function readFor(git: Git, ref: FileRef, args: string[]): Promise<string> {
  if (!ref.env) return git.read(args);
  return (await git.readBuffer(args, undefined, ref.env)).toString('utf8');
}

/** The folder part of `file` that is valid UTF-8 (Git can be given it as an argument), relative to Git's cwd. */
function utf8Folder(file: string): string {
  const chars = [...file];
  const firstRaw = chars.findIndex(isEscapedByte);
  const head = firstRaw < 0 ? file : chars.slice(0, firstRaw).join('');
  const slash = head.lastIndexOf('/');
  return slash < 0 ? '.' : head.slice(0, slash);
}

/** The blobs (name bytes → id) under the folder of `ref` in commit `hash`, for a name that is not UTF-8. */
async function folderEntries(git: Git, ref: FileRef, hash: string): Promise<Array<{ name: Buffer; id: string }>> {
  const output = await git.readBuffer(['ls-tree', '-r', '-z', hash, '--', utf8Folder(ref.file)]);
  const entries: Array<{ name: Buffer; id: string }> = [];
  let start = 0;
  for (let end = output.indexOf(0, start); end >= 0; start = end + 1, end = output.indexOf(0, start)) {
    const tab = output.indexOf(9, start);
    if (tab < 0 || tab > end) continue;
    const [, type, id] = output.subarray(start, tab).toString('latin1').split(' ');
    if (type === 'blob') entries.push({ name: output.subarray(tab + 1, end), id });
  }
  return entries;
}

/** Whether `name` matches the glob of `ref` (the same bytes, any byte ≥ 0x80 where the name is not UTF-8). */
function matchesRef(name: Buffer, ref: FileRef): boolean {
  let at = 0;
  for (const ch of ref.file) {
    if (isEscapedByte(ch)) {
      if (at >= name.length || name[at] < 0x80) return false;
      at += 1;
      continue;
    }
    const part = Buffer.from(ch, 'utf8');
    if (at + part.length > name.length || !name.subarray(at, at + part.length).equals(part)) return false;
    at += part.length;
  }
  return at === name.length;
}

/** A glob pathspec must name one file only, on each side and in the working tree, or the diff could mix files. */
async function checkUnambiguous(git: Git, ref: FileRef, hashes: string[]): Promise<void> {
  if (!ref.env) return;
  const own = pathBytes(ref.file);
  const others = new Set<string>();
  const note = (name: Buffer) => {
    if (matchesRef(name, ref) && !name.equals(own)) others.add(name.toString('hex'));
  };
  for (const hash of hashes) for (const entry of await folderEntries(git, ref, hash)) note(entry.name);
  const folder = utf8Folder(ref.file);
  const names = await fs.readdir(path.join(git.cwd, folder), { encoding: 'buffer' }).catch(() => [] as Buffer[]);
  for (const name of names) note(folder === '.' ? name : Buffer.concat([Buffer.from(`${folder}/`, 'utf8'), name]));
  if (others.size > 0) throw new EvidenceError('diff.ambiguousName', [quotePath(ref.file)]);
}

/** Whether Git sees the file as binary between the two sides (`--numstat` prints "-" counts). */
async function isBinary(git: Git, ref: FileRef, from: string, to?: string): Promise<boolean> {
  const output = await readFor(git, ref, ['diff', '--numstat', '-z', from, ...(to ? [to] : []), '--', ref.spec]);
  return output.startsWith('-\t-\t');
}

async function lastCommit(git: Git, ref: FileRef, hash: string): Promise<SideSummary['commit']> {
  // NUL-separated fields: Git never prints a NUL inside a name or subject, so none can shift the fields.
  const fields = (await readFor(git, ref, ['log', '-1', '-z', '--format=%h%x00%an%x00%aI%x00%s', hash, '--', ref.spec])).split('\0');
  if (fields.length < 4 || !fields[0]) return undefined;
  const [shortHash, author, date, subject] = fields;
  return { shortHash, author, date, subject };
}

/** A missing file is "not there"; a refused one (a device, past the limit) is an error the user must see. */
function keepRefusal(error: unknown): undefined {
  if (error instanceof UnreadableFileError) throw error;
  return undefined;
}

/** The blob of `ref` (relative to the Git's cwd) in commit `hash` (already resolved), or undefined. */
async function blobAt(git: Git, ref: FileRef, hash: string): Promise<Buffer | undefined> {
  const limit = { bytes: MAX_GIT_BLOB_BYTES, path: `${hash}:${quotePath(ref.file)}` };
  if (!ref.env) return git.readBuffer(['cat-file', 'blob', `${hash}:./${ref.file}`], limit).catch(keepRefusal);
  const own = pathBytes(ref.file);
  const entry = (await folderEntries(git, ref, hash)).find((candidate) => candidate.name.equals(own));
  return entry ? git.readBuffer(['cat-file', 'blob', entry.id], limit).catch(keepRefusal) : undefined;
}

async function worktreeFile(git: Git, ref: FileRef): Promise<Buffer | undefined> {
  // Bounded: a working-tree file may be a FIFO or a link to a device.
  const file = path.join(git.cwd, ref.file);
  return readBounded(file, MAX_GIT_BLOB_BYTES, {}, ref.env ? pathBytes(file) : undefined).catch(keepRefusal);
}

/** The bytes of `ref` at `hash`, or in the working tree when `hash` is undefined; undefined when absent. */
async function contentAt(git: Git, ref: FileRef, hash?: string): Promise<Buffer | undefined> {
  return hash ? blobAt(git, ref, hash) : worktreeFile(git, ref);
}

function sideOf(rev: string | undefined, content: Buffer, pointer: LfsPointer | undefined, lfsFile: boolean): Omit<SideSummary, 'commit'> {
  if (pointer) return { rev, exists: true, size: pointer.size, sha256: pointer.oid, lfs: 'pointer' };
  const summary: Omit<SideSummary, 'commit'> = { rev, exists: true, size: content.length, sha256: crypto().createHash('sha256').update(content).digest('hex') };
  return lfsFile ? { ...summary, lfs: 'content' } : summary;
}

async function summarize(git: Git, ref: FileRef, rev: string | undefined, hash: string | undefined, content: Buffer | undefined, lfsFile: boolean): Promise<SideSummary> {
  if (!content) return { rev, exists: false };
  return { ...sideOf(rev, content, parseLfsPointer(content), lfsFile), commit: await lastCommit(git, ref, hash ?? 'HEAD').catch(() => undefined) };
}

/** Size, hash and last commit of `file` (relative to the Git's cwd) at `rev`, or in the working tree. */
export async function summarizeSide(git: Git, file: string, rev?: string): Promise<SideSummary> {
  const ref = fileRef(file);
  const hash = rev === undefined ? undefined : await resolveCommit(git, rev);
  return summarize(git, ref, rev, hash, await contentAt(git, ref, hash), false);
}

/**
 * `file` relative to the Git's cwd (never absolute or above it); `to` omitted compares with the working tree.
 * Revisions are resolved to commits first; a file that exists on neither side is an error, not an empty diff.
 * A name that is not UTF-8 (its bytes kept as decodePath keeps them) is diffed as well.
 */
export async function diffEvidenceFile(git: Git, file: string, from: string, to?: string): Promise<FileDiff> {
  if (!isInsidePath(file)) throw new EvidenceError('diff.fileOutside', [quotePath(file)]);
  const ref = fileRef(file);
  const fromHash = await resolveCommit(git, from);
  const toHash = to === undefined ? undefined : await resolveCommit(git, to);
  await checkUnambiguous(git, ref, toHash ? [fromHash, toHash] : [fromHash]);
  const [before, after] = await Promise.all([contentAt(git, ref, fromHash), contentAt(git, ref, toHash)]);
  const shown = quotePath(file);
  if (!before && !after) throw to === undefined ? new EvidenceError('diff.noSuchFileWorktree', [shown, from]) : new EvidenceError('diff.noSuchFile', [shown, from, to]);
  const sides = [fromHash, ...(toHash ? [toHash] : [])];
  // Pointers are text: Git would diff the pointers. Either side being one makes it a file Git LFS stores.
  const lfsFile = [before, after].some((c) => c !== undefined && parseLfsPointer(c) !== undefined);
  if (lfsFile || (await isBinary(git, ref, sides[0], sides[1]))) {
    return { binary: true, before: await summarize(git, ref, from, fromHash, before, lfsFile), after: await summarize(git, ref, to, toHash, after, lfsFile) };
  }
  const text = await readFor(git, ref, ['diff', '--no-color', '--no-ext-diff', '--no-textconv', ...sides, '--', ref.spec]);
  return { binary: false, text };
}

/** A readable summary of a binary diff. */
export function renderFileDiff(diff: FileDiff, locale: Locale = 'en'): string {
  if (!diff.binary) return diff.text;
  const side = (label: 'before' | 'after', s: SideSummary) => {
    const name = t(locale, label === 'before' ? 'diff.before' : 'diff.after');
    const where = s.rev ?? t(locale, 'cdiff.worktree');
    if (!s.exists) return replaceControls(t(locale, 'diff.sideMissing', name, where), { singleLine: true });
    const by = s.commit ? t(locale, 'diff.sideCommit', s.commit.shortHash, s.commit.author, s.commit.date, s.commit.subject) : '';
    const lfs = s.lfs === 'pointer' ? t(locale, 'diff.lfsPointer') : s.lfs === 'content' ? t(locale, 'diff.lfsContent') : '';
    return replaceControls(t(locale, 'diff.side', name, where, s.size ?? 0, s.sha256 ?? '') + lfs + by, { singleLine: true });
  };
  const same = diff.before.sha256 !== undefined && diff.before.sha256 === diff.after.sha256;
  return [side('before', diff.before), side('after', diff.after), t(locale, same ? 'diff.identical' : 'diff.differs')].join('\n') + '\n';
}
