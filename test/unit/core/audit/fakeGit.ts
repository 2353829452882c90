// A Git that answers from a script, for the pure tests of the audit code: what `git log -z` prints is built
// from plain records (as Git would print it, see `logOutput`), and every call is kept to be asserted.
import type { Git } from '../../../../src/core/git/git';

export interface LogRecord {
  hash: string;
  author?: string;
  email?: string;
  date?: string;
  subject?: string;
  /** The `%(trailers:only,unfold)` text: `Key: value` lines. */
  trailers?: string;
  /** `%G?` (only printed when signatures are asked for). */
  signature?: string;
  /** `[status, path, blob?]`: with `raw`, a `--raw` line ending in the new blob id (zeros for a deletion). */
  changes?: Array<[string, string, string?]>;
}

/** `git log -z` in the format logEvidence asks for: NUL-ended fields, a newline, then status/path pairs. */
export function logOutput(records: LogRecord[], options: { raw?: boolean; signatures?: boolean } = {}): string {
  let out = '';
  for (const r of records) {
    const fields = [r.hash, r.hash.slice(0, 7), r.author ?? 'Nguyễn Văn A', r.email ?? 'a@example.com', r.date ?? '2025-11-10T09:00:00+07:00', r.subject ?? 'evidence(1.1): add a.pdf'];
    if (options.signatures) fields.push(r.signature ?? 'N');
    fields.push(r.trailers ?? '', r.hash);
    out += fields.join('\0') + '\0';
    (r.changes ?? []).forEach(([status, file, blob], i) => {
      const head = options.raw ? `:100644 100644 ${'1'.repeat(7)} ${blob ?? '0'.repeat(7)} ${status}` : status;
      out += (i === 0 ? '\n' : '') + head + '\0' + file + '\0';
    });
  }
  return out;
}

export interface Script {
  read?: (args: string[]) => string | Promise<string>;
  readBuffer?: (args: string[], limit?: { bytes: number; path: string }) => string | Buffer | Promise<string | Buffer>;
  /** SHA-256 (and LFS object id) of each blob id hashBlobs is asked for; unknown ids are skipped, as Git does. */
  blobs?: Record<string, { sha256: string; oid?: string }>;
}

export interface FakeGit extends Git {
  calls: Array<{ method: string; args: string[]; limit?: { bytes: number; path: string } }>;
}

export function fakeGit(script: Script, cwd = '/repo'): FakeGit {
  const calls: FakeGit['calls'] = [];
  const refuse = (method: string) => () => Promise.reject(new Error(`unexpected ${method}`));
  return {
    cwd,
    calls,
    async read(args) {
      calls.push({ method: 'read', args });
      if (!script.read) throw new Error(`unexpected read ${args.join(' ')}`);
      return script.read(args);
    },
    async readBuffer(args, limit) {
      calls.push({ method: 'readBuffer', args, limit });
      if (!script.readBuffer) throw new Error(`unexpected readBuffer ${args.join(' ')}`);
      const out = await script.readBuffer(args, limit);
      return typeof out === 'string' ? Buffer.from(out, 'utf8') : out;
    },
    async hashBlobs(ids, each) {
      calls.push({ method: 'hashBlobs', args: ids });
      for (const id of ids) {
        const blob = script.blobs?.[id];
        if (blob) each(id, blob.sha256, blob.oid);
      }
    },
    readInput: refuse('readInput'),
    readChunks: refuse('readChunks'),
    readBlobs: refuse('readBlobs'),
    write: refuse('write'),
    writeInput: refuse('writeInput'),
    exclusive: refuse('exclusive'),
    stream: () => {
      throw new Error('unexpected stream');
    },
  };
}

export const hashOf = (c: string) => c.repeat(40).slice(0, 40);
