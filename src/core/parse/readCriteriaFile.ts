// Reads a criteria file from disk: refuses an oversized file before reading it, and locates invalid UTF-8.
import { readBounded, UnreadableFileError } from '../fs/readBounded';
import { t, type Locale } from '../i18n/messages';
import type { CriteriaDoc, Problem } from '../model/types';
import { MAX_CRITERIA_BYTES, parseCriteria, refusedDoc } from './parseCriteria';
import { positionAt } from './text';

/** Offset of the first byte that is not part of valid UTF-8, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return -1;
  } catch {
    // The lenient decoding re-encodes identically up to the first invalid byte, where U+FFFD starts.
    const again = Buffer.from(new TextDecoder('utf-8').decode(bytes), 'utf8');
    let i = 0;
    while (i < bytes.length && i < again.length && bytes[i] === again[i]) i++;
    return i;
  }
}

/** The text of `bytes` when they are valid UTF-8, else undefined. */
function strictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

export function sizeProblem(file: string, bytes: number, locale: Locale): Problem {
  const message = t(locale, 'RE005', (bytes / 1048576).toFixed(1), MAX_CRITERIA_BYTES / 1048576);
  return { severity: 'error', code: 'RE005', message, file, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
}

/**
 * Parses the criteria file at `file`. Too large (by its size, or by the bytes read if it grows) and invalid UTF-8
 * become located problems, and the valid parts still load where possible. What is not a regular file (a link to
 * /dev/zero, a FIFO, a folder) throws UnreadableFileError, as I/O errors throw: the caller reports them its way.
 */
/** A reading of a criteria file's bytes: parseCriteriaBytes, or a cache of its results (workspace/parseCache.ts). */
export type ParseBytes = typeof parseCriteriaBytes;

export async function parseCriteriaFile(file: string, options: { locale?: Locale; fast?: boolean; parseBytes?: ParseBytes } = {}): Promise<CriteriaDoc> {
  const locale = options.locale ?? 'en';
  // I/O errors (missing, unreadable) are thrown as before: the caller reports them its own way.
  let bytes: Buffer;
  try {
    bytes = await readBounded(file, MAX_CRITERIA_BYTES);
  } catch (error) {
    if (error instanceof UnreadableFileError && error.reason === 'tooLarge') return refusedDoc(file, sizeProblem(file, error.bytes ?? MAX_CRITERIA_BYTES + 1, locale));
    throw error;
  }
  // parseBytes: a cache of parses (the portfolio's wards share their index).
  return (options.parseBytes ?? parseCriteriaBytes)(bytes, file, { locale: options.locale, fast: options.fast });
}

/** Parses the bytes of a criteria file (from disk or from a commit's tree), locating invalid UTF-8. Pure. */
export function parseCriteriaBytes(bytes: Uint8Array, file: string, options: { locale?: Locale; fast?: boolean } = {}): CriteriaDoc {
  const locale = options.locale ?? 'en';
  // One decoding for a valid file (nearly all): the strict one's text is the lenient one's.
  const strict = strictUtf8(bytes);
  const invalidAt = strict === undefined ? firstInvalidUtf8(bytes) : -1;
  const text = strict ?? new TextDecoder('utf-8').decode(bytes);
  const doc = parseCriteria(text, file, { locale, fast: options.fast });
  if (invalidAt >= 0) {
    const prefix = new TextDecoder('utf-8').decode(bytes.subarray(0, invalidAt)).replace(/^\uFEFF/, '');
    const at = positionAt(prefix, prefix.length);
    doc.problems.unshift({ severity: 'error', code: 'RE007', message: t(locale, 'RE007'), file, range: { start: at, end: { line: at.line, character: at.character + 1 } } });
  }
  return doc;
}
