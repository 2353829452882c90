// Git LFS pointers (https://github.com/git-lfs/git-lfs/blob/main/docs/spec.md): the small text Git stores in
// place of a large file. Its `oid sha256:` is the SHA-256 of the content, so the content's identity is known
// without downloading it. Only ever read from small inputs: a pointer is under 1024 bytes by the spec.
import { promises as fs } from 'node:fs';
import { fsPath } from './pathBytes';

/** git-lfs never reads a blob or file larger than this as a pointer. */
export const LFS_POINTER_MAX_BYTES = 1024;

export interface LfsPointer {
  /** SHA-256 of the content, lower-case hex. */
  oid: string;
  /** Size of the content in bytes. */
  size: number;
}

const VERSIONS = new Set(['version https://git-lfs.github.com/spec/v1', 'version https://hawser.github.com/spec/v1']);
const KEY_LINE = /^([a-z0-9.-]+) ([^\n\r]*)$/;

/** The pointer that `data` is, or undefined for anything else (content that merely starts like one included). */
export function parseLfsPointer(data: Buffer | string): LfsPointer | undefined {
  if (data.length === 0 || data.length >= LFS_POINTER_MAX_BYTES) return undefined;
  const text = typeof data === 'string' ? data : data.toString('utf8');
  if (!text.endsWith('\n')) return undefined;
  const lines = text.slice(0, -1).split('\n');
  if (!VERSIONS.has(lines[0])) return undefined;
  let oid: string | undefined;
  let size: number | undefined;
  let previous = '';
  for (const line of lines.slice(1)) {
    const match = KEY_LINE.exec(line);
    // The spec sorts the keys after `version`, each once.
    if (!match || match[1] <= previous) return undefined;
    previous = match[1];
    if (match[1] === 'oid') {
      const value = /^sha256:([0-9a-f]{64})$/.exec(match[2]);
      if (!value) return undefined;
      oid = value[1];
    } else if (match[1] === 'size') {
      if (!/^(0|[1-9][0-9]{0,15})$/.test(match[2])) return undefined;
      size = Number(match[2]);
    }
  }
  return oid !== undefined && size !== undefined && Number.isSafeInteger(size) ? { oid, size } : undefined;
}

/**
 * The pointer a work-tree file is (its content not downloaded: a clone with GIT_LFS_SKIP_SMUDGE=1, a partial
 * fetch), or undefined. One lstat; the file is read only when it is a regular file small enough to be one.
 */
export async function readLfsPointerFile(file: string): Promise<LfsPointer | undefined> {
  try {
    const stat = await fs.lstat(fsPath(file));
    if (!stat.isFile() || stat.size === 0 || stat.size >= LFS_POINTER_MAX_BYTES) return undefined;
    return parseLfsPointer(await fs.readFile(fsPath(file)));
  } catch {
    return undefined;
  }
}
