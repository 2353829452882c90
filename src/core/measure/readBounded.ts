// Data files of measures are read through the one bounded reader of the repository (core/fs/readBounded); this
// turns its refusals into the outcomes the measure reader reports as located problems instead of exceptions.
import type { Stats } from 'node:fs';
import { readBounded as readRepositoryFile, readBoundedSync as readRepositoryFileSync, UnreadableFileError } from '../fs/readBounded';

export type BoundedRead = { bytes: Buffer } | { tooLarge: number } | { error: string };

export async function readBounded(file: string, limit: number): Promise<BoundedRead> {
  try {
    return { bytes: await readRepositoryFile(file, limit) };
  } catch (error) {
    return refusal(error, limit);
  }
}

/** The same, synchronously, with the opened file's stat when it was read. */
export function readBoundedSync(file: string, limit: number): BoundedRead & { stat?: Stats } {
  try {
    return readRepositoryFileSync(file, limit);
  } catch (error) {
    return refusal(error, limit);
  }
}

function refusal(error: unknown, limit: number): BoundedRead {
  if (error instanceof UnreadableFileError) return error.reason === 'tooLarge' ? { tooLarge: error.bytes ?? limit + 1 } : { error: 'not a regular file' };
  return { error: (error as NodeJS.ErrnoException).code ?? (error as Error).message };
}
