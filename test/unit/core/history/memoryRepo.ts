// A repository held in memory, for the pure tests of src/core/history: commits are maps of path → file or link;
// the fake Git answers `ls-tree -z` (with and without -r -t), `cat-file --batch` (readBlobs), `rev-parse` and
// `rev-list` as Git prints them, and records each command.
import { createHash } from 'node:crypto';
import type { BlobBytes, Git } from '../../../../src/core/git/git';

/** A file's content, or `{ link }` (a symbolic link and its target), or `{ submodule: true }`. */
export type Entry = string | Buffer | { link: string } | { submodule: true };

const oidOf = (kind: string, data: string | Buffer) => createHash('sha1').update(kind).update(data).digest('hex');

interface Listed {
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  oid: string;
}

export interface MemoryRepo {
  git: Git & { commands: string[][] };
  /** Full hash of the commit with that name. */
  commit(name: string): string;
}

/**
 * `commits`: name → files. `revList`: what `rev-list -1 … --before=<date> 23:59:59` answers, by date (the name of
 * a commit, or undefined for none). `prefix`: the Git's cwd from the top (`rev-parse --show-prefix`).
 */
export function memoryRepo(commits: Record<string, Record<string, Entry>>, options: { top?: string; prefix?: string; revList?: Record<string, string | undefined> } = {}): MemoryRepo {
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
        if (!listed.has(dir)) listed.set(dir, { mode: '040000', type: 'tree', oid: oidOf('tree', `${name}:${dir}`) });
      }
      if (typeof entry === 'object' && 'submodule' in entry) listed.set(p, { mode: '160000', type: 'commit', oid: oidOf('sub', p) });
      else {
        const bytes = typeof entry === 'object' && 'link' in entry ? Buffer.from(entry.link) : Buffer.from(entry);
        const oid = oidOf('blob', bytes);
        blobs.set(oid, bytes);
        listed.set(p, { mode: typeof entry === 'object' && 'link' in entry ? '120000' : '100644', type: 'blob', oid });
      }
    }
    trees.set(hash, listed);
  }
  const commands: string[][] = [];
  const top = options.top ?? '/repo';
  const git: Git & { commands: string[][] } = {
    cwd: top,
    commands,
    async read(args) {
      commands.push(args);
      if (args[0] === 'rev-parse' && args.includes('--show-toplevel')) return `${top}\n${options.prefix ?? ''}\n`;
      if (args[0] === 'rev-parse' && args.includes('--verify')) {
        const name = args.at(-1)!.replace(/\^\{commit\}$/, '');
        const hash = hashes.get(name);
        if (!hash) throw new Error(`fatal: Needed a single revision`);
        return hash + '\n';
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
    stream: () => {
      throw new Error('unexpected stream');
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
