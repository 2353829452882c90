// The one way to read a file of the repository (criteria files, data files of measures, reports' inputs). A clone
// can bring a link to /dev/zero (endless), a FIFO (blocks forever) or a file that grows while read, so: open
// without blocking, check the opened descriptor is a regular file, and count bytes while reading (never trust
// the size `stat` gave before).
import { closeSync, constants, fstatSync, openSync, promises as fs, readSync, type Stats } from 'node:fs';
import { t, type Locale } from '../i18n/messages';

export type UnreadableReason = 'notFile' | 'tooLarge';

/** A repository file that is refused: not a regular file, or over the byte limit. */
export class UnreadableFileError extends Error {
  constructor(
    readonly path: string,
    readonly reason: UnreadableReason,
    /** For notFile: what it is (directory, fifo, device, socket); for tooLarge: the limit in bytes. */
    readonly detail: string | number,
    /** For tooLarge: bytes seen (the size, or as many as were read before stopping). */
    readonly bytes?: number,
  ) {
    super('');
    this.message = this.messageIn('en');
  }

  /** One line, in the reader's language. */
  messageIn(locale: Locale): string {
    if (this.reason === 'notFile') return t(locale, 'read.notFile', this.path, t(locale, `read.kind.${this.detail as FileKind}`));
    return t(locale, 'read.tooLarge', this.path, ((this.detail as number) / 1048576).toFixed(1));
  }
}

type FileKind = 'directory' | 'fifo' | 'device' | 'socket' | 'other';

function kindOf(stat: { isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): FileKind {
  if (stat.isDirectory()) return 'directory';
  if (stat.isFIFO()) return 'fifo';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'device';
  if (stat.isSocket()) return 'socket';
  return 'other';
}

export interface ReadOptions {
  /** Return the first `limit` bytes instead of refusing a longer file (a head read: is it a criteria file?). */
  head?: boolean;
}

// O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting (it is then refused by fstat).
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

/**
 * The bytes of the regular file `file` (links followed), at most `limit` of them. Throws UnreadableFileError for
 * anything but a regular file and for a file longer than `limit` (unless options.head); I/O errors (ENOENT,
 * EACCES…) as Node reports them, with their path.
 */
export async function readBounded(file: string, limit: number, options: ReadOptions = {}, bytesPath?: Buffer): Promise<Buffer> {
  // bytesPath: the name's own bytes when it is not UTF-8 (a string would be re-encoded); `file` names it in errors.
  const handle = await fs.open(bytesPath ?? file, OPEN_FLAGS);
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new UnreadableFileError(file, 'notFile', kindOf(stat));
    if (!options.head && stat.size > limit) throw new UnreadableFileError(file, 'tooLarge', limit, stat.size);
    // One byte more than the limit tells a file that grew past it.
    const want = options.head ? limit : limit + 1;
    const chunks: Buffer[] = [];
    let total = 0;
    while (total < want) {
      const buffer = Buffer.allocUnsafe(Math.min(want - total, Math.max(stat.size - total + 1, 64 * 1024)));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      chunks.push(buffer.subarray(0, bytesRead));
      total += bytesRead;
    }
    if (total > limit) throw new UnreadableFileError(file, 'tooLarge', limit, total);
    return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
  } finally {
    await handle.close();
  }
}

/**
 * readBounded without the thread pool, for many small files read in a row (the measures' data files: each
 * asynchronous open, stat, read and close is a round trip through libuv's threads, ~0.5 ms apiece on a busy
 * machine, against microseconds here). The same checks; also returns the opened file's stat.
 */
export function readBoundedSync(file: string, limit: number): { bytes: Buffer; stat: Stats } {
  const fd = openSync(file, OPEN_FLAGS);
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new UnreadableFileError(file, 'notFile', kindOf(stat));
    if (stat.size > limit) throw new UnreadableFileError(file, 'tooLarge', limit, stat.size);
    const want = limit + 1;
    const chunks: Buffer[] = [];
    let total = 0;
    while (total < want) {
      const buffer = Buffer.allocUnsafe(Math.min(want - total, Math.max(stat.size - total + 1, 64 * 1024)));
      const bytesRead = readSync(fd, buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      chunks.push(buffer.subarray(0, bytesRead));
      total += bytesRead;
      // A regular file reads short only at its end: no second call to learn it.
      if (bytesRead < buffer.length) break;
    }
    if (total > limit) throw new UnreadableFileError(file, 'tooLarge', limit, total);
    return { bytes: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total), stat };
  } finally {
    closeSync(fd);
  }
}

/** Upper bound on a blob read from Git (criteria text at a revision, a file of evidence to hash). */
export const MAX_GIT_BLOB_BYTES = 256 * 1024 * 1024;
