// A minimal bounded read of a regular file. Stand-in until the shared reader of src/core/fs/ (issue 15) lands:
// swap this for it. Opens once, checks with fstat that what was opened is a regular file (not a FIFO or a
// device that would block or never end), and reads at most `limit` bytes.
import { constants, promises as fs } from 'node:fs';

export type BoundedRead = { bytes: Buffer } | { tooLarge: number } | { error: string };

export async function readBounded(file: string, limit: number): Promise<BoundedRead> {
  let handle: fs.FileHandle | undefined;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; fstat below then refuses it.
    handle = await fs.open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const stat = await handle.stat();
    if (!stat.isFile()) return { error: 'not a regular file' };
    if (stat.size > limit) return { tooLarge: stat.size };
    const buffer = Buffer.alloc(Math.min(stat.size, limit) + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    // The file grew while we read it: past the limit is refused like a large file.
    if (length > limit) return { tooLarge: length };
    return { bytes: buffer.subarray(0, length) };
  } catch (error) {
    return { error: (error as NodeJS.ErrnoException).code ?? (error as Error).message };
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
