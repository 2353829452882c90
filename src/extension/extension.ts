// Entry point of the VS Code extension: a thin layer of adapters over src/core.
// Each concern registers itself; everything it creates goes into context.subscriptions.
import * as vscode from 'vscode';
import { gitCommandLog, gitProcessCount, readChunksThroughFiles } from '../core/git/git';
import { registerNavigationCommands } from './commands/navigation';
import { registerDashboard, type DashboardApi } from './dashboard/dashboard';
import { registerDecorations, type EvidenceDecorations } from './decorations/decorations';
import { registerDiagnostics } from './diagnostics/diagnostics';
import { registerEvidenceCommands } from './evidence/evidenceCommands';
import { registerLanguageFeatures } from './language/languageFeatures';
import { registerReportCommands } from './reports/reports';
import { registerReviewCommand, type ReviewApi } from './review/reviewCommand';
import { ReviewState } from './review/reviewState';
import { registerStatusBar, type StatusBar } from './statusBar/statusBar';
import { ModelStore } from './model/modelStore';
import { registerWards, type WardsApi } from './portfolio/wards';
import type { Services } from './services';
import { registerTrees, type Trees } from './tree/trees';
import { ViewOptions } from './tree/viewOptions';
import { startTrace } from './startupTrace';

/** What `activate` returns: used by the integration tests, and by other extensions if they wish. */
export interface ReformEvidenceApi {
  services: Services;
  trees: Trees;
  decorations: EvidenceDecorations;
  /** The open review: its state, the Review view and the marks on evidence files. */
  review: ReviewApi;
  /** The dashboard panel and the status bar item (the multi-root tests check which criteria file they show). */
  dashboard: DashboardApi & { statusBar: StatusBar };
  /** Git processes started by this extension host: tests prove restricted mode starts none. */
  gitProcessCount: () => number;
  /** The Wards view and the portfolio dashboard (a window with several wards). */
  wards: WardsApi;
  /** The Git commands started by this extension host (folder, arguments, time): tests prove none runs twice for one state. */
  gitCommandLog: typeof gitCommandLog;
}

export function activate(context: vscode.ExtensionContext): ReformEvidenceApi {
  const log = vscode.window.createOutputChannel('Reform Evidence', { log: true });
  context.subscriptions.push(startTrace(log));
  // Git's listings go through files read as Git writes them: this thread, shared with other extensions, is often
  // busy, and a pipe it does not read blocks Git (docs/editor-startup.md).
  readChunksThroughFiles(true);
  // The last computed models are kept in the workspace storage (outside the repository); none without a folder.
  const store = new ModelStore(log, { storageDir: context.storageUri?.fsPath, version: String((context.extension.packageJSON as { version?: unknown }).version ?? '') });
  context.subscriptions.push(log, store);
  const viewOptions = new ViewOptions(context.workspaceState);
  context.subscriptions.push(viewOptions);
  const review = new ReviewState();
  context.subscriptions.push(review);
  const services: Services = { context, store, log, viewOptions, review };
  const trees = registerTrees(services);
  registerNavigationCommands(services);
  const decorations = registerDecorations(services);
  registerDiagnostics(services);
  registerLanguageFeatures(services);
  registerEvidenceCommands(services);
  const reviewApi = registerReviewCommand(services);
  const dashboard = registerDashboard(services);
  registerReportCommands(services);
  const statusBar = registerStatusBar(services);
  const wards = registerWards(services);
  return { services, trees, decorations, review: reviewApi, dashboard: { ...dashboard, statusBar }, wards, gitProcessCount, gitCommandLog };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
