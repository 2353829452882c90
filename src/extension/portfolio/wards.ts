// The Wards view and the portfolio dashboard: when the window holds several wards (a multi-root workspace of
// ward clones, or one folder of clones), each loaded ward is summed up by the core's portfolio (the rows of the
// CLI's `portfolio`, from the models the store already has), ranked as the CLI ranks, and opens its own dashboard.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { commonFolder, wardsOfCriteriaFiles } from '../../core/portfolio/findWards';
import { assemblePortfolio, lastEvidenceCommit, summarizeWard, type LastEvidence, type Portfolio, type PortfolioWard } from '../../core/portfolio/portfolio';
import { renderPortfolioHtml, wardLook } from '../../core/portfolio/render';
import type { CriteriaEntry } from '../model/modelStore';
import type { Services } from '../services';
import { formatDate, formatNumber } from '../tree/present';

/** The wards of the window: the core's portfolio, and the store entry of each ward. */
export interface WardsPortfolio {
  portfolio: Portfolio;
  entryOf: Map<PortfolioWard, CriteriaEntry>;
}

export interface WardRow {
  ward: PortfolioWard;
  entry: CriteriaEntry;
}

export const WARDS_VIEW = 'reformEvidence.wards';
export const PORTFOLIO_VIEW_TYPE = 'reformEvidence.portfolio';
/** Context key: the window holds more than one ward (shows the Wards view). */
const CONTEXT_KEY = 'reformEvidence.wards';
const UPDATE_DEBOUNCE_MS = 400;

/**
 * The portfolio of the store's entries (undefined with fewer than two wards). `lastEvidence` is asked once per
 * ward (one `git log -1`); everything else comes from the loaded models.
 */
export async function wardsPortfolio(entries: readonly CriteriaEntry[], lastEvidence: (entry: CriteriaEntry) => Promise<LastEvidence | null>): Promise<WardsPortfolio | undefined> {
  const byFile = new Map(entries.map((e) => [path.resolve(e.uri.fsPath), e]));
  const found = wardsOfCriteriaFiles([...byFile.keys()]);
  if (found.length < 2) return undefined;
  const root = commonFolder(found.map((f) => f.dir));
  const entryOf = new Map<PortfolioWard, CriteriaEntry>();
  const wards = await Promise.all(
    found.map(async (f) => {
      const entry = byFile.get(f.criteriaFile)!;
      const ward = summarizeWard(root, f, entry.loaded, { lastEvidence: await lastEvidence(entry), verify: null });
      entryOf.set(ward, entry);
      return ward;
    }),
  );
  const asOf = byFile.get(found[0].criteriaFile)!.loaded.model.asOf;
  return { portfolio: assemblePortfolio(root, asOf, wards), entryOf };
}

/** Each model's newest evidence commit, asked once (a model is replaced whenever its ward changes). */
const lastEvidenceOfModel = new WeakMap<object, Promise<LastEvidence | null>>();

/** The newest evidence commit of an entry's ward; null without Git (restricted mode, no repository). */
function entryLastEvidence(entry: CriteriaEntry): Promise<LastEvidence | null> {
  const git = entry.loaded.git;
  if (!git) return Promise.resolve(null);
  let known = lastEvidenceOfModel.get(entry.loaded.model);
  if (!known) {
    known = lastEvidenceCommit(git, entry.loaded.doc.index.evidenceRoot);
    lastEvidenceOfModel.set(entry.loaded.model, known);
  }
  return known;
}

/** Whether the entries hold more than one ward (no Git, no model read): shows the Wards view. */
export function holdsSeveralWards(entries: readonly CriteriaEntry[]): boolean {
  return wardsOfCriteriaFiles(entries.map((e) => e.uri.fsPath)).length > 1;
}

/** `command:` link that opens a ward's own dashboard (the portfolio page has no script: a plain link). */
export function dashboardLink(entry: CriteriaEntry): string {
  return `command:reformEvidence.openDashboard?${encodeURIComponent(JSON.stringify([entry.uri.toString()]))}`;
}

function wardName(row: WardRow): string {
  return row.ward.path === '.' ? row.entry.folder.name : row.ward.path;
}

/** `12,5/20 · 3 at risk · 1 overdue · 02/10/2025` (a ward that failed: its reason). */
export function wardDescription(ward: PortfolioWard): string {
  if (ward.error !== undefined) return vscode.l10n.t('not loaded');
  const t = ward.totals;
  const parts = [`${formatNumber(t.secured)}/${formatNumber(t.max - t.waived)}`, vscode.l10n.t('{0} at risk', formatNumber(t.atRisk)), vscode.l10n.t('{0} overdue', t.overdue)];
  parts.push(ward.lastEvidence ? formatDate(ward.lastEvidence.date.slice(0, 10)) : ward.git ? vscode.l10n.t('no evidence commit') : vscode.l10n.t('no Git'));
  return parts.join(' · ');
}

function wardTooltip(row: WardRow): vscode.MarkdownString {
  const { ward } = row;
  const md = new vscode.MarkdownString(undefined, true);
  md.supportHtml = false;
  md.isTrusted = false;
  md.appendMarkdown('**').appendText(wardName(row)).appendMarkdown('**');
  if (ward.error !== undefined) return md.appendMarkdown('\n\n').appendText(ward.error);
  const t = ward.totals;
  const index = ward.index.year !== undefined ? `${ward.index.id} (${ward.index.year})` : ward.index.id;
  const lines = [
    vscode.l10n.t('Index: {0}', index),
    vscode.l10n.t('Rank: {0}', ward.rank !== undefined ? String(ward.rank) : '—'),
    vscode.l10n.t('Secured: {0} of {1} points', formatNumber(t.secured), formatNumber(t.max - t.waived)),
    vscode.l10n.t('At risk: {0} points', formatNumber(t.atRisk)),
    vscode.l10n.t('Overdue: {0}', t.overdue),
    vscode.l10n.t('Criteria with evidence: {0} of {1}', t.complete, t.criteria),
    ward.lastEvidence
      ? vscode.l10n.t('Last evidence: {0} {1} {2}', formatDate(ward.lastEvidence.date.slice(0, 10)), ward.lastEvidence.shortHash, ward.lastEvidence.subject)
      : vscode.l10n.t('Last evidence: none'),
  ];
  if (ward.firstError) lines.push(vscode.l10n.t('Not ranked: the criteria file has errors ({0})', ward.firstError));
  for (const line of lines) md.appendMarkdown('\n\n').appendText(line);
  return md;
}

/** One row per ward, in the CLI's ranking order (ranked wards first, best first). */
export class WardsTree implements vscode.TreeDataProvider<WardRow>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<WardRow | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private rows: WardRow[] = [];

  set(current: WardsPortfolio | undefined): void {
    this.rows = current ? current.portfolio.ranking.map((i) => ({ ward: current.portfolio.wards[i], entry: current.entryOf.get(current.portfolio.wards[i])! })) : [];
    this.changed.fire(undefined);
  }

  getChildren(element?: WardRow): WardRow[] {
    return element ? [] : this.rows;
  }

  getTreeItem(row: WardRow): vscode.TreeItem {
    const item = new vscode.TreeItem(wardName(row), vscode.TreeItemCollapsibleState.None);
    const look = wardLook(row.ward);
    item.id = `ward:${row.entry.uri.toString()}`;
    item.iconPath = new vscode.ThemeIcon(look.icon, new vscode.ThemeColor(look.color));
    item.description = wardDescription(row.ward);
    item.tooltip = wardTooltip(row);
    item.contextValue = 'reformEvidence.ward';
    item.command = { command: 'reformEvidence.openDashboard', title: vscode.l10n.t('Open Dashboard'), arguments: [row.entry.uri.toString()] };
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export interface WardsApi {
  tree: WardsTree;
  view: vscode.TreeView<WardRow>;
  /** The last computed portfolio of the window's wards (undefined: fewer than two). */
  readonly current: WardsPortfolio | undefined;
  /** Computes again now (the tests; the view does it on every model change). */
  refresh(): Promise<WardsPortfolio | undefined>;
  /** The portfolio dashboard's panel, if open. */
  readonly panel: vscode.WebviewPanel | undefined;
}

export function registerWards(services: Services): WardsApi {
  const { store, context } = services;
  const tree = new WardsTree();
  const view = vscode.window.createTreeView(WARDS_VIEW, { treeDataProvider: tree });
  let current: WardsPortfolio | undefined;
  let panel: vscode.WebviewPanel | undefined;
  let generation = 0;
  let timer: NodeJS.Timeout | undefined;
  // The context key is set only when it changes: each setContext is a round trip to the workbench.
  let shown: boolean | undefined;
  const showView = (visible: boolean) => {
    if (visible === shown) return;
    shown = visible;
    void vscode.commands.executeCommand('setContext', CONTEXT_KEY, visible);
  };

  const render = () => {
    if (!panel) return;
    if (!current) {
      panel.webview.html = renderEmpty(store.locale);
      return;
    }
    const entryOf = current.entryOf;
    const html = renderPortfolioHtml(current.portfolio, store.locale, { wardHref: (w) => (entryOf.get(w) ? dashboardLink(entryOf.get(w)!) : undefined) });
    // The report is a light, printable page: keep it light in a dark theme too.
    panel.webview.html = html.replace('</head>', '<style>html, body { background: #ffffff; }</style>\n</head>');
  };

  const refresh = async (): Promise<WardsPortfolio | undefined> => {
    const mine = ++generation;
    await store.whenReady();
    const computed = await wardsPortfolio(store.entries, entryLastEvidence).catch((error: unknown) => {
      services.log.warn('Wards: could not sum up the wards', error);
      return undefined;
    });
    // A newer computation started meanwhile: it wins.
    if (mine !== generation) return current;
    current = computed;
    showView(computed !== undefined);
    tree.set(computed);
    view.message = computed && computed.portfolio.indexes.length > 1 ? vscode.l10n.t('The wards use {0} different indexes: each is ranked only against wards on the same index.', computed.portfolio.indexes.length) : undefined;
    render();
    return computed;
  };

  // Summed up (one `git log -1` per changed ward) only while the view or the page shows it; otherwise only
  // whether the view should be there, which needs neither Git nor the models.
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (view.visible || panel) void refresh();
      else showView(holdsSeveralWards(store.entries));
    }, UPDATE_DEBOUNCE_MS);
  };

  const openPortfolio = async () => {
    await refresh();
    if (panel) {
      panel.reveal();
      return;
    }
    panel = vscode.window.createWebviewPanel(PORTFOLIO_VIEW_TYPE, vscode.l10n.t('Wards portfolio'), vscode.ViewColumn.Active, {
      // A static page: no script at all; its links may run only the command that opens a ward's dashboard.
      enableScripts: false,
      enableCommandUris: ['reformEvidence.openDashboard'],
      localResourceRoots: [],
      enableFindWidget: true,
    });
    panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'activity-bar.svg');
    panel.onDidDispose(() => (panel = undefined));
    render();
  };

  context.subscriptions.push(
    tree,
    view,
    store.onDidChange(schedule),
    view.onDidChangeVisibility((e) => e.visible && schedule()),
    vscode.commands.registerCommand('reformEvidence.openPortfolio', openPortfolio),
    { dispose: () => clearTimeout(timer) },
    { dispose: () => panel?.dispose() },
  );
  schedule();

  return {
    tree,
    view,
    get current() {
      return current;
    },
    refresh,
    get panel() {
      return panel;
    },
  };
}

function renderEmpty(locale: string): string {
  const text = vscode.l10n.t('Open a workspace with more than one ward (a folder with a criteria file) to compare them.');
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<!DOCTYPE html><html lang="${locale === 'vi' ? 'vi' : 'en'}"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'"></head><body><p>${escaped}</p></body></html>`;
}
