// Which criteria file the dashboard, status bar and reports speak about when a window holds several.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CriteriaEntry, ModelStore } from '../model/modelStore';

/** The entry of the active editor (its criteria file, evidence, or workspace folder), else the first one. */
export function activeEntry(store: ModelStore): CriteriaEntry | undefined {
  const uri = vscode.window.activeTextEditor?.document.uri;
  if (uri && uri.scheme === 'file') {
    const direct = store.entryFor(uri);
    if (direct) return direct;
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const inFolder = folder && store.entries.find((e) => e.folder.uri.toString() === folder.uri.toString());
    if (inFolder) return inFolder;
  }
  return store.entries[0];
}

export function entryByUri(store: ModelStore, uri: string | undefined): CriteriaEntry | undefined {
  return uri === undefined ? undefined : store.entries.find((e) => e.uri.toString() === uri);
}

/** The criteria file's path inside its folder, prefixed by the folder's name when the window has several. */
export function entryLabel(entry: CriteriaEntry): string {
  const relative = path.relative(entry.folder.uri.fsPath, entry.uri.fsPath).split(path.sep).join('/');
  return (vscode.workspace.workspaceFolders?.length ?? 0) > 1 ? `${entry.folder.name}: ${relative}` : relative;
}

/** One entry for a command: the only one, the one given, or the user's pick. */
export async function pickEntry(store: ModelStore, uri?: string): Promise<CriteriaEntry | undefined> {
  await store.whenReady();
  const given = entryByUri(store, uri);
  if (given || store.entries.length <= 1) return given ?? store.entries[0];
  const preferred = activeEntry(store);
  const items = [...store.entries]
    .sort((a, b) => Number(b === preferred) - Number(a === preferred))
    .map((entry) => ({ label: entry.loaded.model.index.title || entry.loaded.model.index.id, description: entryLabel(entry), entry }));
  const picked = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Which criteria file?') });
  return picked?.entry;
}
