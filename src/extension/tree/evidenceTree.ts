// The Evidence tree: areas → criteria → evidence requirements → matched files,
// or (grouped by unit) units → the criteria each unit answers for.
import * as vscode from 'vscode';
import { markdownStringText } from '../../core/report/format';
import type { CriterionStatus, RequirementStatus, StatusModel } from '../../core/model/types';
import type { CriteriaEntry, ModelStore } from '../model/modelStore';
import { criterionMarkPrefix, criterionMarkText } from '../../core/review/reviewTree';
import type { ReviewState } from '../review/reviewState';
import type { ViewOptions } from './viewOptions';
import { BaseTree, sameData } from './baseTree';
import { readSettings } from '../config/settings';
import { indexOf, keptCriteria, shownModel } from '../../core/status/modelView';
import { contextValueOf, type CriterionNode, type FileNode, type RequirementNode, type TreeNode, type UnitNode } from './nodes';
import type { GroupBy, TreeFilter } from '../../core/status/modelView';
import { criterionDescription, criterionIcon, criterionTooltip, formatNumber, stateLabel } from './present';

export class EvidenceTree extends BaseTree {
  constructor(
    store: ModelStore,
    options: ViewOptions,
    prefix: string,
    /** While a review is open, the criteria it changed are marked (`●` and the points delta before the score). */
    private readonly review?: ReviewState,
  ) {
    super(store, options, prefix);
    if (review) this.disposables.push(review.onDidChange(() => this.refreshAll()));
  }

  /** The review's change of this criterion, while a review of its criteria file is open. */
  private reviewMark(entry: CriteriaEntry | undefined, criterionId: string): { prefix: string; text: string } | undefined {
    const open = entry && this.review?.marksFor(entry.uri.toString());
    const change = open?.marks.criteria.get(criterionId);
    if (!open || !change) return undefined;
    return { prefix: criterionMarkPrefix(change, open.open.locale), text: criterionMarkText(change, open.open.review, open.open.locale) };
  }

  protected entryChildren(entry: CriteriaEntry, model: StatusModel): TreeNode[] {
    const kept = keptCriteria(model, this.options.filter);
    if (this.options.groupBy === 'unit') {
      const index = indexOf(model);
      const units = [...model.byUnit.map((u) => u.id), ''];
      return units
        .filter((u) => (index.leavesByUnit.get(u) ?? []).some((leaf) => !kept || kept.has(leaf.id)))
        .map((u) => this.unitNode(entry, u));
    }
    return model.areas.filter((a) => !kept || kept.has(a.id)).map((a) => this.criterionNode(entry, a.id));
  }

  protected nodeChildren(node: TreeNode, entry: CriteriaEntry, model: StatusModel): TreeNode[] {
    const index = indexOf(model);
    const kept = keptCriteria(model, this.options.filter);
    switch (node.kind) {
      case 'unit':
        return (index.leavesByUnit.get(node.unitId) ?? []).filter((l) => !kept || kept.has(l.id)).map((l) => this.criterionNode(entry, l.id));
      case 'criterion': {
        const status = index.byId.get(node.criterionId);
        if (!status) return [];
        if (status.leaf) return this.requirementNodes(node, status.requirements);
        return status.children.filter((c) => !kept || kept.has(c.id)).map((c) => this.criterionNode(entry, c.id));
      }
      case 'requirement':
        return this.fileNodes(node, entry, this.requirementOf(model, node));
      default:
        return [];
    }
  }

  protected nodeParent(node: TreeNode, entry: CriteriaEntry, model: StatusModel): TreeNode | undefined {
    switch (node.kind) {
      case 'file':
        return node.criterionId === undefined ? undefined : this.requirementNode(entry, node.criterionId, node.requirementIndex);
      case 'requirement':
        return node.criterionId === undefined ? undefined : this.criterionNode(entry, node.criterionId);
      case 'criterion': {
        if (this.options.groupBy === 'unit') return this.unitNode(entry, indexOf(model).byId.get(node.criterionId)?.owner ?? '');
        const parentId = indexOf(model).parentOf.get(node.criterionId);
        return parentId === undefined ? undefined : this.criterionNode(entry, parentId);
      }
      default:
        return undefined;
    }
  }

  protected nodeItem(node: TreeNode, entry: CriteriaEntry, model: StatusModel): vscode.TreeItem {
    const index = indexOf(model);
    switch (node.kind) {
      case 'unit':
        return this.unitItem(node, model);
      case 'criterion': {
        const status = index.byId.get(node.criterionId);
        return status ? this.criterionItem(node, status, this.reviewMark(entry, node.criterionId)) : new vscode.TreeItem(node.criterionId);
      }
      case 'requirement':
        return this.requirementItem(node, this.requirementOf(model, node));
      case 'file':
        return this.fileItem(node, this.requirementOf(model, node));
      default:
        return new vscode.TreeItem('…');
    }
  }

  /** The requirement a requirement or file node of this tree stands for. */
  private requirementOf(model: StatusModel, node: RequirementNode | FileNode): RequirementStatus | undefined {
    return node.criterionId === undefined ? undefined : indexOf(model).byId.get(node.criterionId)?.requirements[node.requirementIndex];
  }

  private criterionItem(node: CriterionNode, status: CriterionStatus, mark?: { prefix: string; text: string }): vscode.TreeItem {
    const collapsible = status.leaf ? (status.requirements.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None) : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(`${status.id} ${status.title}`, collapsible);
    item.description = criterionDescription(status);
    item.iconPath = criterionIcon(status);
    item.contextValue = contextValueOf(node, status);
    const overdue = status.overdue ? `, ${stateLabel('overdue')}` : '';
    item.accessibilityInformation = { label: `${status.id} ${status.title}, ${stateLabel(status.state)}${overdue}, ${criterionDescription(status)}${mark ? `, ${mark.text}` : ''}` };
    if (mark) item.description = `${mark.prefix} · ${item.description}`;
    // Parents expand on click; a leaf shows where it is defined (its requirements open with the twistie).
    if (status.leaf) {
      item.command = { command: 'reformEvidence.openCriterionDefinition', title: vscode.l10n.t('Go to Definition'), arguments: [node, { preserveFocus: true }] };
    }
    return item;
  }

  private unitItem(node: UnitNode, model: StatusModel): vscode.TreeItem {
    const unit = model.byUnit.find((u) => u.id === node.unitId);
    const item = new vscode.TreeItem(unit ? unit.name : vscode.l10n.t('(no owner)'), vscode.TreeItemCollapsibleState.Collapsed);
    item.iconPath = new vscode.ThemeIcon('organization');
    item.contextValue = contextValueOf(node);
    if (unit) {
      item.description = `${formatNumber(unit.secured)}/${formatNumber(unit.max - unit.waived)}`;
      item.tooltip = new vscode.MarkdownString().appendText(markdownStringText(`${unit.name} (${unit.id})`)).appendMarkdown(
        `\n\n${vscode.l10n.t('{0} of {1} criteria have evidence · {2} points at risk', unit.complete, unit.criteria, formatNumber(unit.atRisk))}` +
          (unit.overdue > 0 ? ` · ${vscode.l10n.t('{0} overdue', unit.overdue)}` : ''),
      );
    }
    return item;
  }

  async resolveTreeItem(item: vscode.TreeItem, node: TreeNode): Promise<vscode.TreeItem> {
    if (node.kind !== 'criterion') return item;
    const entry = this.store.shownEntry(node.entryUri);
    if (!entry) return item;
    const model = this.model(entry);
    const status = indexOf(model).byId.get(node.criterionId);
    if (!status) return item;
    const tooltip = criterionTooltip(status, indexOf(entry.loaded.model).unitNames);
    const mark = this.reviewMark(entry, node.criterionId);
    if (mark) tooltip.appendMarkdown('\n\n---\n\n').appendText(markdownStringText(mark.text));
    item.tooltip = tooltip;
    return item;
  }

  // ---- nodes

  criterionNode(entry: CriteriaEntry | string, criterionId: string): CriterionNode {
    const entryUri = typeof entry === 'string' ? entry : entry.uri.toString();
    return this.cache.get<CriterionNode>({ id: this.key(entryUri, this.options.groupBy, 'c', criterionId), kind: 'criterion', entryUri, criterionId });
  }

  private unitNode(entry: CriteriaEntry, unitId: string): UnitNode {
    return this.cache.get<UnitNode>({ id: this.key(entry, 'unit', 'u', unitId), kind: 'unit', entryUri: entry.uri.toString(), unitId });
  }

  private requirementNode(entry: CriteriaEntry, criterionId: string, index: number): RequirementNode {
    return this.requirementNodeOf(this.criterionNode(entry, criterionId), index);
  }

  /** Whether the criterion is in the tree as it is filtered and grouped now. */
  isShown(entry: CriteriaEntry, criterionId: string): boolean {
    return this.isShownIn(entry, criterionId, this.options.filter, this.options.groupBy);
  }

  isShownIn(entry: CriteriaEntry, criterionId: string, filter: TreeFilter, groupBy: GroupBy): boolean {
    const model = shownModel(entry.loaded.model, filter, readSettings(entry.folder).myUnit);
    const status = indexOf(model).byId.get(criterionId);
    if (!status) return false;
    if (groupBy === 'unit' && !status.leaf) return false;
    const kept = keptCriteria(model, filter);
    return !kept || kept.has(criterionId);
  }

  // ---- what a change touched

  protected changedNodes(entry: CriteriaEntry, before: StatusModel, after: StatusModel): TreeNode[] | 'entry' {
    const filter = this.options.filter;
    const keptBefore = keptCriteria(before, filter);
    const keptAfter = keptCriteria(after, filter);
    const shown = (kept: Set<string> | undefined, list: CriterionStatus[]) => list.filter((c) => !kept || kept.has(c.id)).map((c) => c.id);
    const changed: TreeNode[] = [];
    const known = (id: string) => this.cache.peek(this.key(entry, this.options.groupBy, 'c', id));

    /** The topmost nodes whose own content, or whose list of children, differs. */
    const visit = (a: CriterionStatus, b: CriterionStatus): void => {
      if (sameData(a, b)) return;
      const node = known(b.id);
      if (!node) return; // Never shown: nothing to update.
      const { children: ca, ...ownA } = a;
      const { children: cb, ...ownB } = b;
      if (!sameData(ownA, ownB) || !sameData(shown(keptBefore, ca), shown(keptAfter, cb))) {
        changed.push(node);
        return;
      }
      cb.forEach((child, i) => visit(ca[i], child));
    };

    if (this.options.groupBy === 'unit') {
      const ia = indexOf(before);
      const ib = indexOf(after);
      if (!sameData(this.entryChildren(entry, before).map((n) => n.id), this.entryChildren(entry, after).map((n) => n.id))) return 'entry';
      for (const unit of after.byUnit.map((u) => u.id).concat([''])) {
        const la = ia.leavesByUnit.get(unit) ?? [];
        const lb = ib.leavesByUnit.get(unit) ?? [];
        const ua = before.byUnit.find((u) => u.id === unit);
        const ub = after.byUnit.find((u) => u.id === unit);
        if (sameData([ua, la], [ub, lb])) continue;
        const node = this.cache.peek(this.key(entry, 'unit', 'u', unit));
        if (node) changed.push(node);
      }
      return changed;
    }
    if (!sameData(shown(keptBefore, before.areas), shown(keptAfter, after.areas))) return 'entry';
    const areasBefore = new Map(before.areas.map((a) => [a.id, a]));
    for (const area of after.areas) {
      const previous = areasBefore.get(area.id);
      if (previous) visit(previous, area);
    }
    return changed;
  }
}
