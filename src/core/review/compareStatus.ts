// What a change does to the points: two status models (before, after) compared criterion by criterion.
// Pure: the models come from wherever (a commit's tree, the work tree); nothing here reads Git or files.
import { roundScore } from '../model/score';
import type { CriterionStatus, State, StatusModel, TaskStatus, Totals } from '../model/types';

/** The facts of a criterion or task a reviewer compares. `secured` is undefined for a task (it scores nothing). */
export interface ItemSide {
  state: State;
  overdue: boolean;
  secured?: number;
  maxScore?: number;
}

export interface ItemChange {
  kind: 'criterion' | 'task';
  id: string;
  /** Title after the change (before, when the item was removed). */
  title: string;
  /** Leaves carry the points; parents and areas sum them. Always true for a task. */
  leaf: boolean;
  /** Owning unit after the change (before, when removed). */
  owner?: string;
  /** A criterion's area after the change (before, when removed); an area is its own. Undefined for a task. */
  area?: string;
  /** Undefined when the item did not exist on that side. */
  before?: ItemSide;
  after?: ItemSide;
  /** Secured points after minus before (0 for a task). */
  delta: number;
}

/** Secured points of one area, one unit or the whole index, before and after, with what was gained and lost. */
export interface PointsDelta {
  id: string;
  name: string;
  before: number;
  after: number;
  /** Sum of the leaves' increases. */
  gained: number;
  /** Sum of the leaves' decreases (a positive number). */
  lost: number;
}

/** The headline figures of each side. */
export type TotalsSide = Pick<Totals, 'max' | 'secured' | 'atRisk' | 'overdue' | 'complete' | 'criteria'>;

export interface StatusComparison {
  /** Criteria (leaves, parents and areas) whose state, secured points or overdue flag changed, or that came or went. In the after model's order, removed ones last. */
  criteria: ItemChange[];
  tasks: ItemChange[];
  byArea: PointsDelta[];
  byUnit: PointsDelta[];
  total: PointsDelta;
  totals: { before: TotalsSide; after: TotalsSide };
  /** True when any leaf secured fewer points after than before (or went away while securing some). */
  securedLost: boolean;
}

interface LeafInfo {
  node: CriterionStatus;
  area: CriterionStatus;
}

/** Every criterion of the model by id, with the area it belongs to, in document order. */
function criteriaOf(model: StatusModel): Map<string, LeafInfo> {
  const out = new Map<string, LeafInfo>();
  const visit = (node: CriterionStatus, area: CriterionStatus) => {
    out.set(node.id, { node, area });
    for (const child of node.children) visit(child, area);
  };
  for (const area of model.areas) visit(area, area);
  return out;
}

const criterionSide = (n: CriterionStatus): ItemSide => ({ state: n.state, overdue: n.overdue, secured: n.secured, maxScore: n.maxScore });
const taskSide = (t: TaskStatus): ItemSide => ({ state: t.state, overdue: t.overdue });

function differs(a: ItemSide | undefined, b: ItemSide | undefined): boolean {
  if (!a || !b) return a !== b;
  return a.state !== b.state || a.overdue !== b.overdue || (a.secured ?? 0) !== (b.secured ?? 0);
}

/** Adds `amount` (signed) to the gained or lost side of the entry `id`, creating it with `name`. */
function book(into: Map<string, PointsDelta>, id: string, name: string, amount: number): void {
  let entry = into.get(id);
  if (!entry) into.set(id, (entry = { id, name, before: 0, after: 0, gained: 0, lost: 0 }));
  if (amount > 0) entry.gained = roundScore(entry.gained + amount);
  else if (amount < 0) entry.lost = roundScore(entry.lost - amount);
}

const totalsSide = (t: Totals): TotalsSide => ({ max: t.max, secured: t.secured, atRisk: t.atRisk, overdue: t.overdue, complete: t.complete, criteria: t.criteria });

export function compareStatus(before: StatusModel, after: StatusModel): StatusComparison {
  const a = criteriaOf(before);
  const b = criteriaOf(after);
  const criteria: ItemChange[] = [];
  const byArea = new Map<string, PointsDelta>();
  const byUnit = new Map<string, PointsDelta>();
  const total: PointsDelta = { id: '', name: '', before: before.totals.secured, after: after.totals.secured, gained: 0, lost: 0 };
  // Entries in a stable order: the after model's areas and units first, then those only the before model had.
  for (const area of [...after.byArea, ...before.byArea]) if (!byArea.has(area.id)) byArea.set(area.id, { id: area.id, name: area.title, before: 0, after: 0, gained: 0, lost: 0 });
  for (const unit of [...after.byUnit, ...before.byUnit]) if (!byUnit.has(unit.id)) byUnit.set(unit.id, { id: unit.id, name: unit.name, before: 0, after: 0, gained: 0, lost: 0 });
  for (const area of before.byArea) byArea.get(area.id)!.before = area.secured;
  for (const area of after.byArea) byArea.get(area.id)!.after = area.secured;
  for (const unit of before.byUnit) byUnit.get(unit.id)!.before = unit.secured;
  for (const unit of after.byUnit) byUnit.get(unit.id)!.after = unit.secured;

  const units = { before: new Set(before.byUnit.map((u) => u.id)), after: new Set(after.byUnit.map((u) => u.id)) };
  const visitLeaf = (old: LeafInfo | undefined, now: LeafInfo | undefined) => {
    const was = old?.node.leaf ? old.node.secured : 0;
    const is = now?.node.leaf ? now.node.secured : 0;
    const delta = roundScore(is - was);
    if (delta > 0) total.gained = roundScore(total.gained + delta);
    else if (delta < 0) total.lost = roundScore(total.lost - delta);
    // A leaf that moved to another area or unit: its old place loses what it had, its new place gains what it has.
    const place = (pick: (info: LeafInfo, side: 'before' | 'after') => { id: string; name: string } | undefined, into: Map<string, PointsDelta>) => {
      const from = old?.node.leaf ? pick(old, 'before') : undefined;
      const to = now?.node.leaf ? pick(now, 'after') : undefined;
      if (from && to && from.id === to.id) return book(into, to.id, to.name, delta);
      if (from) book(into, from.id, from.name, -was);
      if (to) book(into, to.id, to.name, is);
    };
    place((info) => ({ id: info.area.id, name: info.area.title }), byArea);
    // Only units the file declares count, as in the model's own unit totals (an unknown owner is a problem, not a unit).
    place((info, side) => (info.node.owner && units[side].has(info.node.owner) ? { id: info.node.owner, name: byUnit.get(info.node.owner)!.name } : undefined), byUnit);
  };

  for (const [id, now] of b) {
    const old = a.get(id);
    if (now.node.leaf || old?.node.leaf) visitLeaf(old, now);
    const change = itemChange('criterion', id, old?.node, now.node);
    if (change) criteria.push({ ...change, area: now.area.id });
  }
  for (const [id, old] of a) {
    if (b.has(id)) continue;
    if (old.node.leaf) visitLeaf(old, undefined);
    const change = itemChange('criterion', id, old.node, undefined);
    if (change) criteria.push({ ...change, area: old.area.id });
  }

  const tasksBefore = new Map(before.tasks.map((t) => [t.id, t]));
  const tasksAfter = new Map(after.tasks.map((t) => [t.id, t]));
  const tasks: ItemChange[] = [];
  for (const [id, now] of tasksAfter) {
    const change = itemChange('task', id, tasksBefore.get(id), now);
    if (change) tasks.push(change);
  }
  for (const [id, old] of tasksBefore) {
    if (tasksAfter.has(id)) continue;
    const change = itemChange('task', id, old, undefined);
    if (change) tasks.push(change);
  }

  return {
    criteria,
    tasks,
    byArea: [...byArea.values()],
    byUnit: [...byUnit.values()],
    total,
    totals: { before: totalsSide(before.totals), after: totalsSide(after.totals) },
    securedLost: total.lost > 0,
  };
}

function itemChange(kind: 'criterion', id: string, old: CriterionStatus | undefined, now: CriterionStatus | undefined): ItemChange | undefined;
function itemChange(kind: 'task', id: string, old: TaskStatus | undefined, now: TaskStatus | undefined): ItemChange | undefined;
function itemChange(kind: 'criterion' | 'task', id: string, old: CriterionStatus | TaskStatus | undefined, now: CriterionStatus | TaskStatus | undefined): ItemChange | undefined {
  const side = (x: CriterionStatus | TaskStatus | undefined) => (x === undefined ? undefined : kind === 'task' ? taskSide(x as TaskStatus) : criterionSide(x as CriterionStatus));
  const before = side(old);
  const after = side(now);
  if (!differs(before, after)) return undefined;
  const shown = (now ?? old)!;
  const leaf = kind === 'task' ? true : (shown as CriterionStatus).leaf;
  return {
    kind,
    id,
    title: shown.title,
    leaf,
    ...(shown.owner ? { owner: shown.owner } : {}),
    ...(before ? { before } : {}),
    ...(after ? { after } : {}),
    delta: kind === 'task' ? 0 : roundScore((after?.secured ?? 0) - (before?.secured ?? 0)),
  };
}

/** The changed leaves only (what carries the points), for a short list. */
export function changedLeaves(comparison: StatusComparison): ItemChange[] {
  return comparison.criteria.filter((c) => c.leaf);
}
