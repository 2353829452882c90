// Dashboard webview, status bar item and report commands.
import * as vscode from 'vscode';
import { registerEntryCommand } from '../commands/entryCommand';
import type { Services } from '../services';
import { DashboardPanel } from './panel';
import { reportArgs, selfAssessmentCommand, weeklyReportCommand } from './reports';
import { registerStatusBar } from './statusBar';

export interface DashboardApi {
  panel: DashboardPanel;
  statusBar: vscode.StatusBarItem;
}

function noCriteria(): void {
  void vscode.window.showWarningMessage(vscode.l10n.t('No criteria file is loaded.'));
}

export function registerDashboard(services: Services): DashboardApi {
  const panel = new DashboardPanel(services);
  const statusBar = registerStatusBar(services);
  services.context.subscriptions.push(
    panel,
    vscode.commands.registerCommand('reformEvidence.openDashboard', () => panel.show()),
    registerEntryCommand(services, 'reformEvidence.weeklyReport', (entry, _arg, [args]) => weeklyReportCommand(services, entry, reportArgs(args)), { none: noCriteria }),
    registerEntryCommand(services, 'reformEvidence.selfAssessment', (entry, _arg, [args]) => selfAssessmentCommand(services, entry, reportArgs(args)), { none: noCriteria }),
  );
  return { panel, statusBar };
}
