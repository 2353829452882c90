// The dashboard webview: one panel per window (revealed if open, revived after a reload), fed from the model
// store. The page gets data only after it says `ready`, and again whenever the model changes.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { presentation } from '../../core/present/states';
import { addDays } from '../../core/report/format';
import { dashboardData, WINDOW_DAYS } from '../../core/report/dashboardData';
import { entryLabel, type CriteriaEntry } from '../model/modelStore';
import type { Services } from '../services';
import { entryHistory } from '../reports/history';
import { readSettings } from '../config/settings';
import { dashboardShell, makeNonce } from './html';
import { entryProgress } from './progress';
import { parsePageMessage, type DashboardView, type HostMessage, type PageMessage } from './protocol';
import { dashboardStrings } from './strings';
import { isStrictlyWithin } from '../../core/fs/paths';

export const VIEW_TYPE = 'reformEvidence.dashboard';
const UPDATE_DEBOUNCE_MS = 250;

export class DashboardPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private ready = false;
  /** The criteria file chosen in the page; undefined follows the active editor. */
  private chosen: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private generation = 0;
  private progressPosted: (HostMessage & { type: 'progress' }) | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly services: Services) {
    this.disposables.push(
      services.store.onDidChange(() => this.scheduleUpdate()),
      vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
        deserializeWebviewPanel: async (panel) => this.attach(panel),
      }),
    );
  }

  /** For the integration tests: the panel, if open. */
  get webviewPanel(): vscode.WebviewPanel | undefined {
    return this.panel;
  }

  /** For the integration tests: the criteria file the dashboard shows (the page is sent this one). */
  get entryUri(): string | undefined {
    return this.entry()?.uri.toString();
  }

  /** For the integration tests: the last weeks posted to the page. */
  get lastProgress(): (HostMessage & { type: 'progress' }) | undefined {
    return this.progressPosted;
  }

  /** Opens (or reveals) the dashboard; `entryUri`, when the store has it, is the criteria file it shows. */
  show(entryUri?: string): void {
    if (entryUri !== undefined && this.services.store.entry(entryUri)) {
      this.chosen = entryUri;
      // An open page shows the new choice at once.
      if (this.panel && this.ready) void this.send('update').catch((e: unknown) => this.services.log.error('Dashboard update failed', e));
    }
    if (this.panel) {
      this.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, vscode.l10n.t('PAR index dashboard'), vscode.ViewColumn.Active, this.webviewOptions());
    this.attach(panel);
  }

  private mediaRoot(): vscode.Uri {
    return vscode.Uri.joinPath(this.services.context.extensionUri, 'media');
  }

  private webviewOptions(): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    // The page keeps no state the host cannot resend, so it need not stay alive while hidden.
    return { enableScripts: true, localResourceRoots: [this.mediaRoot()], enableFindWidget: true, retainContextWhenHidden: false };
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.ready = false;
    panel.title = vscode.l10n.t('PAR index dashboard');
    panel.iconPath = vscode.Uri.joinPath(this.mediaRoot(), 'activity-bar.svg');
    panel.webview.options = this.webviewOptions();
    const webview = panel.webview;
    const media = (...parts: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.mediaRoot(), ...parts)).toString();
    webview.html = dashboardShell({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      lang: this.services.store.locale,
      scriptUri: media('dashboard', 'dashboard.js'),
      styleUri: media('dashboard', 'dashboard.css'),
      codiconsUri: media('codicons', 'codicon.css'),
      chartScriptUri: media('uplot', 'uPlot.iife.min.js'),
      chartStyleUri: media('uplot', 'uPlot.min.css'),
    });
    const subscriptions = [
      webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw)),
      // A hidden webview is unloaded: when it shows again, its page says `ready` again.
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.ready = false;
      }),
    ];
    panel.onDidDispose(() => {
      subscriptions.forEach((d) => d.dispose());
      if (this.panel === panel) this.panel = undefined;
    });
  }

  /** A message from the page (untrusted: checked before use). Public so the integration tests can send crafted ones. */
  async receive(raw: unknown): Promise<void> {
    const message = parsePageMessage(raw);
    if (message) await this.onMessage(message);
  }

  private entry(): CriteriaEntry | undefined {
    return this.services.store.entry(this.chosen) ?? this.services.store.activeEntry();
  }

  private async view(entry: CriteriaEntry): Promise<DashboardView> {
    const model = entry.loaded.model;
    const history = await entryHistory(entry, this.services.store.isTrusted(), { since: addDays(model.asOf, -WINDOW_DAYS) }, (e) => this.services.log.warn('Dashboard: no Git history', e));
    return {
      entryUri: entry.uri.toString(),
      entries: this.services.store.entries.map((e) => ({ uri: e.uri.toString(), label: entryLabel(e) })),
      data: dashboardData(model, { commits: history.commits }),
    };
  }

  private async send(kind: 'init' | 'update'): Promise<void> {
    const panel = this.panel;
    if (!panel || !this.ready) return;
    const generation = ++this.generation;
    await this.services.store.whenReady();
    const entry = this.entry();
    let message: HostMessage;
    if (!entry) message = { type: 'empty', message: vscode.l10n.t('No criteria file is loaded.') };
    else {
      const view = await this.view(entry);
      // A newer update started while Git answered: let it win.
      if (generation !== this.generation) return;
      message = kind === 'init' ? { ...this.initMessage(), view } : { type: 'update', view };
    }
    if (kind === 'init' && message.type === 'empty') {
      // The page needs its texts even when there is nothing to show yet.
      await this.post(this.initMessage());
    }
    await this.post(message);
    // The weeks come after the figures are shown: reading the history never delays the first paint.
    if (entry) await this.sendProgress(entry, generation);
  }

  private async sendProgress(entry: CriteriaEntry, generation: number): Promise<void> {
    const exclude = readSettings(vscode.workspace.getWorkspaceFolder(entry.uri)).exclude;
    const progress = await entryProgress(entry, this.services.store.isTrusted(), { locale: this.services.store.locale, exclude }).catch((e: unknown) => {
      this.services.log.warn('Dashboard: no weekly history', e);
      return undefined;
    });
    // A newer update (or another criteria file) started meanwhile: it sends its own.
    if (!progress || generation !== this.generation) return;
    this.progressPosted = { type: 'progress', entryUri: entry.uri.toString(), progress };
    await this.post(this.progressPosted);
  }

  private initMessage(): HostMessage & { type: 'init' } {
    const locale = this.services.store.locale;
    return { type: 'init', locale, strings: dashboardStrings(), presentation: presentation(locale) };
  }

  private post(message: HostMessage): Thenable<boolean> {
    return this.panel?.webview.postMessage(message) ?? Promise.resolve(false);
  }

  private scheduleUpdate(): void {
    if (!this.panel || !this.ready) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.send('update').catch((e: unknown) => this.services.log.error('Dashboard update failed', e)), UPDATE_DEBOUNCE_MS);
  }

  private async onMessage(message: PageMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        await this.send('init');
        return;
      case 'selectEntry':
        if (this.services.store.entry(message.entryUri)) {
          this.chosen = message.entryUri;
          await this.send('update');
        }
        return;
      case 'revealCriterion':
        await this.revealCriterion(message.entryUri, message.id);
        return;
      case 'revealTask':
        await this.openDefinition(message.entryUri, message.id, 'task');
        return;
      case 'openFile':
        await this.openEvidence(message.entryUri, message.path);
        return;
      case 'command':
        await vscode.commands.executeCommand(`reformEvidence.${message.command}`, message.command === 'refresh' ? undefined : { entryUri: this.entry()?.uri.toString() });
        return;
    }
  }

  private async revealCriterion(entryUri: string, id: string): Promise<void> {
    const commands = await vscode.commands.getCommands(true);
    if (commands.includes('reformEvidence.revealCriterion')) {
      const shown = await vscode.commands.executeCommand<boolean>('reformEvidence.revealCriterion', entryUri, id);
      if (shown !== false) return;
    }
    await this.openDefinition(entryUri, id, 'criterion');
  }

  /** Opens the criteria file at the id of a criterion or task. */
  private async openDefinition(entryUri: string, id: string, kind: 'criterion' | 'task'): Promise<void> {
    const entry = this.services.store.entry(entryUri);
    const doc = entry?.loaded.doc;
    const range = kind === 'criterion' ? doc?.byId.get(id)?.idRange : doc?.tasks.find((t) => t.id === id)?.idRange;
    if (!entry || !range) return;
    const selection = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
    await vscode.window.showTextDocument(entry.uri, { selection, preview: true, viewColumn: vscode.ViewColumn.Beside });
  }

  /** Opens an evidence file named by the page, only if it really lies inside the entry's evidence folder. */
  private async openEvidence(entryUri: string, relative: string): Promise<void> {
    const entry = this.services.store.entry(entryUri);
    if (!entry) return;
    const root = entry.evidenceRoot;
    const target = path.resolve(root, relative);
    if (!isStrictlyWithin(target, root)) return;
    // Symbolic links are resolved first: a link inside the folder may point anywhere. Missing files open nothing.
    const [realRoot, realTarget] = await Promise.all([fs.realpath(root).catch(() => undefined), fs.realpath(target).catch(() => undefined)]);
    if (!realRoot || !realTarget || !isStrictlyWithin(realTarget, realRoot)) return;
    if (!(await fs.stat(realTarget).then((s) => s.isFile(), () => false))) return;
    await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(target), { viewColumn: vscode.ViewColumn.Beside, preview: true });
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.panel?.dispose();
    this.disposables.forEach((d) => d.dispose());
  }
}
