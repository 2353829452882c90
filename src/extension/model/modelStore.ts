// The one source of truth inside VS Code: a loaded model per criteria file, per workspace folder,
// kept current from editor edits, file events and Git changes. Every view reads it; none computes status itself.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { localeFrom, type Locale } from '../../core/i18n/messages';
import type { CriteriaDoc } from '../../core/model/types';
import { gitCommandLog } from '../../core/git/git';
import { globTest } from '../../core/glob/glob';
import { UnreadableFileError } from '../../core/fs/readBounded';
import { applyEvidenceChanges, evidenceRelative, isUnreadable, recompute, refreshMeasures, reparseCriteria, type FileChange } from '../../core/workspace/incremental';
import { DEFAULT_CRITERIA_NAMES, isCriteriaFile } from '../../core/workspace/findCriteria';
import { loadWorkspace, type LoadedWorkspace } from '../../core/workspace/loadWorkspace';
import { cacheFileName, cacheKeyOf, gitStateOf, readCache, settingsKey, writeCache } from '../../core/workspace/modelCache';
import { readSettings, SECTION } from '../config/settings';
import { mark, markMemory } from '../startupTrace';

export interface CriteriaEntry {
  folder: vscode.WorkspaceFolder;
  /** The criteria file. */
  uri: vscode.Uri;
  /** Absolute path of the evidence folder of the tree shown (the last good one while the file is unreadable). */
  readonly evidenceRoot: string;
  /**
   * `doc` is the latest parse of the file (with its problems). While an edit leaves the file unreadable
   * (YAML syntax errors and no areas), `matches` and `model` stay those of the last good version, so the
   * views keep showing the last good tree.
   */
  loaded: LoadedWorkspace;
  /** The last known model, read from the cache while the fresh one is computed: only the trees show it. */
  readonly preview: boolean;
}

/** Where the store keeps its cache (outside the repository) and what a cached model must have been computed by. */
export interface StoreOptions {
  /** The extension's workspace storage folder (context.storageUri); no cache without one. */
  storageDir?: string;
  version: string;
}

/** What the tests read to prove the order of work on activation. */
export interface StoreStats {
  /** Workspace-wide criteria searches (findFiles) started, and how many of them before the first model. */
  searches: number;
  searchesBeforeFirstModel: number;
  /** Date.now() when the first fresh model was published, and when a cached one was shown. */
  firstModelAt?: number;
  previewAt?: number;
  /** How the cache was found on activation: hit, mismatch, invalid, or none read. */
  cache: 'hit' | 'mismatch' | 'invalid' | 'none';
  cacheWrites: number;
}

function makeEntry(folder: vscode.WorkspaceFolder, uri: vscode.Uri, loaded: LoadedWorkspace, preview = false): CriteriaEntry {
  return {
    folder,
    uri,
    loaded,
    preview,
    get evidenceRoot() {
      return path.resolve(path.dirname(this.uri.fsPath), this.loaded.model.index.evidenceRoot || '.');
    },
  };
}

/** The criteria file's path inside its folder, prefixed by the folder's name when the window has several. */
export function entryLabel(entry: CriteriaEntry): string {
  const relative = path.relative(entry.folder.uri.fsPath, entry.uri.fsPath).split(path.sep).join('/');
  return (vscode.workspace.workspaceFolders?.length ?? 0) > 1 ? `${entry.folder.name}: ${relative}` : relative;
}

/** Everything of the measures that reading their data depends on (not ranges): equal keys need no new read. */
export function measureSpecsKey(doc: CriteriaDoc): string {
  const specs: unknown[] = [];
  for (const node of doc.byId.values()) {
    if (!node.measure) continue;
    const { range: _range, fields: _fields, ...spec } = node.measure;
    specs.push([node.id, node.maxScore, node.notApplicable ?? '', spec]);
  }
  return JSON.stringify(specs);
}

export type StoreState = 'loading' | 'noCriteria' | 'ready';

const EDIT_DEBOUNCE_MS = 300;
const FILE_DEBOUNCE_MS = 150;
const GIT_DEBOUNCE_MS = 800;
/** The cache is written this long after a model settles: never in the way of the first view. */
const CACHE_WRITE_DELAY_MS = 1500;
const DEFAULT_CRITERIA_GLOB = '**/criteria.{yaml,yml}';
/**
 * How long the first load waits for a visible tree to draw the cached model before parsing (which holds the
 * extension host: the tree's request for rows would wait behind it).
 */
const PREVIEW_DRAW_WAIT_MS = 5000;
const PREVIEW_HIDDEN_WAIT_MS = 500;
/**
 * The search for other criteria files walks the whole folder (ripgrep, on the cores that draw the workbench): with a
 * view of ours open, it waits for a tree to have sent the first model's rows (at most this long), then a moment more.
 */
const LATER_SEARCH_WAIT_MS = 3000;
const LATER_SEARCH_AFTER_ROWS_MS = 1000;
/** The startup trace reads the heap this long after the first fresh model (REFORM_EVIDENCE_TRACE_STARTUP). */
const HEAP_MARK_DELAY_MS = 5000;

/** `criteria.yaml`/`criteria.yml` at the folder's top, when they exist and the criteriaFiles glob takes them. */
async function topCriteriaFiles(folder: vscode.WorkspaceFolder, glob: string): Promise<vscode.Uri[]> {
  const takes = globTest(glob, { dot: false });
  const found: vscode.Uri[] = [];
  for (const name of DEFAULT_CRITERIA_NAMES) {
    if (!takes(name)) continue;
    const uri = vscode.Uri.joinPath(folder.uri, name);
    try {
      // A local folder is asked directly: workspace.fs goes through the workbench, which is busy starting
      // (16 s for these two checks in the bench under load).
      const isFile = uri.scheme === 'file' ? (await fs.stat(uri.fsPath)).isFile() : ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.File) !== 0;
      if (isFile) found.push(uri);
    } catch {
      // Not there: the search finds whatever else there is.
    }
  }
  return found;
}

export class ModelStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<CriteriaEntry | undefined>();
  /** Fires with the entry that changed, or undefined when the whole set changed. */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private list: CriteriaEntry[] = [];
  private current: StoreState = 'loading';
  private scanning: Promise<void> = Promise.resolve();
  private pendingFiles: FileChange[] = [];
  private fileTimer: NodeJS.Timeout | undefined;
  private gitTimer: NodeJS.Timeout | undefined;
  private readonly editTimers = new Map<string, NodeJS.Timeout>();
  /** Git folders whose index, HEAD or refs moved since the last Git refresh. */
  private readonly gitChanged = new Set<string>();
  /** For entries showing their last good tree: the doc that tree came from. */
  private readonly lastGood = new WeakMap<CriteriaEntry, CriteriaDoc>();
  private generation = 0;
  /** Per criteria file's folder: HEAD and the index's mtime when its files were last listed with Git. */
  private readonly listedState = new Map<string, string>();
  /** Cached models shown until the first scan publishes fresh ones. */
  private previews: CriteriaEntry[] = [];
  private readonly cacheTimers = new Map<string, NodeJS.Timeout>();
  readonly stats: StoreStats = { searches: 0, searchesBeforeFirstModel: 0, cache: 'none', cacheWrites: 0 };

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly options: StoreOptions = { version: '' },
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.refresh()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.refresh()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('reformEvidence.criteriaFiles') || e.affectsConfiguration('reformEvidence.exclude')) void this.refresh();
        else if (e.affectsConfiguration('reformEvidence.asOfDate')) this.recomputeAll();
      }),
      vscode.workspace.onDidChangeTextDocument((e) => this.onEdit(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => this.onEdit(d, true)),
    );
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');
    this.disposables.push(
      watcher,
      watcher.onDidCreate((uri) => this.onFile(uri, 'created')),
      watcher.onDidChange((uri) => this.onFile(uri, 'changed')),
      watcher.onDidDelete((uri) => this.onFile(uri, 'deleted')),
    );
    void this.refresh();
  }

  get entries(): readonly CriteriaEntry[] {
    return this.list;
  }

  get state(): StoreState {
    return this.current;
  }

  /** What the trees show: the fresh entries, or while the first scan runs the cached ones. */
  get shownEntries(): readonly CriteriaEntry[] {
    return this.list.length > 0 || this.current !== 'loading' ? this.list : this.previews;
  }

  /** Whether the trees show cached models that are being refreshed. */
  get showingPreview(): boolean {
    return this.shownEntries.length > 0 && this.shownEntries.every((e) => e.preview);
  }

  /** An entry the trees show, by its criteria file's uri (the fresh one once there is one). */
  shownEntry(uri: string): CriteriaEntry | undefined {
    return this.shownEntries.find((e) => e.uri.toString() === uri);
  }

  /** Resolves when the scan under way (if any) has finished. */
  whenReady(): Promise<void> {
    return this.scanning;
  }

  get locale(): Locale {
    return localeFrom(vscode.env.language);
  }

  isTrusted(): boolean {
    return vscode.workspace.isTrusted;
  }

  /**
   * The entry a command, a node or a page names: by its criteria file's uri (as a string, exactly), or by a
   * file uri that is its criteria file or lies in its evidence folder.
   */
  entry(hint: string | vscode.Uri | undefined): CriteriaEntry | undefined {
    if (hint === undefined) return undefined;
    if (typeof hint === 'string') return this.list.find((e) => e.uri.toString() === hint);
    return this.list.find((e) => e.uri.fsPath === hint.fsPath) ?? this.list.find((e) => evidenceRelative(e.loaded, hint.fsPath) !== undefined || e.evidenceRoot === hint.fsPath);
  }

  /** The entry of the active editor (its criteria file, evidence, or workspace folder), else the first one. */
  activeEntry(): CriteriaEntry | undefined {
    const uri = vscode.window.activeTextEditor?.document.uri;
    if (uri && uri.scheme === 'file') {
      const direct = this.entry(uri);
      if (direct) return direct;
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      const inFolder = folder && this.list.find((e) => e.folder.uri.toString() === folder.uri.toString());
      if (inFolder) return inFolder;
    }
    return this.list[0];
  }

  /** The entry a command acts on: the one named, the only one, or the user's pick (the active editor's first). */
  async pickEntry(hint?: string): Promise<CriteriaEntry | undefined> {
    await this.whenReady();
    const given = this.entry(hint);
    if (given || this.list.length <= 1) return given ?? this.list[0];
    const preferred = this.activeEntry();
    const items = [...this.list]
      .sort((a, b) => Number(b === preferred) - Number(a === preferred))
      .map((entry) => ({ label: entry.loaded.model.index.title || entry.loaded.model.index.id, description: entryLabel(entry), entry }));
    const picked = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Which criteria file?') });
    return picked?.entry;
  }

  /** Finds every criteria file again and loads each from scratch. */
  refresh(): Promise<void> {
    const generation = ++this.generation;
    this.setState(this.list.length === 0 ? 'loading' : this.current);
    this.scanning = this.scan(generation).catch((error: unknown) => this.log.error('Scan failed', error));
    // A progress bar in the Evidence view while the models are computed (over the cached ones, if shown).
    void vscode.window.withProgress({ location: { viewId: 'reformEvidence.evidence' } }, () => this.scanning);
    return this.scanning;
  }

  private setState(state: StoreState): void {
    this.current = state;
    void vscode.commands.executeCommand('setContext', 'reformEvidence.state', state);
    void vscode.commands.executeCommand('setContext', 'reformEvidence.hasCriteria', state === 'ready');
  }

  private async scan(generation: number): Promise<void> {
    const started = Date.now();
    const entries: CriteriaEntry[] = [];
    const folders = vscode.workspace.workspaceFolders ?? [];
    const first = this.list.length === 0;
    if (first) markMemory('scan: before the first load');
    /** Loads the files found, in order, into `entries`; a file that cannot be read is said once and skipped. */
    const loadAll = async (folder: vscode.WorkspaceFolder, found: vscode.Uri[], early: Map<string, { started: number; loading: Promise<LoadedWorkspace> }>, beforeParse?: Promise<unknown>) => {
      for (const uri of found) {
        if (entries.some((e) => e.uri.fsPath === uri.fsPath)) continue;
        const { started, loading } = early.get(uri.fsPath) ?? { started: Date.now(), loading: this.load(uri, folder, beforeParse) };
        let loaded: LoadedWorkspace;
        try {
          loaded = await loading;
        } catch (error) {
          // A criteria file that is a device, a FIFO or too large: said once, and the other files still load.
          if (!(error instanceof UnreadableFileError)) throw error;
          const message = error.messageIn(this.locale);
          this.log.warn(message);
          void vscode.window.showWarningMessage(message);
          continue;
        }
        this.log.info(`Loaded ${vscode.workspace.asRelativePath(uri)}: ${loaded.matches.files.size} evidence file(s), ${loaded.matches.requirements.length} requirement(s), in ${Date.now() - started} ms`);
        entries.push(makeEntry(folder, uri, loaded));
      }
    };
    const search = (folder: vscode.WorkspaceFolder, glob: string) => {
      this.stats.searches++;
      if (this.stats.firstModelAt === undefined) this.stats.searchesBeforeFirstModel++;
      return vscode.workspace.findFiles(new vscode.RelativePattern(folder, glob), '**/{node_modules,.git}/**', 50);
    };
    const sortFound = (found: vscode.Uri[]) => found.sort((a, b) => a.fsPath.length - b.fsPath.length || a.fsPath.localeCompare(b.fsPath));
    /** Folders whose top criteria file is known: their search for others runs after the first model. */
    const later: { folder: vscode.WorkspaceFolder; glob: string }[] = [];
    for (const folder of folders) {
      const settings = readSettings(folder);
      const defaultGlob = settings.criteriaFiles === DEFAULT_CRITERIA_GLOB;
      const searching = Date.now();
      const top = await topCriteriaFiles(folder, settings.criteriaFiles);
      mark('scan: top criteria files', { found: top.length });
      // The top files' loads start now: Git lists while the cached model's key is computed and its file read. Each
      // parse (which holds the extension host for seconds) waits at `parseGate` until a tree showing the cached
      // model has its rows.
      // Resolved with the wait for the cached rows (a promise it then follows), or with nothing.
      let openGate: (drawn?: Promise<void>) => void = () => undefined;
      const parseGate = new Promise<void>((resolve) => (openGate = resolve));
      const early = new Map<string, { started: number; loading: Promise<LoadedWorkspace> }>();
      for (const uri of top) {
        const loading = this.load(uri, folder, parseGate);
        loading.catch(() => undefined); // awaited by loadAll
        early.set(uri.fsPath, { started: Date.now(), loading });
      }
      // Nothing is known yet: the last known model of each top file, shown while the fresh one is computed.
      try {
        if (first && top.length > 0) await this.showCached(folder, top, generation);
      } finally {
        openGate(this.previews.length > 0 ? this.previewDrawn() : undefined);
      }
      if (defaultGlob && top.length > 0) {
        // Do not search what is known: the folder's top file loads alone; the search for others comes after.
        await loadAll(folder, top, early);
        later.push({ folder, glob: settings.criteriaFiles });
        continue;
      }
      // The usual place, the folder's top, loads while the search walks the folder (seconds on 100,000 files).
      const searchDone = search(folder, settings.criteriaFiles);
      const found = sortFound(await searchDone);
      this.log.info(`Found ${found.length} criteria file(s) in ${folder.name} in ${Date.now() - searching} ms`);
      await loadAll(folder, found, early);
    }
    if (generation !== this.generation) return;
    const rowsSent = later.length > 0 && this.viewVisible() ? this.nextRowsSent(LATER_SEARCH_WAIT_MS) : undefined;
    this.publish(entries, started);
    if (later.length === 0) return;
    // The search for other criteria files, after the first model's rows and at low priority (one folder at a time):
    // in the bench's province it walked 110,000 files for 1.1-1.5 s while the workbench drew the first rows.
    if (rowsSent) {
      await rowsSent;
      await new Promise((resolve) => setTimeout(resolve, LATER_SEARCH_AFTER_ROWS_MS));
      if (generation !== this.generation) return;
    }
    const before = entries.length;
    for (const { folder, glob } of later) {
      const searching = Date.now();
      const found = sortFound(await search(folder, glob));
      if (generation !== this.generation) return;
      this.log.info(`Found ${found.length} criteria file(s) in ${folder.name} in ${Date.now() - searching} ms (after the first model)`);
      await loadAll(folder, found, new Map());
    }
    if (generation !== this.generation || entries.length === before) return;
    // Each folder's entries together, in the folders' order, as one scan would have listed them.
    const order = new Map(folders.map((f, i) => [f.uri.toString(), i]));
    const rank = (e: CriteriaEntry) => order.get(e.folder.uri.toString()) ?? 0;
    this.publish(entries.map((e, i) => ({ e, i })).sort((a, b) => rank(a.e) - rank(b.e) || a.i - b.i).map((x) => x.e), started);
  }

  private publish(entries: CriteriaEntry[], started: number): void {
    this.list = [...entries];
    this.previews = [];
    const published = Date.now();
    this.stats.firstModelAt ??= published;
    this.setState(entries.length > 0 ? 'ready' : 'noCriteria');
    this.log.info(`Loaded ${entries.length} criteria file(s) in ${Date.now() - started} ms (trusted: ${this.isTrusted()})`);
    this.changed.fire(undefined);
    for (const entry of entries) this.scheduleCacheWrite(entry);
    if (this.stats.firstModelAt === published) {
      mark('first fresh model published');
      // The heap is read (after a full collection, seconds under load) once the views have had the model.
      // With it, the Git commands this host started so far (ours: VS Code's Git extension logs its own), for the
      // bench to set beside the Git extension's log: no call of ours should run twice for one state.
      setTimeout(() => markMemory('heap with the first fresh model', { git: gitCommandLog().map((c) => ({ at: new Date(c.at).toISOString(), args: c.args.join(' ').slice(0, 160) })) }), HEAP_MARK_DELAY_MS);
    }
  }

  /** Whether a view that shows the store is open (set by the trees): only then is there a cached model to draw. */
  viewVisible: () => boolean = () => false;
  private rowsSentWaiters: (() => void)[] = [];

  private shownWaiters: (() => void)[] = [];

  /** A tree gave its top rows to the workbench (of the cached model or a fresh one). */
  noteRowsSent(): void {
    for (const resolve of this.rowsSentWaiters.splice(0)) resolve();
  }

  /** Resolves when a tree next says it sent its rows, or after `ms`. */
  private nextRowsSent(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.rowsSentWaiters.push(() => (clearTimeout(timer), resolve()));
    });
  }

  /** A view of ours became visible (set by the trees): a short wait for a hidden view becomes the full one. */
  noteViewShown(): void {
    for (const extend of this.shownWaiters.splice(0)) extend();
  }

  /**
   * Resolves when a tree has drawn the cached model, at most PREVIEW_DRAW_WAIT_MS from now when a view is open
   * (a view being opened may not say so yet: then a shorter wait, made the full one if it says so meanwhile — in
   * the bench under load the view said so only after the short wait, and the parse came before the rows).
   */
  private previewDrawn(): Promise<void> {
    return new Promise<void>((resolve) => {
      const started = Date.now();
      let timer = setTimeout(resolve, this.viewVisible() ? PREVIEW_DRAW_WAIT_MS : PREVIEW_HIDDEN_WAIT_MS);
      this.shownWaiters.push(() => {
        clearTimeout(timer);
        timer = setTimeout(resolve, Math.max(0, PREVIEW_DRAW_WAIT_MS - (Date.now() - started)));
      });
      this.rowsSentWaiters.push(() => (clearTimeout(timer), resolve()));
    }).then(() => {
      this.shownWaiters = [];
      mark('scan: cached model drawn (or waited enough)');
    });
  }

  // ---- the model cache (in the extension's workspace storage, never in the repository)

  private cacheSettings(folder: vscode.WorkspaceFolder): string {
    const config = vscode.workspace.getConfiguration(SECTION, folder);
    return settingsKey({ exclude: readSettings(folder).exclude, asOfSetting: config.get<string>('asOfDate', '').trim(), locale: this.locale, trusted: vscode.workspace.isTrusted });
  }

  /** Shows the cached models of the folder's top criteria files that match the state now (no Git is run). */
  private async showCached(folder: vscode.WorkspaceFolder, files: vscode.Uri[], generation: number): Promise<void> {
    const dir = this.options.storageDir;
    if (!dir) return;
    for (const uri of files) {
      try {
        // No cache file, no key to compute (a cold start pays one stat).
        const exists = await fs.stat(path.join(dir, cacheFileName(uri.fsPath))).then(
          () => true,
          () => false,
        );
        if (!exists) continue;
        // The key (the criteria file's hash, HEAD) and the file's reading, side by side.
        const key = cacheKeyOf(uri.fsPath, this.options.version, this.cacheSettings(folder)).then((k) => (mark('cache: key computed'), k));
        key.catch(() => undefined);
        const verdict = await readCache(dir, uri.fsPath, key);
        mark('cache: read', { verdict: verdict.kind });
        if (this.stats.cache === 'none' || verdict.kind === 'hit') this.stats.cache = verdict.kind;
        if (verdict.kind !== 'hit') {
          this.log.info(`Cached model of ${vscode.workspace.asRelativePath(uri)} not used: ${verdict.kind === 'invalid' ? verdict.reason : 'another state'}`);
          continue;
        }
        if (generation !== this.generation || this.list.length > 0) return;
        const loaded = { doc: undefined as never, matches: { files: new Map(), requirements: [] } as never, model: verdict.model };
        this.previews = [...this.previews, makeEntry(folder, uri, loaded, true)];
        this.stats.previewAt ??= Date.now();
        this.log.info(`Showing the cached model of ${vscode.workspace.asRelativePath(uri)} while it is refreshed`);
        this.changed.fire(undefined);
      } catch (error) {
        this.log.warn('Reading the cached model failed', error);
      }
    }
  }

  /** Writes an entry's model to the cache a little after it settled, unless it comes from unsaved text. */
  private scheduleCacheWrite(entry: CriteriaEntry): void {
    const dir = this.options.storageDir;
    if (!dir || entry.preview) return;
    const id = entry.uri.toString();
    clearTimeout(this.cacheTimers.get(id));
    this.cacheTimers.set(
      id,
      setTimeout(() => {
        this.cacheTimers.delete(id);
        if (!this.list.includes(entry) || this.lastGood.has(entry)) return;
        if (vscode.workspace.textDocuments.some((d) => d.uri.fsPath === entry.uri.fsPath && d.isDirty)) return;
        const model = entry.loaded.model;
        void (async () => {
          try {
            const key = await cacheKeyOf(entry.uri.fsPath, this.options.version, this.cacheSettings(entry.folder));
            if (entry.loaded.model !== model) return; // changed meanwhile: the next write has it
            await writeCache(dir, entry.uri.fsPath, key, model);
            this.stats.cacheWrites++;
          } catch (error) {
            this.log.warn('Writing the cached model failed', error);
          }
        })();
      }, CACHE_WRITE_DELAY_MS),
    );
  }

  private async load(uri: vscode.Uri, folder: vscode.WorkspaceFolder, beforeParse?: Promise<unknown>): Promise<LoadedWorkspace> {
    const loaded = await this.loadOnce(uri, folder, beforeParse);
    // The Git state this model was listed in (after our own `git status`, which may refresh the index): an
    // event of .git that leaves it as it is (our own index refresh) lists nothing again.
    if (loaded.git) this.listedState.set(loaded.doc.baseDir, JSON.stringify(await gitStateOf(loaded.doc.baseDir)));
    return loaded;
  }

  private async loadOnce(uri: vscode.Uri, folder: vscode.WorkspaceFolder, beforeParse?: Promise<unknown>): Promise<LoadedWorkspace> {
    const settings = readSettings(folder);
    const open = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === uri.fsPath);
    return loadWorkspace(uri.fsPath, {
      locale: this.locale,
      asOf: settings.asOf,
      exclude: settings.exclude,
      // No Git in restricted mode: the tree comes from a folder walk.
      isTrusted: () => vscode.workspace.isTrusted,
      text: open?.isDirty ? open.getText() : undefined,
      fastParse: true,
      beforeParse,
      onPhase: (phase) => mark(`load: ${phase}`),
    });
  }

  private async reload(entry: CriteriaEntry): Promise<void> {
    this.accept(entry, await this.load(entry.uri, entry.folder));
    this.changed.fire(entry);
    this.scheduleCacheWrite(entry);
  }

  /** Takes a freshly loaded workspace, unless it lost the whole tree to a syntax error (then only its doc). */
  private accept(entry: CriteriaEntry, next: LoadedWorkspace): void {
    if (isUnreadable(next.doc) && entry.loaded.model.areas.length > 0) {
      this.lastGood.set(entry, this.lastGood.get(entry) ?? entry.loaded.doc);
      entry.loaded = { ...entry.loaded, doc: next.doc };
      return;
    }
    this.lastGood.delete(entry);
    entry.loaded = next;
  }

  /** What the model is computed from: the last good doc while the file is unreadable. */
  private source(entry: CriteriaEntry): LoadedWorkspace {
    const good = this.lastGood.get(entry);
    return good ? { ...entry.loaded, doc: good } : entry.loaded;
  }

  private recomputeAll(): void {
    for (const entry of this.list) entry.loaded.model = recompute(this.source(entry), readSettings(entry.folder).asOf);
    this.changed.fire(undefined);
  }

  /** The editor's text changed: parse it and re-match the files already known (no file access); false to reload. */
  private reparse(entry: CriteriaEntry, text: string): boolean {
    const previous = this.source(entry).doc;
    const result = reparseCriteria(entry.loaded, text, { asOf: readSettings(entry.folder).asOf, locale: this.locale, lastGood: this.lastGood.get(entry) });
    if (result.kind === 'relist') return false;
    this.accept(entry, result.kind === 'unreadable' ? { ...entry.loaded, doc: result.doc } : result.loaded);
    // A changed measure (data file, headers, rule) reads its data again; the figures shown meanwhile are the last ones.
    if (result.kind === 'parsed' && measureSpecsKey(previous) !== measureSpecsKey(result.loaded.doc)) void this.rereadMeasures(entry, result.loaded);
    return true;
  }

  /** A measure's file, sheet, columns or rule changed in the editor: read its data again (cached tables stay). */
  private async rereadMeasures(entry: CriteriaEntry, loaded: LoadedWorkspace): Promise<void> {
    try {
      await refreshMeasures(loaded, readSettings(entry.folder).asOf);
      if (entry.loaded === loaded) this.changed.fire(entry);
    } catch (error) {
      this.log.warn('Reading the measures failed', error);
    }
  }

  private onEdit(document: vscode.TextDocument, closed = false): void {
    const entry = this.list.find((e) => e.uri.fsPath === document.uri.fsPath);
    if (!entry) return;
    const key = entry.uri.toString();
    clearTimeout(this.editTimers.get(key));
    this.editTimers.set(
      key,
      setTimeout(() => {
        this.editTimers.delete(key);
        // A closed, unsaved document falls back to the file on disk.
        if (closed) {
          void this.reload(entry);
          return;
        }
        if (this.reparse(entry, document.getText())) this.changed.fire(entry);
        else void this.reload(entry);
      }, EDIT_DEBOUNCE_MS),
    );
  }

  private onFile(uri: vscode.Uri, kind: FileChange['kind']): void {
    if (uri.scheme !== 'file') return;
    const p = uri.fsPath;
    if (/[\\/]\.git[\\/]/.test(p)) {
      // HEAD, index or refs moved: a commit, checkout or stage changed Git states.
      const moved = /^(.*[\\/]\.git)[\\/](index|HEAD|refs[\\/].*)$/.exec(p);
      if (moved) this.scheduleGitRefresh(moved[1]);
      return;
    }
    // The city's index file that wards extend (`extends:`): an input of their models.
    for (const entry of this.list) if (this.source(entry).doc.base?.file === p) void this.reload(entry);
    if (this.list.some((e) => e.uri.fsPath === p)) {
      if (kind === 'deleted') void this.refresh();
      else {
        const entry = this.list.find((e) => e.uri.fsPath === p)!;
        const open = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === p);
        if (!open?.isDirty) void this.reload(entry);
      }
      return;
    }
    // A new criteria file; its "created" event may arrive folded into "changed".
    if (kind !== 'deleted' && /\.ya?ml$/i.test(p) && this.matchesCriteriaGlob(uri)) {
      void isCriteriaFile(p).then((yes) => (yes ? this.refresh() : undefined));
      return;
    }
    this.pendingFiles.push({ file: p, kind });
    clearTimeout(this.fileTimer);
    this.fileTimer = setTimeout(() => void this.flushFiles(), FILE_DEBOUNCE_MS);
  }

  private matchesCriteriaGlob(uri: vscode.Uri): boolean {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return false;
    return vscode.languages.match({ pattern: new vscode.RelativePattern(folder, readSettings(folder).criteriaFiles) }, { uri, languageId: 'yaml' } as vscode.TextDocument) > 0;
  }

  private async flushFiles(): Promise<void> {
    const changes = this.pendingFiles.splice(0);
    await this.scanning;
    await this.findCriteriaInNewFolders(changes);
    for (const entry of this.list) {
      const mine = changes.filter((c) => evidenceRelative(entry.loaded, c.file) !== undefined);
      if (mine.length === 0) continue;
      try {
        const source = this.source(entry);
        const affected = await applyEvidenceChanges(source, mine, readSettings(entry.folder).asOf);
        entry.loaded.model = source.model;
        if (affected.length > 0) this.changed.fire(entry);
      } catch (error) {
        this.log.warn('Incremental update failed; reloading', error);
        await this.reload(entry);
      }
    }
  }

  /**
   * A folder created or moved in outside every evidence folder may hold a criteria file that got no event of its
   * own (the watcher can report only the folder): look inside it, and rescan when one is there.
   */
  private async findCriteriaInNewFolders(changes: FileChange[]): Promise<void> {
    const unclaimed = changes.filter((c) => c.kind === 'created' && !this.list.some((e) => evidenceRelative(e.loaded, c.file) !== undefined));
    for (const change of unclaimed) {
      const uri = vscode.Uri.file(change.file);
      const isFolder = await vscode.workspace.fs.stat(uri).then((s) => (s.type & vscode.FileType.Directory) !== 0, () => false);
      if (!isFolder) continue;
      const yamlFiles = await vscode.workspace.findFiles(new vscode.RelativePattern(uri, '**/*.{yaml,yml}'), '**/{node_modules,.git}/**', 20);
      for (const file of yamlFiles) {
        if (this.matchesCriteriaGlob(file) && (await isCriteriaFile(file.fsPath))) {
          await this.refresh();
          return;
        }
      }
    }
  }

  /** A commit, checkout or stage moved Git states: reload the entries of that repository only. */
  private scheduleGitRefresh(gitDir: string): void {
    this.gitChanged.add(path.dirname(gitDir));
    clearTimeout(this.gitTimer);
    this.gitTimer = setTimeout(() => {
      const tops = [...this.gitChanged];
      this.gitChanged.clear();
      if (!vscode.workspace.isTrusted) return;
      void (async () => {
        await this.scanning;
        const inside = (dir: string) => tops.some((top) => dir === top || dir.startsWith(top + path.sep));
        for (const entry of this.list) {
          const dir = entry.loaded.doc.baseDir;
          if (!inside(dir)) continue;
          // No Git call runs twice for one state: the listing of this state is the one shown.
          if (this.listedState.get(dir) === JSON.stringify(await gitStateOf(dir))) {
            this.log.info(`Git state of ${vscode.workspace.asRelativePath(entry.uri)} unchanged: not listed again`);
            continue;
          }
          await this.reload(entry);
        }
      })();
    }, GIT_DEBOUNCE_MS);
  }

  dispose(): void {
    clearTimeout(this.fileTimer);
    clearTimeout(this.gitTimer);
    for (const timer of this.editTimers.values()) clearTimeout(timer);
    for (const timer of this.cacheTimers.values()) clearTimeout(timer);
    for (const d of this.disposables) d.dispose();
  }
}
