// Data files of measures are read through the one bounded reader of the repository (core/fs/readBounded); this
// turns its refusals into the outcomes the measure reader reports as located problems instead of exceptions.
import { readBounded as readRepositoryFile, UnreadableFileError } from '../fs/readBounded';

export type BoundedRead = { bytes: Buffer } | { tooLarge: number } | { error: string };

export async function readBounded(file: string, limit: number): Promise<BoundedRead> {
  try {
    return { bytes: await readRepositoryFile(file, limit) };
  } catch (error) {
    if (error instanceof UnreadableFileError) return error.reason === 'tooLarge' ? { tooLarge: error.bytes ?? limit + 1 } : { error: 'not a regular file' };
    return { error: (error as NodeJS.ErrnoException).code ?? (error as Error).message };
  }
}
