// Read-only lookups over one status model (ids, parents, units) and which of its nodes a filter keeps.
// Computed once per model object and cached, so building tree children stays cheap for 1,000 criteria.
// States and scores are never computed here: they come from the core's model as they are.
import type { CriterionStatus, StatusModel, TaskStatus } from '../model/types';
import { filterByUnit, flattenCriteria, isComplete } from './computeStatus';

/** What the views show: everything, what still needs evidence, what is overdue, or one unit's part. */
export type TreeFilter = 'all' | 'missing' | 'overdue' | 'myUnit';
export type GroupBy = 'area' | 'unit';

export const FILTERS: readonly TreeFilter[] = ['all', 'missing', 'overdue', 'myUnit'];

export interface ModelIndex {
  byId: Map<string, CriterionStatus>;
  /** Parent id of every criterion; undefined for areas. */
  parentOf: Map<string, string | undefined>;
  tasks: Map<string, TaskStatus>;
  /** Leaves per owning unit ('' for leaves without owner), in document order. */
  leavesByUnit: Map<string, CriterionStatus[]>;
  unitNames: Map<string, string>;
}

const indexes = new WeakMap<StatusModel, ModelIndex>();

export function indexOf(model: StatusModel): ModelIndex {
  let index = indexes.get(model);
  if (index) return index;
  const byId = new Map<string, CriterionStatus>();
  const parentOf = new Map<string, string | undefined>();
  const leavesByUnit = new Map<string, CriterionStatus[]>();
  const visit = (node: CriterionStatus, parent: string | undefined) => {
    byId.set(node.id, node);
    parentOf.set(node.id, parent);
    if (node.leaf) {
      const unit = node.owner ?? '';
      const list = leavesByUnit.get(unit) ?? [];
      list.push(node);
      leavesByUnit.set(unit, list);
    }
    for (const child of node.children) visit(child, node.id);
  };
  for (const area of model.areas) visit(area, undefined);
  index = {
    byId,
    parentOf,
    tasks: new Map(model.tasks.map((t) => [t.id, t])),
    leavesByUnit,
    unitNames: new Map(model.byUnit.map((u) => [u.id, u.name])),
  };
  indexes.set(model, index);
  return index;
}

const unitModels = new WeakMap<StatusModel, Map<string, StatusModel>>();

/** The model the tree shows: the whole one, or (filter "my unit") the core's view of one unit. */
export function shownModel(model: StatusModel, filter: TreeFilter, myUnit: string): StatusModel {
  if (filter !== 'myUnit' || !myUnit) return model;
  let perUnit = unitModels.get(model);
  if (!perUnit) unitModels.set(model, (perUnit = new Map()));
  let filtered = perUnit.get(myUnit);
  if (!filtered) perUnit.set(myUnit, (filtered = filterByUnit(model, myUnit)));
  return filtered;
}

/** Whether a leaf needs evidence: scored (not waived) and not complete. */
export function needsEvidence(node: Pick<CriterionStatus, 'state'>): boolean {
  return node.state !== 'waived' && !isComplete(node.state);
}

function leafKept(leaf: CriterionStatus, filter: TreeFilter): boolean {
  if (filter === 'missing') return needsEvidence(leaf);
  if (filter === 'overdue') return leaf.overdue;
  return true;
}

const keptSets = new WeakMap<StatusModel, Map<TreeFilter, Set<string>>>();

/** Ids of the criteria the filter keeps: kept leaves and their ancestors. Undefined: keep everything. */
export function keptCriteria(model: StatusModel, filter: TreeFilter): Set<string> | undefined {
  if (filter === 'all' || filter === 'myUnit') return undefined;
  let perFilter = keptSets.get(model);
  if (!perFilter) keptSets.set(model, (perFilter = new Map()));
  let kept = perFilter.get(filter);
  if (kept) return kept;
  kept = new Set<string>();
  const visit = (node: CriterionStatus): boolean => {
    let keep = node.leaf ? leafKept(node, filter) : false;
    for (const child of node.children) if (visit(child)) keep = true;
    if (keep) kept!.add(node.id);
    return keep;
  };
  model.areas.forEach(visit);
  perFilter.set(filter, kept);
  return kept;
}

export function taskKept(task: TaskStatus, filter: TreeFilter): boolean {
  if (filter === 'missing') return needsEvidence(task);
  if (filter === 'overdue') return task.overdue;
  return true;
}

/** Scored criteria that still need evidence: the number on the view's badge. */
export function criteriaNeedingEvidence(model: StatusModel): number {
  return model.totals.criteria - model.totals.complete;
}

/** Every leaf in document order (for grouping by unit). */
export function leavesOf(model: StatusModel): CriterionStatus[] {
  return flattenCriteria(model).filter((n) => n.leaf);
}
