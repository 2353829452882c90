// The dashboard webview and the command that opens it.
import * as vscode from 'vscode';
import type { Services } from '../services';
import { DashboardPanel } from './panel';

export interface DashboardApi {
  panel: DashboardPanel;
}

export function registerDashboard(services: Services): DashboardApi {
  const panel = new DashboardPanel(services);
  // An argument names the criteria file to show (a ward of the Wards view or of the portfolio page): its URI as a
  // string, or `{ entryUri }`. Anything else (the view's toolbar passes nothing) follows the active editor.
  services.context.subscriptions.push(panel, vscode.commands.registerCommand('reformEvidence.openDashboard', (arg?: unknown) => panel.show(entryUriOf(arg))));
  return { panel };
}

function entryUriOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (arg instanceof vscode.Uri) return arg.toString();
  const given = (arg as { entryUri?: unknown } | undefined)?.entryUri;
  return typeof given === 'string' ? given : undefined;
}
