// The dashboard webview and the command that opens it.
import * as vscode from 'vscode';
import type { Services } from '../services';
import { DashboardPanel } from './panel';

export interface DashboardApi {
  panel: DashboardPanel;
}

export function registerDashboard(services: Services): DashboardApi {
  const panel = new DashboardPanel(services);
  services.context.subscriptions.push(panel, vscode.commands.registerCommand('reformEvidence.openDashboard', () => panel.show()));
  return { panel };
}
