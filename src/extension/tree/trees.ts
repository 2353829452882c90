// Evidence and Tasks tree views over the model store, the view badge, the filter message,
// and `reformEvidence.revealCriterion` (used by the dashboard to show a criterion in the tree).
import * as vscode from 'vscode';
import { readSettings } from '../config/settings';
import type { Services } from '../services';
import { EvidenceTree } from './evidenceTree';
import { criteriaNeedingEvidence } from '../../core/status/modelView';
import { type TreeNode } from './nodes';
import { TasksTree } from './tasksTree';
import type { ViewOptions } from './viewOptions';

export interface Trees {
  evidence: EvidenceTree;
  tasks: TasksTree;
  evidenceView: vscode.TreeView<TreeNode>;
  tasksView: vscode.TreeView<TreeNode>;
  options: ViewOptions;
  /** Shows a criterion in the Evidence tree (clearing a filter or grouping that hides it); false when unknown. */
  revealCriterion(entryUri: string, criterionId: string): Promise<boolean>;
}

function filterMessage(options: ViewOptions, myUnit: string): string | undefined {
  switch (options.filter) {
    case 'missing':
      return vscode.l10n.t('Showing only criteria that still need evidence.');
    case 'overdue':
      return vscode.l10n.t('Showing only overdue criteria and tasks.');
    case 'myUnit':
      return myUnit ? vscode.l10n.t('Showing only the criteria and tasks of unit {0}.', myUnit) : vscode.l10n.t('Set your unit to use the "my unit" filter.');
    default:
      return undefined;
  }
}

export function registerTrees(services: Services): Trees {
  const { store, context } = services;
  const options = services.viewOptions;
  const evidence = new EvidenceTree(store, options, 'e', services.review);
  const tasks = new TasksTree(store, options, 't');
  const evidenceView = vscode.window.createTreeView('reformEvidence.evidence', { treeDataProvider: evidence, showCollapseAll: true });
  const tasksView = vscode.window.createTreeView('reformEvidence.tasks', { treeDataProvider: tasks, showCollapseAll: true });
  context.subscriptions.push(evidence, tasks, evidenceView, tasksView);
  store.viewVisible = () => evidenceView.visible || tasksView.visible;
  context.subscriptions.push(
    evidenceView.onDidChangeVisibility((e) => e.visible && store.noteViewShown()),
    tasksView.onDidChangeVisibility((e) => e.visible && store.noteViewShown()),
  );

  const myUnit = () => (store.shownEntries[0] ? readSettings(store.shownEntries[0].folder).myUnit : readSettings().myUnit);

  const updateBadgeAndMessage = () => {
    const missing = store.shownEntries.reduce((sum, e) => sum + criteriaNeedingEvidence(e.loaded.model), 0);
    evidenceView.badge = missing > 0 ? { value: missing, tooltip: vscode.l10n.t('{0} criteria still need evidence', missing) } : undefined;
    const filter = store.shownEntries.length > 0 ? filterMessage(options, myUnit()) : undefined;
    // The cached model is shown while the fresh one is computed: said above the rows (the view also shows progress).
    const refreshing = store.showingPreview ? vscode.l10n.t('Showing the last known state; refreshing…') : undefined;
    const message = [refreshing, filter].filter((m) => m !== undefined).join(' ') || undefined;
    evidenceView.message = message;
    tasksView.message = message;
  };

  context.subscriptions.push(
    store.onDidChange(updateBadgeAndMessage),
    options.onDidChange(() => {
      evidence.refreshAll();
      tasks.refreshAll();
      updateBadgeAndMessage();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('reformEvidence.myUnit') && options.filter === 'myUnit') {
        evidence.refreshAll();
        tasks.refreshAll();
      }
      if (e.affectsConfiguration('reformEvidence.myUnit')) updateBadgeAndMessage();
    }),
  );
  updateBadgeAndMessage();

  const revealCriterion = async (entryUri: string, criterionId: string): Promise<boolean> => {
    await store.whenReady();
    const entry = store.entry(entryUri) ?? (store.entries.length === 1 ? store.entries[0] : undefined);
    if (!entry || !entry.loaded.model || !evidence.isShownIn(entry, criterionId, 'all', 'area')) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Criterion {0} is not in the criteria file.', criterionId));
      return false;
    }
    if (!evidence.isShown(entry, criterionId)) {
      // The user asked for this criterion: show it rather than keep a filter that hides it.
      if (!evidence.isShownIn(entry, criterionId, options.filter, 'area')) options.setFilter('all');
      if (!evidence.isShown(entry, criterionId)) options.setGroupBy('area');
    }
    await evidenceView.reveal(evidence.criterionNode(entry, criterionId), { select: true, focus: true, expand: true });
    return true;
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('reformEvidence.revealCriterion', (entryUri: string, criterionId: string) => revealCriterion(String(entryUri), String(criterionId))),
  );

  return { evidence, tasks, evidenceView, tasksView, options, revealCriterion };
}
