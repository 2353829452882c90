// Diff of one evidence file between two commits, or a commit and the working tree. Scanned PDFs, DOCX and
// images have no useful text diff: for them, a summary of each side (size, SHA-256, who committed it, when).
// A Git LFS file is summarized from its pointer (the content's size and SHA-256), never downloaded.
import { crypto } from '../node/lazy';
import { MAX_GIT_BLOB_BYTES, readBounded, UnreadableFileError } from '../fs/readBounded';
import * as path from 'node:path';
import { t, type Locale } from '../i18n/messages';
import { replaceControls } from '../parse/text';
import { EvidenceError } from './errors';
import type { Git } from './git';
import { parseLfsPointer, type LfsPointer } from './lfs';
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

/** Whether Git sees the file as binary between the two sides (`--numstat` prints "-" counts). */
async function isBinary(git: Git, file: string, from: string, to?: string): Promise<boolean> {
  const output = await git.read(['diff', '--numstat', '-z', from, ...(to ? [to] : []), '--', file]);
  return output.startsWith('-\t-\t');
}

async function lastCommit(git: Git, file: string, hash: string): Promise<SideSummary['commit']> {
  // NUL-separated fields: Git never prints a NUL inside a name or subject, so none can shift the fields.
  const fields = (await git.read(['log', '-1', '-z', '--format=%h%x00%an%x00%aI%x00%s', hash, '--', file])).split('\0');
  if (fields.length < 4 || !fields[0]) return undefined;
  const [shortHash, author, date, subject] = fields;
  return { shortHash, author, date, subject };
}

/** A missing file is "not there"; a refused one (a device, past the limit) is an error the user must see. */
function keepRefusal(error: unknown): undefined {
  if (error instanceof UnreadableFileError) throw error;
  return undefined;
}

/** The blob of `file` (relative to the Git's cwd) in commit `hash` (already resolved), or undefined. */
async function blobAt(git: Git, file: string, hash: string): Promise<Buffer | undefined> {
  return git.readBuffer(['cat-file', 'blob', `${hash}:./${file}`], { bytes: MAX_GIT_BLOB_BYTES, path: `${hash}:${file}` }).catch(keepRefusal);
}

async function worktreeFile(git: Git, file: string): Promise<Buffer | undefined> {
  // Bounded: a working-tree file may be a FIFO or a link to a device.
  return readBounded(path.join(git.cwd, file), MAX_GIT_BLOB_BYTES).catch(keepRefusal);
}

/** The bytes of `file` at `hash`, or in the working tree when `hash` is undefined; undefined when absent. */
async function contentAt(git: Git, file: string, hash?: string): Promise<Buffer | undefined> {
  return hash ? blobAt(git, file, hash) : worktreeFile(git, file);
}

function sideOf(rev: string | undefined, content: Buffer, pointer: LfsPointer | undefined, lfsFile: boolean): Omit<SideSummary, 'commit'> {
  if (pointer) return { rev, exists: true, size: pointer.size, sha256: pointer.oid, lfs: 'pointer' };
  const summary: Omit<SideSummary, 'commit'> = { rev, exists: true, size: content.length, sha256: crypto().createHash('sha256').update(content).digest('hex') };
  return lfsFile ? { ...summary, lfs: 'content' } : summary;
}

async function summarize(git: Git, file: string, rev: string | undefined, hash: string | undefined, content: Buffer | undefined, lfsFile: boolean): Promise<SideSummary> {
  if (!content) return { rev, exists: false };
  return { ...sideOf(rev, content, parseLfsPointer(content), lfsFile), commit: await lastCommit(git, file, hash ?? 'HEAD').catch(() => undefined) };
}

/** Size, hash and last commit of `file` (relative to the Git's cwd) at `rev`, or in the working tree. */
export async function summarizeSide(git: Git, file: string, rev?: string): Promise<SideSummary> {
  const hash = rev === undefined ? undefined : await resolveCommit(git, rev);
  return summarize(git, file, rev, hash, await contentAt(git, file, hash), false);
}

/**
 * `file` relative to the Git's cwd (never absolute or above it); `to` omitted compares with the working tree.
 * Revisions are resolved to commits first; a file that exists on neither side is an error, not an empty diff.
 */
export async function diffEvidenceFile(git: Git, file: string, from: string, to?: string): Promise<FileDiff> {
  if (!isInsidePath(file)) throw new EvidenceError('diff.fileOutside', [file]);
  const fromHash = await resolveCommit(git, from);
  const toHash = to === undefined ? undefined : await resolveCommit(git, to);
  const [before, after] = await Promise.all([contentAt(git, file, fromHash), contentAt(git, file, toHash)]);
  if (!before && !after) throw to === undefined ? new EvidenceError('diff.noSuchFileWorktree', [file, from]) : new EvidenceError('diff.noSuchFile', [file, from, to]);
  const sides = [fromHash, ...(toHash ? [toHash] : [])];
  // Pointers are text: Git would diff the pointers. Either side being one makes it a file Git LFS stores.
  const lfsFile = [before, after].some((c) => c !== undefined && parseLfsPointer(c) !== undefined);
  if (lfsFile || (await isBinary(git, file, sides[0], sides[1]))) {
    return { binary: true, before: await summarize(git, file, from, fromHash, before, lfsFile), after: await summarize(git, file, to, toHash, after, lfsFile) };
  }
  const text = await git.read(['diff', '--no-color', '--no-ext-diff', '--no-textconv', ...sides, '--', file]);
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
