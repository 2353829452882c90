// While a review is open: the evidence files it added, changed or renamed carry a badge (+ ~ →) and a colour, in
// the Evidence tree and the Explorer alike, until Close Review. The core says which files (reviewMarks).
import * as vscode from 'vscode';
import { FILE_MARK_BADGES, fileMarkText } from '../../core/review/reviewTree';
import type { EvidenceChangeKind } from '../../core/review/evidenceChanges';
import { evidenceRelative } from '../../core/workspace/incremental';
import type { Services } from '../services';

/** Theme colours of the editor's own change gutter: added, and changed or renamed. */
const COLORS: Record<EvidenceChangeKind, string> = {
  added: 'editorGutter.addedBackground',
  modified: 'editorGutter.modifiedBackground',
  renamed: 'editorGutter.modifiedBackground',
  removed: 'editorGutter.deletedBackground',
};

export class ReviewDecorations implements vscode.FileDecorationProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<undefined>();
  readonly onDidChangeFileDecorations = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(private readonly services: Services) {
    this.disposables.push(services.review.onDidChange(() => this.changed.fire(undefined)));
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    const open = this.services.review.current;
    if (!open || uri.scheme !== 'file') return undefined;
    const entry = this.services.store.entry(open.entryUri);
    if (!entry) return undefined;
    const relative = evidenceRelative(entry.loaded, uri.fsPath)?.normalize('NFC');
    const kind = relative === undefined ? undefined : open.marks.files.get(relative);
    if (!kind) return undefined;
    return new vscode.FileDecoration(FILE_MARK_BADGES[kind], fileMarkText(kind, open.review, open.locale), new vscode.ThemeColor(COLORS[kind]));
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

export function registerReviewDecorations(services: Services): ReviewDecorations {
  const decorations = new ReviewDecorations(services);
  services.context.subscriptions.push(decorations, vscode.window.registerFileDecorationProvider(decorations));
  return decorations;
}
