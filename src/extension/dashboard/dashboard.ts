// Dashboard webview, status bar item and report commands.
import * as vscode from 'vscode';
import type { Services } from '../services';
import { DashboardPanel } from './panel';
import { reportArgs, selfAssessmentCommand, weeklyReportCommand } from './reports';
import { registerStatusBar, type StatusBar } from './statusBar';

export interface DashboardApi {
  panel: DashboardPanel;
  statusBar: StatusBar;
}

export function registerDashboard(services: Services): DashboardApi {
  const panel = new DashboardPanel(services);
  const statusBar = registerStatusBar(services);
  services.context.subscriptions.push(
    panel,
    vscode.commands.registerCommand('reformEvidence.openDashboard', () => panel.show()),
    vscode.commands.registerCommand('reformEvidence.weeklyReport', (args?: unknown) => weeklyReportCommand(services, reportArgs(args))),
    vscode.commands.registerCommand('reformEvidence.selfAssessment', (args?: unknown) => selfAssessmentCommand(services, reportArgs(args))),
  );
  return { panel, statusBar };
}
