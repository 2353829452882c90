// Diff of one evidence file between two commits, or a commit and the working tree. Scanned PDFs, DOCX and
// images have no useful text diff: for them, a summary of each side (size, SHA-256, who committed it, when).
import { createHash } from 'node:crypto';
import { MAX_GIT_BLOB_BYTES, readBounded, UnreadableFileError } from '../fs/readBounded';
import * as path from 'node:path';
import type { Git } from './git';

export interface SideSummary {
  /** The revision, or undefined for the working tree. */
  rev?: string;
  exists: boolean;
  size?: number;
  sha256?: string;
  /** The last commit that changed the file up to `rev`. */
  commit?: { shortHash: string; author: string; date: string; subject: string };
}

export type FileDiff = { binary: false; text: string } | { binary: true; before: SideSummary; after: SideSummary };

/** Whether Git sees the file as binary between the two sides (`--numstat` prints "-" counts). */
async function isBinary(git: Git, file: string, from: string, to?: string): Promise<boolean> {
  const output = await git.read(['diff', '--numstat', '-z', from, ...(to ? [to] : []), '--', file]);
  return output.startsWith('-\t-\t');
}

async function lastCommit(git: Git, file: string, rev: string): Promise<SideSummary['commit']> {
  const line = (await git.read(['log', '-1', '--format=%h%x1f%an%x1f%aI%x1f%s', rev, '--', file])).trim();
  if (!line) return undefined;
  const [shortHash, author, date, subject] = line.split('\x1f');
  return { shortHash, author, date, subject };
}

/** Size, hash and last commit of `file` (relative to the Git's cwd) at `rev`, or in the working tree. */
export async function summarizeSide(git: Git, file: string, rev?: string): Promise<SideSummary> {
  let content: Buffer;
  try {
    // Bounded either way: a blob through Git's output, a working-tree file (maybe a FIFO or a link to a device) on disk.
    content = rev ? await git.readBuffer(['show', `${rev}:./${file}`], { bytes: MAX_GIT_BLOB_BYTES, path: `${rev}:${file}` }) : await readBounded(path.join(git.cwd, file), MAX_GIT_BLOB_BYTES);
  } catch (error) {
    if (error instanceof UnreadableFileError) throw error;
    return { rev, exists: false };
  }
  return { rev, exists: true, size: content.length, sha256: createHash('sha256').update(content).digest('hex'), commit: await lastCommit(git, file, rev ?? 'HEAD').catch(() => undefined) };
}

/** `file` relative to the Git's cwd; `to` omitted compares with the working tree. */
export async function diffEvidenceFile(git: Git, file: string, from: string, to?: string): Promise<FileDiff> {
  if (await isBinary(git, file, from, to)) return { binary: true, before: await summarizeSide(git, file, from), after: await summarizeSide(git, file, to) };
  const text = await git.read(['diff', '--no-color', '--no-ext-diff', from, ...(to ? [to] : []), '--', file]);
  return { binary: false, text };
}

/** A readable summary of a binary diff. */
export function renderFileDiff(diff: FileDiff): string {
  if (!diff.binary) return diff.text;
  const side = (label: string, s: SideSummary) => {
    const where = s.rev ?? 'working tree';
    if (!s.exists) return `${label} (${where}): does not exist`;
    const by = s.commit ? `, last committed in ${s.commit.shortHash} by ${s.commit.author} on ${s.commit.date} (${s.commit.subject})` : '';
    return `${label} (${where}): ${s.size} bytes, SHA-256 ${s.sha256}${by}`;
  };
  const same = diff.before.sha256 !== undefined && diff.before.sha256 === diff.after.sha256;
  return [side('before', diff.before), side('after', diff.after), same ? 'identical content' : 'binary content differs'].join('\n') + '\n';
}
