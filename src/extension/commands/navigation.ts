// Commands that navigate, filter and group: refresh, filter, group by, reveal, copy id, starter file, my unit.
// They read the model store; the only things they write are the starter criteria file and the "my unit" setting.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { picomatch } from '../../core/glob/glob';
import { readSettings, SECTION } from '../config/settings';
import type { CriteriaEntry } from '../model/modelStore';
import type { Services } from '../services';
import { indexOf, type TreeFilter } from '../../core/status/modelView';
import { commandArg, registerEntryCommand, type CommandArg } from './entryCommand';
import { starterCriteria } from './starterCriteria';

function filterLabel(filter: TreeFilter): string {
  switch (filter) {
    case 'all':
      return vscode.l10n.t('All criteria and tasks');
    case 'missing':
      return vscode.l10n.t('Missing evidence');
    case 'overdue':
      return vscode.l10n.t('Overdue');
    case 'myUnit':
      return vscode.l10n.t('My unit');
  }
}

function filterDetail(filter: TreeFilter, myUnit: string): string {
  switch (filter) {
    case 'all':
      return vscode.l10n.t('Show everything');
    case 'missing':
      return vscode.l10n.t('Criteria and tasks not yet backed by all their evidence');
    case 'overdue':
      return vscode.l10n.t('Past their due date and not complete');
    case 'myUnit':
      return myUnit ? vscode.l10n.t('Criteria and tasks of unit {0}', myUnit) : vscode.l10n.t('Choose your unit first');
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await fs.stat(p);
    return true;
  } catch {
    return false;
  }
}

/** The folder where a requirement's files live: the static part of its glob, or the nearest existing folder above it. */
async function folderOfGlob(root: string, glob: string | undefined): Promise<string> {
  if (!glob) return root;
  const scan = picomatch().scan(glob.replace(/^\.\//, ''));
  let folder = path.join(root, ...(scan.isGlob ? scan.base : path.posix.dirname(glob)).split('/').filter(Boolean));
  while (folder.startsWith(root) && folder !== root && !(await exists(folder))) folder = path.dirname(folder);
  return folder.startsWith(root) ? folder : root;
}

export function registerNavigationCommands(services: Services): void {
  const { store, context } = services;
  const options = services.viewOptions;

  const myUnit = () => (store.entries[0] ? readSettings(store.entries[0].folder).myUnit : readSettings().myUnit);

  const setMyUnit = async (): Promise<string | undefined> => {
    await store.whenReady();
    const units = new Map<string, string>();
    for (const e of store.entries) for (const u of e.loaded.model.byUnit) if (!units.has(u.id)) units.set(u.id, u.name);
    if (units.size === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('The criteria file lists no units.'));
      return undefined;
    }
    const current = myUnit();
    const items: (vscode.QuickPickItem & { id: string })[] = [...units].map(([id, name]) => ({ label: name, description: id, detail: id === current ? vscode.l10n.t('current') : undefined, id }));
    items.push({ label: vscode.l10n.t('No unit'), description: '', id: '' });
    const picked = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Which unit do you work for?') });
    if (!picked) return undefined;
    // A personal choice: kept in the user's settings, never in the (shared) repository.
    await vscode.workspace.getConfiguration(SECTION).update('myUnit', picked.id, vscode.ConfigurationTarget.Global);
    return picked.id;
  };

  const applyFilter = async (filter: TreeFilter) => {
    if (filter === 'myUnit' && !myUnit() && !(await setMyUnit())) return;
    options.setFilter(filter);
  };

  const openDefinition = async (entry: CriteriaEntry, node: CommandArg, second?: unknown) => {
    const { taskId, criterionId } = node;
    if (!criterionId && !taskId) return;
    const doc = entry.loaded.doc;
    const range = taskId ? doc.tasks.find((t) => t.id === taskId)?.idRange : criterionId ? doc.byId.get(criterionId)?.idRange : undefined;
    const preserveFocus = typeof second === 'object' && second !== null && !Array.isArray(second) && (second as { preserveFocus?: boolean }).preserveFocus === true;
    const editor = await vscode.window.showTextDocument(entry.uri, { preserveFocus, preview: true });
    if (!range) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The criteria file cannot be read right now; fix its syntax errors first.'));
      return;
    }
    const selection = new vscode.Selection(range.start.line, range.start.character, range.end.line, range.end.character);
    editor.selection = selection;
    editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  };

  const openEvidenceFolder = async (entry: CriteriaEntry, node: CommandArg) => {
    const root = entry.evidenceRoot;
    if (!(await exists(root))) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The evidence folder {0} does not exist yet.', vscode.workspace.asRelativePath(root)));
      return;
    }
    let glob: string | undefined;
    if (node.criterionId) {
      const leaf = indexOf(entry.loaded.model).byId.get(node.criterionId);
      glob = leaf?.requirements[node.requirementIndex ?? 0]?.path;
    } else if (node.taskId) {
      glob = entry.loaded.model.tasks.find((t) => t.id === node.taskId)?.requirements[node.requirementIndex ?? 0]?.path;
    }
    await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(await folderOfGlob(root, glob)));
  };

  const createStarter = async () => {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Trust this workspace to create files in it.'));
      return;
    }
    const folders = vscode.workspace.workspaceFolders ?? [];
    const folder = folders.length <= 1 ? folders[0] : await vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Where should the criteria file go?') });
    if (!folder) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Open a folder first.'));
      return;
    }
    const target = vscode.Uri.joinPath(folder.uri, 'criteria.yaml');
    if (await exists(target.fsPath)) {
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} already exists: it was opened, not overwritten.', 'criteria.yaml'));
    } else {
      // `wx`: fails rather than overwrite a file created meanwhile.
      await fs.writeFile(target.fsPath, starterCriteria(new Date().getFullYear()), { encoding: 'utf8', flag: 'wx' });
      await fs.mkdir(path.join(folder.uri.fsPath, 'evidence'), { recursive: true });
      void store.refresh();
    }
    await vscode.window.showTextDocument(target);
  };

  const reveal = async (node: CommandArg) => {
    const target = node.fileUri ?? (node.kind === 'criteriaFile' || !node.criterionId ? node.entryUri : undefined);
    if (target) await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.parse(target));
  };

  const copyId = async (node: CommandArg) => {
    const id = node.criterionId ?? node.taskId;
    if (!id) return;
    await vscode.env.clipboard.writeText(id);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', id), 3000);
  };

  const pickFilter = async () => {
    const unit = myUnit();
    const items = (['all', 'missing', 'overdue', 'myUnit'] as TreeFilter[]).map((f) => ({
      label: `${f === options.filter ? '$(check) ' : '$(blank) '}${filterLabel(f)}`,
      detail: filterDetail(f, unit),
      filter: f,
    }));
    const picked = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Show in the Evidence and Tasks views') });
    if (picked) await applyFilter(picked.filter);
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('reformEvidence.refresh', () => store.refresh()),
    vscode.commands.registerCommand('reformEvidence.filter', pickFilter),
    vscode.commands.registerCommand('reformEvidence.filterAll', () => applyFilter('all')),
    vscode.commands.registerCommand('reformEvidence.filterMissing', () => applyFilter('missing')),
    vscode.commands.registerCommand('reformEvidence.filterOverdue', () => applyFilter('overdue')),
    vscode.commands.registerCommand('reformEvidence.filterMyUnit', () => applyFilter('myUnit')),
    vscode.commands.registerCommand('reformEvidence.groupByArea', () => options.setGroupBy('area')),
    vscode.commands.registerCommand('reformEvidence.groupByUnit', () => options.setGroupBy('unit')),
    vscode.commands.registerCommand('reformEvidence.revealInExplorer', (node?: unknown) => reveal(commandArg(node))),
    registerEntryCommand(services, 'reformEvidence.openEvidenceFolder', (entry, node) => openEvidenceFolder(entry, node)),
    vscode.commands.registerCommand('reformEvidence.copyCriterionId', (node?: unknown) => copyId(commandArg(node))),
    registerEntryCommand(services, 'reformEvidence.openCriterionDefinition', (entry, node, [, second]) => openDefinition(entry, node, second)),
    vscode.commands.registerCommand('reformEvidence.createStarterCriteria', createStarter),
    vscode.commands.registerCommand('reformEvidence.setMyUnit', setMyUnit),
  );
}
