// Entry point of the VS Code extension: a thin layer of adapters over src/core.
// Each concern registers itself; everything it creates goes into context.subscriptions.
import * as vscode from 'vscode';
import { registerNavigationCommands } from './commands/navigation';
import { registerDashboard } from './dashboard/dashboard';
import { registerDecorations } from './decorations/decorations';
import { registerDiagnostics } from './diagnostics/diagnostics';
import { registerEvidenceCommands } from './evidence/evidenceCommands';
import { registerLanguageFeatures } from './language/languageFeatures';
import { ModelStore } from './model/modelStore';
import type { Services } from './services';
import { registerTrees } from './tree/trees';

/** What `activate` returns: used by the integration tests, and by other extensions if they wish. */
export interface ReformEvidenceApi {
  services: Services;
}

export function activate(context: vscode.ExtensionContext): ReformEvidenceApi {
  const log = vscode.window.createOutputChannel('Reform Evidence', { log: true });
  const store = new ModelStore(log);
  context.subscriptions.push(log, store);
  const services: Services = { context, store, log };
  registerTrees(services);
  registerNavigationCommands(services);
  registerDecorations(services);
  registerDiagnostics(services);
  registerLanguageFeatures(services);
  registerEvidenceCommands(services);
  registerDashboard(services);
  return { services };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
