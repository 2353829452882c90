// The status of one criteria file followed from commit to commit: one listing of its folder, then `diff-tree` from
// commit to commit, the matches updated file by file while the criteria file stays the same. A history's points and
// a review's head (derived from its base) both come from here; each equals statusAtCommit at that commit.
import { compileRequirements, matchAll, updateFile, type MatchState } from '../evidence/match';
import { inside, isExcluded, toNfc } from '../evidence/listFiles';
import { diffTrees, LINK, TreeDiffStream, type TreeChange } from '../git/tree';
import type { Locale } from '../i18n/messages';
import type { CriteriaDoc, Problem } from '../model/types';
import type { TableResult } from '../measure/table';
import { criteriaAt, evidenceListing, evidencePathOf, modelAtTree, type Place, type RevisionStatus } from './statusAtRevision';
import { RevisionTree } from './revisionTree';

export interface WalkOptions {
  locale?: Locale;
  exclude?: string[];
  /** The fast parse (ParseOptions.fast): the CLI's, and the history's. */
  fastParse?: boolean;
}

/** How many diffs of an expected walk Git may be ahead of the statuses (each held parsed until its point). */
const DIFFS_AHEAD = 4;

export class StatusWalker {
  private tree: RevisionTree | undefined;
  /** The expected walk (expect): its commits, the next pair to ask Git for, the pairs asked and not yet used. */
  private plan: string[] = [];
  private planned = 0;
  private ahead: { from: string; to: string; changes: Promise<TreeChange[]> }[] = [];
  private diffs: TreeDiffStream | undefined;
  private doc: CriteriaDoc | undefined;
  /** The problems of the parse alone (each status adds its own to a copy). */
  private problems: Problem[] = [];
  private criteriaOid: string | undefined;
  private evidencePath = '';
  private matches: MatchState | undefined;
  /** How many repository paths give each key (an NFC/NFD pair is one file). */
  private keyCount = new Map<string, number>();
  private links = 0;
  private readonly tables = new Map<string, Promise<TableResult>>();
  private readonly excluded: string[];

  constructor(
    private readonly place: Place,
    private readonly options: WalkOptions = {},
  ) {
    this.excluded = (options.exclude ?? []).map((e) => e.normalize('NFC').replace(/^\/+|\/+$/g, ''));
  }

  /**
   * The commits the next calls will ask for, in this order (a history's points): the diffs from each to the next
   * are read ahead, a few at a time, through one `git diff-tree --stdin`, so Git works on the next points while
   * this one's status is computed. Other calls still work (their diffs read as before). `close` ends it.
   */
  expect(commits: readonly string[]): void {
    this.close();
    // A commit asked twice in a row needs no diff.
    this.plan = commits.filter((c, i) => i === 0 || c !== commits[i - 1]);
    this.planned = 0;
    this.diffs = new TreeDiffStream(this.place.git, ['.']);
    this.readAhead();
  }

  /** Ends the diffs read ahead (stops Git if it is still working on them). */
  close(): void {
    this.diffs?.close();
    this.diffs = undefined;
    this.ahead = [];
    this.plan = [];
  }

  private readAhead(): void {
    while (this.diffs && this.ahead.length < DIFFS_AHEAD && this.planned + 1 < this.plan.length) {
      const [from, to] = [this.plan[this.planned], this.plan[this.planned + 1]];
      this.planned++;
      const changes = this.diffs.diff(from, to);
      // Awaited only when its point comes (never, if the walk stops early): no unhandled rejection meanwhile.
      changes.catch(() => undefined);
      this.ahead.push({ from, to, changes });
    }
  }

  /** The changes from the tree's commit to `commit`: read ahead when the walk goes as expected. */
  private changesTo(from: string, commit: string): Promise<TreeChange[]> {
    const next = this.ahead[0];
    if (next && next.from === from && next.to === commit) {
      this.ahead.shift();
      this.readAhead();
      return next.changes;
    }
    // Git reads a pathspec from its own folder, which is place.folder (placeOf asks that Git for its prefix):
    // the folder is ".", never its repository path (read from there, "phường" would name "phường/phường").
    return diffTrees(this.place.git, from, commit, ['.']);
  }

  /**
   * The status at `commit` (a full hash), deadlines judged on `asOf`. Throws as statusAtCommit does when the
   * criteria file is missing or unreadable there. The returned doc is this status's own; its `matches` are
   * the walker's and change with the next call.
   */
  async at(commit: string, asOf: string): Promise<RevisionStatus> {
    return (await this.step(commit, asOf, false))!;
  }

  /** As `at`, but undefined when the criteria file is missing or unreadable at `commit` (a history's gap). */
  pointAt(commit: string, asOf: string): Promise<RevisionStatus | undefined> {
    return this.step(commit, asOf, true);
  }

  private async step(commit: string, asOf: string, skipUnreadable: boolean): Promise<RevisionStatus | undefined> {
    let changes: TreeChange[] | undefined;
    if (!this.tree) {
      this.tree = new RevisionTree(this.place.git, commit, this.place.top);
      await this.tree.fill(this.place.folder);
    } else {
      changes = this.tree.commit === commit ? [] : await this.changesTo(this.tree.commit, commit);
      this.tree.moveTo(commit, changes);
    }
    const tree = this.tree;
    const criteriaPath = this.place.folder ? `${this.place.folder}/${basename(this.place.file)}` : basename(this.place.file);
    const criteriaEntry = tree.entries.get(criteriaPath);
    const sameCriteria = this.doc !== undefined && criteriaEntry !== undefined && criteriaEntry.oid === this.criteriaOid && criteriaEntry.mode !== LINK;
    if (!sameCriteria) {
      this.doc = undefined;
      let doc: CriteriaDoc;
      try {
        // Missing or unreadable: criteriaAt throws what statusAtCommit would.
        doc = await criteriaAt(this.place, tree, { locale: this.options.locale, fastParse: this.options.fastParse });
      } catch (error) {
        if (skipUnreadable) return undefined;
        throw error;
      }
      this.doc = doc;
      this.problems = doc.problems.slice();
      this.criteriaOid = criteriaEntry?.oid;
      this.evidencePath = evidencePathOf(this.place, doc);
    }
    // The parse is shared from point to point; the problems the status adds (links, measures) are this point's.
    const doc: CriteriaDoc = { ...this.doc!, problems: this.problems.slice() };
    const incremental = sameCriteria && changes !== undefined && this.matches !== undefined && this.links === 0 && !changes.some((c) => c.after?.mode === LINK);
    let listing: { links: Set<string>; repoPathOf: Map<string, string> } = { links: new Set(), repoPathOf: new Map() };
    if (incremental) {
      this.apply(changes!);
    } else {
      const full = evidenceListing(tree, this.evidencePath, this.options.exclude);
      listing = full;
      this.matches = matchAll(compileRequirements(doc), full.files);
      this.links = listing.links.size;
      this.keyCount = this.countKeys();
    }
    const status = await modelAtTree(this.place, tree, doc, this.evidencePath, this.matches!, listing, { asOf, locale: this.options.locale, tables: this.tables });
    // Links leading out were taken out of the matches: the next point starts again from the listing.
    if (this.links > 0) this.matches = undefined;
    return status;
  }

  private countKeys(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const [p, entry] of this.tree!.entries) {
      if (entry.type === 'tree') continue;
      const key = this.keyOf(p);
      if (key !== undefined) counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
  }

  private keyOf(p: string): string | undefined {
    const relative = inside(p, this.evidencePath);
    if (relative === undefined) return undefined;
    const key = toNfc(relative);
    return this.excluded.length > 0 && isExcluded(key, this.excluded) ? undefined : key;
  }

  /** The changed entries below the evidence folder, applied to the matches. */
  private apply(changes: TreeChange[]): void {
    for (const change of changes) {
      const wasFile = change.before !== undefined && change.before.type !== 'tree';
      const isFile = change.after !== undefined && change.after.type !== 'tree';
      if (wasFile === isFile) continue;
      const key = this.keyOf(change.path);
      if (key === undefined) continue;
      const count = this.keyCount.get(key) ?? 0;
      if (isFile) {
        this.keyCount.set(key, count + 1);
        if (count === 0) updateFile(this.matches!, key, { path: key, git: 'committed' });
      } else {
        this.keyCount.set(key, Math.max(0, count - 1));
        if (count === 1) updateFile(this.matches!, key, undefined);
      }
    }
  }
}

function basename(file: string): string {
  return file.split(/[\\/]/).pop()!;
}
