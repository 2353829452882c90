// A repository held in memory, for the pure tests of src/core/history: commits are maps of path → file or link;
// the fake Git answers `ls-tree -z` (with and without -r -t), `cat-file --batch` (readBlobs), `rev-parse`,
// `rev-list` (one commit by date, or the branch with `--timestamp`), `diff-tree -z` and the long-lived
// `diff-tree --stdin` (Git.stream) as Git prints them, and records each command.
import { createHash } from 'node:crypto';
import type { BlobBytes, Git, GitStream } from '../../../../src/core/git/git';

/** A file's content, or `{ link }` (a symbolic link and its target), or `{ submodule: true }`. */
export type Entry = string | Buffer | { link: string } | { submodule: true };

const oidOf = (kind: string, data: string | Buffer) => createHash('sha1').update(kind).update(data).digest('hex');

interface Listed {
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  oid: string;
}

export interface MemoryRepo {
  git: Git & { commands: string[][]; streams: MemoryStream[] };
  /** Full hash of the commit with that name. */
  commit(name: string): string;
}

/** A `diff-tree --stdin` started through Git.stream: the lines written to it, and how it ended. */
export interface MemoryStream {
  args: string[];
  lines: string[];
  ended: 'end' | 'stop' | undefined;
}

const ZERO_OID = '0'.repeat(40);

/**
 * `commits`: name → files. `revList`: what `rev-list -1 … --before=<date> 23:59:59` answers, by date (the name of
 * a commit, or undefined for none). `prefix`: the Git's cwd from the top (`rev-parse --show-prefix`).
 */
/**
 * `branch`: the first-parent line as `rev-list --first-parent --timestamp HEAD` prints it, newest first (commit
 * name, committer time in seconds).
 */
export function memoryRepo(
  commits: Record<string, Record<string, Entry>>,
  options: { top?: string; prefix?: string; revList?: Record<string, string | undefined>; branch?: Array<[string, number]> } = {},
): MemoryRepo {
  const blobs = new Map<string, Buffer>();
  const trees = new Map<string, Map<string, Listed>>();
  const hashes = new Map<string, string>();
  for (const [name, files] of Object.entries(commits)) {
    const hash = oidOf('commit', name);
    hashes.set(name, hash);
    const listed = new Map<string, Listed>();
    for (const [p, entry] of Object.entries(files)) {
      const parts = p.split('/');
      for (let i = 1; i < parts.length; i++) {
        const dir = parts.slice(0, i).join('/');
        if (!listed.has(dir)) listed.set(dir, { mode: '040000', type: 'tree', oid: '' });
      }
      if (typeof entry === 'object' && 'submodule' in entry) listed.set(p, { mode: '160000', type: 'commit', oid: oidOf('sub', p) });
      else {
        const bytes = typeof entry === 'object' && 'link' in entry ? Buffer.from(entry.link) : Buffer.from(entry);
        const oid = oidOf('blob', bytes);
        blobs.set(oid, bytes);
        listed.set(p, { mode: typeof entry === 'object' && 'link' in entry ? '120000' : '100644', type: 'blob', oid });
      }
    }
    // A folder's object id from what it holds, as Git's: an unchanged folder is no change to diff-tree.
    for (const [dir, entry] of listed) {
      if (entry.type !== 'tree') continue;
      const below = [...listed].filter(([p, e]) => p.startsWith(dir + '/') && e.type !== 'tree').map(([p, e]) => `${e.mode} ${e.oid} ${p}`);
      entry.oid = oidOf('tree', below.sort().join('\n'));
    }
    trees.set(hash, listed);
  }
  const prefix = (options.prefix ?? '').replace(/\/+$/, '');
  /** diff-tree's raw -z records between two commits, below Git's folder (the pathspec "."), paths sorted. */
  const rawDiff = (from: string, to: string): string => {
    const a = trees.get(from);
    const b = trees.get(to);
    if (!a || !b) throw new Error('fatal: bad object');
    const inScope = (p: string) => prefix === '' || p === prefix || p.startsWith(prefix + '/') || prefix.startsWith(p + '/');
    const paths = [...new Set([...a.keys(), ...b.keys()])].filter(inScope).sort();
    let out = '';
    for (const p of paths) {
      const before = a.get(p);
      const after = b.get(p);
      if (before && after && before.mode === after.mode && before.oid === after.oid) continue;
      const status = !before ? 'A' : !after ? 'D' : before.mode === after.mode ? 'M' : 'T';
      out += `:${before?.mode ?? '000000'} ${after?.mode ?? '000000'} ${before?.oid ?? ZERO_OID} ${after?.oid ?? ZERO_OID} ${status}\0${p}\0`;
    }
    return out;
  };
  /** Bytes handed over in two chunks cut in the middle (inside a record, or a "." line), as a pipe may. */
  const inTwo = (text: string, each: (chunk: Buffer) => void) => {
    const bytes = Buffer.from(text);
    const half = Math.floor(bytes.length / 2);
    each(bytes.subarray(0, half));
    each(bytes.subarray(half));
  };
  const streams: MemoryStream[] = [];
  const commands: string[][] = [];
  const top = options.top ?? '/repo';
  const git: Git & { commands: string[][]; streams: MemoryStream[] } = {
    cwd: top,
    commands,
    streams,
    async read(args) {
      commands.push(args);
      if (args[0] === 'rev-parse' && args.includes('--show-toplevel')) return `${top}\n${options.prefix ?? ''}\n`;
      if (args[0] === 'rev-parse' && args.includes('--verify')) {
        const name = args.at(-1)!.replace(/\^\{commit\}$/, '');
        const hash = hashes.get(name);
        if (!hash) throw new Error(`fatal: Needed a single revision`);
        return hash + '\n';
      }
      if (args[0] === 'rev-list' && args.includes('--timestamp')) {
        if (!options.branch) throw new Error('fatal: bad revision');
        return options.branch.map(([name, time]) => `${time} ${hashes.get(name) ?? name}\n`).join('');
      }
      if (args[0] === 'rev-list') {
        const date = args.find((a) => a.startsWith('--before='))!.slice('--before='.length, '--before='.length + 10);
        if (!options.revList || !(date in options.revList)) throw new Error('fatal: bad revision');
        const name = options.revList[date];
        // Git ends its answer with a newline.
        return name === undefined ? '' : (hashes.get(name) ?? name) + '\n';
      }
      throw new Error(`unexpected git ${args.join(' ')}`);
    },
    async readChunks(args, each) {
      commands.push(args);
      if (args[0] === 'diff-tree') {
        const dash = args.indexOf('--');
        inTwo(rawDiff(args[dash - 2], args[dash - 1]), each);
        return;
      }
      if (args[0] !== 'ls-tree') throw new Error(`unexpected git ${args.join(' ')}`);
      const recursive = args.includes('-r');
      const dash = args.indexOf('--');
      const commit = args[dash - 1];
      const paths = args.slice(dash + 1);
      const listed = trees.get(commit);
      if (!listed) throw new Error(`fatal: not a tree object`);
      let out = '';
      for (const [p, entry] of listed) {
        const shown = paths.length === 0 ? recursive || !p.includes('/') : paths.some((q) => p === q || (recursive && (p.startsWith(q + '/') || q.startsWith(p + '/'))));
        if (shown) out += `${entry.mode} ${entry.type} ${entry.oid}\t${p}\0`;
      }
      // In two chunks, cut inside an entry, as a pipe may deliver them.
      const bytes = Buffer.from(out);
      const half = Math.floor(bytes.length / 2);
      each(bytes.subarray(0, half));
      each(bytes.subarray(half));
    },
    async readBlobs(ids, limits, each) {
      commands.push(['cat-file', '--batch', ...ids]);
      ids.forEach((id, i) => {
        const bytes = blobs.get(id);
        const limit = typeof limits === 'number' ? limits : limits[i];
        const read: BlobBytes = !bytes ? { missing: true } : bytes.length > limit ? { tooLarge: bytes.length } : { bytes };
        each(id, read);
      });
    },
    readBuffer: () => Promise.reject(new Error('unexpected readBuffer')),
    readInput: () => Promise.reject(new Error('unexpected readInput')),
    hashBlobs: () => Promise.reject(new Error('unexpected hashBlobs')),
    write: () => Promise.reject(new Error('unexpected write')),
    writeInput: () => Promise.reject(new Error('unexpected writeInput')),
    exclusive: () => Promise.reject(new Error('unexpected exclusive')),
    stream(args, each): GitStream {
      commands.push(args);
      if (args[0] !== 'diff-tree' || !args.includes('--stdin')) throw new Error(`unexpected git ${args.join(' ')}`);
      const record: MemoryStream = { args, lines: [], ended: undefined };
      streams.push(record);
      let finish: () => void = () => undefined;
      let fail: (error: Error) => void = () => undefined;
      const done = new Promise<void>((resolve, reject) => ((finish = resolve), (fail = reject)));
      done.catch(() => undefined);
      let pending = '';
      // Answered a turn later, as a process would: "<to> <from>" lines with the diff, other lines echoed.
      const write = (input: string) => {
        if (record.ended) return;
        pending += input;
        const lines = pending.split('\n');
        pending = lines.pop()!;
        for (const line of lines) {
          record.lines.push(line);
          setImmediate(() => {
            if (record.ended) return;
            const [to, from] = line.split(' ');
            if (from === undefined) inTwo(`${line}\n`, each);
            else {
              try {
                inTwo(rawDiff(from, to), each);
              } catch (error) {
                record.ended = 'stop';
                fail(error as Error);
              }
            }
          });
        }
      };
      return {
        write,
        end: () => {
          record.ended ??= 'end';
          setImmediate(finish);
          return done;
        },
        stop: () => {
          record.ended ??= 'stop';
          fail(new Error('stopped'));
        },
        done,
      };
    },
  };
  return {
    git,
    commit(name) {
      const hash = hashes.get(name);
      if (!hash) throw new Error(`no commit ${name}`);
      return hash;
    },
  };
}
