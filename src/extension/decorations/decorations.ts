// File decorations on evidence files and folders: which criteria (and tasks) they count for.
// Badge `✓` on a file that counts, `?` on a file in the evidence folder that counts for nothing; the ids are in
// the tooltip. A requirement's own folder (the fixed part of its glob) shows its ids in the tooltip.
// After a store change only the URIs whose decoration changed are announced.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CriteriaEntry } from '../model/modelStore';
import type { Services } from '../services';
import { evidenceRootOf } from '../tree/nodes';

interface Mark {
  uri: vscode.Uri;
  /** Criterion and task ids the file (or folder) counts for; empty for an unmatched evidence file. */
  ids: string[];
  folder: boolean;
}

/** Map key: the path in NFC, so names stored NFD (macOS) find their mark too. */
function keyOf(fsPath: string): string {
  return fsPath.normalize('NFC');
}

function marksOf(entry: CriteriaEntry, into: Map<string, Mark>): void {
  const root = evidenceRootOf(entry);
  const add = (relative: string, id: string, folder: boolean) => {
    const fsPath = path.join(root, ...relative.split('/'));
    const key = keyOf(fsPath);
    const mark = into.get(key) ?? { uri: vscode.Uri.file(fsPath), ids: [], folder };
    if (id && !mark.ids.includes(id)) mark.ids.push(id);
    into.set(key, mark);
  };
  const { matches } = entry.loaded;
  for (const r of matches.requirements) {
    const id = r.ownerId;
    for (const file of matches.matches.get(r.key)?.keys() ?? []) add(file, id, false);
    // A glob's fixed folder ("1 Chỉ đạo điều hành/1.1 Kế hoạch CCHC") is where that criterion's files go.
    if (r.base && r.base !== '\uffff' && r.base !== r.requirement.path.replace(/^\.\//, '')) add(r.base.replace(/\/$/, ''), id, true);
  }
  for (const file of matches.files.keys()) if (!into.has(keyOf(path.join(root, ...file.split('/'))))) add(file, '', false);
}

function decorationOf(mark: Mark): vscode.FileDecoration {
  if (mark.folder) return new vscode.FileDecoration(undefined, vscode.l10n.t('Evidence folder for {0}', mark.ids.join(', ')));
  if (mark.ids.length === 0) return new vscode.FileDecoration('?', vscode.l10n.t('Counts for no criterion or task'));
  return new vscode.FileDecoration('✓', vscode.l10n.t('Evidence for {0}', mark.ids.join(', ')));
}

export class EvidenceDecorations implements vscode.FileDecorationProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri[]>();
  readonly onDidChangeFileDecorations = this.changed.event;
  private marks = new Map<string, Mark>();
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(private readonly services: Services) {
    this.disposables.push(services.store.onDidChange(() => this.update()));
    this.update();
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    if (uri.scheme !== 'file') return undefined;
    const mark = this.marks.get(keyOf(uri.fsPath));
    return mark ? decorationOf(mark) : undefined;
  }

  /** Recomputes the marks (cheap: from the matches in memory) and announces the URIs whose mark changed. */
  private update(): void {
    const next = new Map<string, Mark>();
    for (const entry of this.services.store.entries) marksOf(entry, next);
    const changed: vscode.Uri[] = [];
    for (const [key, mark] of next) {
      const before = this.marks.get(key);
      if (!before || before.folder !== mark.folder || before.ids.join() !== mark.ids.join()) changed.push(mark.uri);
    }
    for (const [key, mark] of this.marks) if (!next.has(key)) changed.push(mark.uri);
    this.marks = next;
    if (changed.length > 0) this.changed.fire(changed);
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
