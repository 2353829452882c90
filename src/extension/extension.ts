// Entry point of the VS Code extension: a thin layer of adapters over src/core.
import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('reformEvidence.refresh', () => undefined),
  );
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
