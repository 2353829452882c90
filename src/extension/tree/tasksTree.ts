// The Tasks tree: plan tasks grouped by owning unit, overdue first then by due date (the core's order),
// each with its deliverables and the files found for them.
import * as vscode from 'vscode';
import type { RequirementStatus, StatusModel, TaskStatus } from '../../core/model/types';
import type { CriteriaEntry } from '../model/modelStore';
import { BaseTree, sameData } from './baseTree';
import { indexOf, taskKept } from '../../core/status/modelView';
import { contextValueOf, type FileNode, type RequirementNode, type TaskNode, type TreeNode, type UnitNode } from './nodes';
import { formatDate, stateIcon, stateLabel, taskTooltip } from './present';

export class TasksTree extends BaseTree {
  /** Tasks kept by the filter, in the core's order (overdue first, then by due date). */
  private tasks(model: StatusModel): TaskStatus[] {
    return model.tasks.filter((t) => taskKept(t, this.options.filter));
  }

  /** Owning units in the order of their most urgent task. */
  private units(model: StatusModel): string[] {
    return [...new Set(this.tasks(model).map((t) => t.owner))];
  }

  protected entryChildren(entry: CriteriaEntry, model: StatusModel): TreeNode[] {
    return this.units(model).map((u) => this.unitNode(entry, u));
  }

  protected nodeChildren(node: TreeNode, entry: CriteriaEntry, model: StatusModel): TreeNode[] {
    switch (node.kind) {
      case 'unit':
        return this.tasks(model)
          .filter((t) => t.owner === node.unitId)
          .map((t) => this.taskNode(entry, t.id));
      case 'task':
        return this.requirementNodes(node, indexOf(model).tasks.get(node.taskId)?.requirements ?? []);
      case 'requirement':
        return this.fileNodes(node, entry, this.requirementOf(model, node));
      default:
        return [];
    }
  }

  protected nodeParent(node: TreeNode, entry: CriteriaEntry, model: StatusModel): TreeNode | undefined {
    switch (node.kind) {
      case 'file':
        return node.taskId === undefined ? undefined : this.requirementNodeOf(this.taskNode(entry, node.taskId), node.requirementIndex);
      case 'requirement':
        return node.taskId === undefined ? undefined : this.taskNode(entry, node.taskId);
      case 'task':
        return this.unitNode(entry, indexOf(model).tasks.get(node.taskId)?.owner ?? '');
      default:
        return undefined;
    }
  }

  protected nodeItem(node: TreeNode, entry: CriteriaEntry, model: StatusModel): vscode.TreeItem {
    const index = indexOf(model);
    switch (node.kind) {
      case 'unit': {
        const tasks = this.tasks(model).filter((t) => t.owner === node.unitId);
        const overdue = tasks.filter((t) => t.overdue).length;
        const item = new vscode.TreeItem(index.unitNames.get(node.unitId) ?? node.unitId, vscode.TreeItemCollapsibleState.Expanded);
        item.iconPath = new vscode.ThemeIcon('organization');
        item.description = overdue > 0 ? vscode.l10n.t('{0} tasks · {1} overdue', tasks.length, overdue) : vscode.l10n.t('{0} tasks', tasks.length);
        item.contextValue = contextValueOf(node);
        return item;
      }
      case 'task': {
        const task = index.tasks.get(node.taskId);
        if (!task) return new vscode.TreeItem(node.taskId);
        const item = new vscode.TreeItem(`${task.id} ${task.title}`, task.requirements.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.iconPath = stateIcon(task.state, task.overdue);
        const due = task.due ? formatDate(task.due) : '';
        item.description = task.overdue ? vscode.l10n.t('overdue since {0}', due) : due;
        item.contextValue = contextValueOf(node);
        item.accessibilityInformation = { label: `${task.id} ${task.title}, ${stateLabel(task.state)}${task.overdue ? `, ${stateLabel('overdue')}` : ''}, ${due}` };
        item.command = { command: 'reformEvidence.openCriterionDefinition', title: vscode.l10n.t('Go to Definition'), arguments: [node, { preserveFocus: true }] };
        return item;
      }
      case 'requirement':
        return this.requirementItem(node, this.requirementOf(model, node));
      case 'file':
        return this.fileItem(node, this.requirementOf(model, node));
      default:
        return new vscode.TreeItem('…');
    }
  }

  async resolveTreeItem(item: vscode.TreeItem, node: TreeNode): Promise<vscode.TreeItem> {
    if (node.kind !== 'task') return item;
    const entry = this.store.shownEntry(node.entryUri);
    const task = entry ? indexOf(this.model(entry)).tasks.get(node.taskId) : undefined;
    if (entry && task) item.tooltip = taskTooltip(task, indexOf(entry.loaded.model).unitNames);
    return item;
  }

  /** The requirement a requirement or file node of this tree stands for. */
  private requirementOf(model: StatusModel, node: RequirementNode | FileNode): RequirementStatus | undefined {
    return node.taskId === undefined ? undefined : indexOf(model).tasks.get(node.taskId)?.requirements[node.requirementIndex];
  }

  taskNode(entry: CriteriaEntry, taskId: string): TaskNode {
    return this.cache.get<TaskNode>({ id: this.key(entry, 't', taskId), kind: 'task', entryUri: entry.uri.toString(), taskId });
  }

  private unitNode(entry: CriteriaEntry, unitId: string): UnitNode {
    return this.cache.get<UnitNode>({ id: this.key(entry, 'u', unitId), kind: 'unit', entryUri: entry.uri.toString(), unitId });
  }

  protected changedNodes(entry: CriteriaEntry, before: StatusModel, after: StatusModel): TreeNode[] | 'entry' {
    if (!sameData(this.units(before), this.units(after))) return 'entry';
    const changed: TreeNode[] = [];
    for (const unit of this.units(after)) {
      const a = this.tasks(before).filter((t) => t.owner === unit);
      const b = this.tasks(after).filter((t) => t.owner === unit);
      if (sameData(a, b)) continue;
      const node = this.cache.peek(this.key(entry, 'u', unit));
      if (node) changed.push(node);
    }
    return changed;
  }
}
