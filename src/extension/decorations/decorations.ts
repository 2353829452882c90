// File decorations on evidence files and folders: which criteria (and tasks) they count for.
// Badge `✓` on a file that counts, `?` on a file in the evidence folder that counts for nothing; the ids are in
// the tooltip. A requirement's own folder (the fixed part of its glob) shows its ids in the tooltip.
// Marks are worked out when VS Code asks for a URI (only the rows it shows), from the matches in memory: a
// province's 100,000 files are never walked on a change, which announces "everything" instead.
import * as vscode from 'vscode';
import { markOf, type Mark } from '../../core/evidence/marks';
import { evidenceRelative } from '../../core/workspace/incremental';
import type { Services } from '../services';

function decorationOf(mark: Mark): vscode.FileDecoration {
  if (mark.folder) return new vscode.FileDecoration(undefined, vscode.l10n.t('Evidence folder for {0}', mark.ids.join(', ')));
  if (mark.ids.length === 0) return new vscode.FileDecoration('?', vscode.l10n.t('Counts for no criterion or task'));
  return new vscode.FileDecoration('✓', vscode.l10n.t('Evidence for {0}', mark.ids.join(', ')));
}

export class EvidenceDecorations implements vscode.FileDecorationProvider, vscode.Disposable {
  /** Fired with undefined ("every URI may have changed"): VS Code asks again for the rows it shows. */
  private readonly changed = new vscode.EventEmitter<undefined>();
  readonly onDidChangeFileDecorations = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(private readonly services: Services) {
    this.disposables.push(services.store.onDidChange(() => this.changed.fire(undefined)));
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    if (uri.scheme !== 'file') return undefined;
    let merged: Mark | undefined;
    for (const entry of this.services.store.entries) {
      // NFC, like the listing's keys: names stored NFD (macOS) find their mark too.
      const relative = evidenceRelative(entry.loaded, uri.fsPath)?.normalize('NFC');
      const mark = relative === undefined ? undefined : markOf(entry.loaded.matches, relative);
      if (!mark) continue;
      merged = merged ? { ids: [...merged.ids, ...mark.ids.filter((id) => !merged!.ids.includes(id))], folder: merged.folder && mark.folder } : mark;
    }
    return merged ? decorationOf(merged) : undefined;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

export function registerDecorations(services: Services): EvidenceDecorations {
  const decorations = new EvidenceDecorations(services);
  services.context.subscriptions.push(decorations, vscode.window.registerFileDecorationProvider(decorations));
  return decorations;
}
