// The entries of one commit's tree that a status needs, with the path resolution a checkout's file system would
// do (links followed inside the repository), so a status at a revision judges files as a real checkout would.
import * as path from 'node:path';
import type { Git } from '../git/git';
import { decodePath } from '../git/pathBytes';
import { LINK, listTree, readBlob, type TreeChange, type TreeEntry } from '../git/tree';
import { toNfc } from '../evidence/listFiles';

/** Like the file system's: at most this many links followed in one resolution (ELOOP). */
const MAX_LINKS = 40;

export type Resolved = { kind: 'blob' | 'tree' | 'commit'; path: string; entry?: TreeEntry } | { kind: 'missing' } | { kind: 'outside' };

export class RevisionTree {
  /** Entries by repository path, complete below `scope` (every entry when scope is ""; none when undefined). */
  readonly entries = new Map<string, TreeEntry>();
  scope: string | undefined;
  private readonly looked = new Map<string, Promise<TreeEntry | undefined>>();
  private readonly linkTargets = new Map<string, Promise<string>>();

  constructor(
    readonly git: Git,
    public commit: string,
    /** Absolute top folder of the work tree (where absolute link targets are mapped back into the tree). */
    readonly top: string,
  ) {}

  /** Lists the repository folder `scope` of the commit completely (one `ls-tree -r -t`). */
  async fill(scope: string): Promise<void> {
    await listTree(this.git, this.commit, scope ? [scope] : [], (p, entry) => this.entries.set(p, entry));
    this.scope = scope;
  }

  /** Moves the listed scope to another commit by the changes between the two (diffTrees of the scope). */
  moveTo(commit: string, changes: TreeChange[]): void {
    for (const change of changes) {
      if (change.after) this.entries.set(change.path, change.after);
      else this.entries.delete(change.path);
      this.noteStoredForm(change.path, change.after !== undefined);
    }
    this.commit = commit;
    this.looked.clear();
  }

  /** Listed paths not in NFC, by their NFC form (built on the first storedAs; kept up to date by moveTo). */
  private storedForms: Map<string, string> | undefined;

  private noteStoredForm(stored: string, present: boolean): void {
    const nfc = toNfc(stored);
    if (!this.storedForms || nfc === stored) return;
    if (present) this.storedForms.set(nfc, stored);
    else this.storedForms.delete(nfc);
  }

  /**
   * The listed path that is `p` in another normalization form (a name stored NFD, as macOS writes it), as the disk
   * reader finds it (evidence/onDisk.ts); undefined when there is none.
   */
  storedAs(p: string): string | undefined {
    if (!this.storedForms) {
      this.storedForms = new Map();
      for (const key of this.entries.keys()) this.noteStoredForm(key, true);
    }
    const nfc = p.normalize('NFC');
    // Written NFD in the criteria file, stored NFC.
    if (nfc !== p && this.covers(nfc) && this.entries.has(nfc)) return nfc;
    return this.storedForms.get(nfc);
  }

  /** Whether `p` is in the listed scope. */
  covers(p: string): boolean {
    return this.scope !== undefined && (this.scope === '' || p === this.scope || p.startsWith(this.scope + '/'));
  }

  /** The entry at a repository path, or undefined (outside the scope: one `ls-tree` of that path, cached). */
  async lookup(p: string): Promise<TreeEntry | undefined> {
    if (p === '') return { mode: '040000', type: 'tree', oid: '' };
    if (this.covers(p)) return this.entries.get(p);
    let found = this.looked.get(p);
    if (!found) {
      found = (async () => {
        let entry: TreeEntry | undefined;
        await listTree(this.git, this.commit, [p], (listed, e) => (listed === p ? (entry = e) : undefined), false);
        return entry;
      })();
      this.looked.set(p, found);
    }
    return found;
  }

  private linkTarget(entry: TreeEntry): Promise<string> {
    let target = this.linkTargets.get(entry.oid);
    if (!target) {
      target = readBlob(this.git, entry.oid, 64 * 1024).then((read) => ('bytes' in read ? decodePath(read.bytes) : ''));
      this.linkTargets.set(entry.oid, target);
    }
    return target;
  }

  /**
   * An absolute link target as parts of a repository path from the top; undefined when relative. One that leaves the
   * work tree starts with `..`, which the walks judge as they judge one in a relative target (a name that only begins
   * with two dots, `..notes`, is a name).
   */
  private absoluteParts(target: string): string[] | undefined {
    if (!path.posix.isAbsolute(target)) return undefined;
    const relative = path.relative(this.top, target);
    // Stryker disable next-line ArrayDeclaration,StringLiteral: Windows only (another drive); on POSIX one absolute path is never absolute relative to another
    return path.isAbsolute(relative) ? ['..'] : relative.split(path.sep);
  }

  /**
   * Where the link at the repository path `p` points in one step, as a repository path ("outside" above the top or
   * out of the work tree); undefined when `p` is no link. A dangling link is judged by it (symlinks.ts does the same).
   */
  async linkStep(p: string): Promise<string | 'outside' | undefined> {
    const entry = await this.lookup(p);
    if (!entry || entry.mode !== LINK) return undefined;
    const target = await this.linkTarget(entry);
    const parts = this.absoluteParts(target) ?? [...p.split('/').slice(0, -1), ...target.split('/')];
    const done: string[] = [];
    for (const part of parts) {
      if (part === '' || part === '.') continue;
      if (part !== '..') done.push(part);
      else if (done.pop() === undefined) return 'outside';
    }
    return done.join('/');
  }

  /**
   * What a checkout's `realpath` + `stat` would find at the repository path `p`: links followed (relative to
   * their folder; absolute ones only when they point back into the work tree), `..` above the top is outside.
   */
  async resolve(p: string): Promise<Resolved> {
    let pending = p.split('/');
    const done: string[] = [];
    let links = 0;
    while (pending.length > 0) {
      const part = pending.shift()!;
      if (part === '' || part === '.') continue;
      if (part === '..') {
        if (done.length === 0) return { kind: 'outside' };
        done.pop();
        continue;
      }
      const here = [...done, part].join('/');
      const entry = await this.lookup(here);
      if (!entry) return { kind: 'missing' };
      if (entry.mode === LINK) {
        if (++links > MAX_LINKS) return { kind: 'missing' };
        const target = await this.linkTarget(entry);
        if (target === '') return { kind: 'missing' };
        const fromTop = this.absoluteParts(target);
        if (fromTop) done.length = 0;
        pending = [...(fromTop ?? target.split('/')), ...pending];
        continue;
      }
      done.push(part);
      if (entry.type !== 'tree') {
        // A file (or a submodule's empty folder) cannot be walked into.
        if (pending.length > 0) return { kind: 'missing' };
        return { kind: entry.type, path: done.join('/'), entry };
      }
    }
    return { kind: 'tree', path: done.join('/') };
  }
}
