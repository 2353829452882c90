// The one status model: states, overdue flags and scores per criterion, area, unit, task and index.
import { filesOf, requirementKey, type MatchState, type OwnerKind } from '../evidence/match';
import { roundScore } from '../model/score';
import type {
  AreaTotals,
  CriteriaDoc,
  CriterionNode,
  CriterionStatus,
  MeasureStatus,
  Requirement,
  RequirementStatus,
  State,
  StatusModel,
  Task,
  TaskStatus,
  Totals,
  UnitTotals,
} from '../model/types';

export interface StatusOptions {
  /** YYYY-MM-DD; items due before it and not complete are overdue. */
  asOf: string;
  /** Whether file states came from Git. */
  git: boolean;
  /** Figures of the measured leaves (measure/compute.ts); a measured leaf without one scores 0. */
  measures?: Map<string, MeasureStatus>;
  /**
   * Requirements' files in the order they were matched, not sorted by path: for a caller that keeps only the figures
   * (the portfolio), which do not depend on the order. Sorting long paths that share their folders is what costs.
   */
  unsortedFiles?: boolean;
}

/** A measured leaf not computed (yet): no rate, no score. */
function notComputed(node: CriterionNode): MeasureStatus {
  const spec = node.measure!;
  return { rate: null, numerator: 0, denominator: 0, score: null, over: spec.over, periods: [], dataFile: spec.data, fullAt: null, quality: 'unknown' };
}

export function isComplete(state: State): boolean {
  return state === 'present' || state === 'committed';
}

export function emptyTotals(): Totals {
  return { max: 0, secured: 0, atRisk: 0, waived: 0, overdue: 0, criteria: 0, complete: 0, missing: 0 };
}

function addTotals(into: Totals, from: Totals): void {
  into.max = roundScore(into.max + from.max);
  into.secured = roundScore(into.secured + from.secured);
  into.atRisk = roundScore(into.atRisk + from.atRisk);
  into.waived = roundScore(into.waived + from.waived);
  into.overdue += from.overdue;
  into.criteria += from.criteria;
  into.complete += from.complete;
  into.missing += from.missing;
}

function requirementStatuses(matches: MatchState, owner: OwnerKind, id: string, requirements: Requirement[], unsorted = false): RequirementStatus[] {
  return requirements.map((r) => {
    const key = requirementKey(owner, id, r.index);
    const files = unsorted ? [...(matches.matches.get(key)?.values() ?? [])] : filesOf(matches, key);
    return { title: r.title, path: r.path, min: r.min, met: files.length >= r.min, files };
  });
}

/** State from requirements: missing (nothing found), partial (some evidence), present or committed (all met). */
export function stateOf(requirements: RequirementStatus[]): State {
  if (requirements.length === 0) return 'missing';
  const allMet = requirements.every((r) => r.met);
  if (allMet) return requirements.every((r) => r.files.every((f) => f.git === 'committed')) ? 'committed' : 'present';
  return requirements.some((r) => r.met || r.files.length > 0) ? 'partial' : 'missing';
}

/** A parent's state from its children's: waived children are left out unless all are waived. */
export function combineStates(states: State[]): State {
  const scored = states.filter((s) => s !== 'waived');
  if (states.length === 0) return 'missing';
  if (scored.length === 0) return 'waived';
  if (scored.every((s) => s === 'committed')) return 'committed';
  if (scored.every(isComplete)) return 'present';
  if (scored.every((s) => s === 'missing')) return 'missing';
  return 'partial';
}

/** How many leaves are in each state (a multiset of states: all combineStates needs). */
type StateCounts = Record<State, number>;

const emptyCounts = (): StateCounts => ({ missing: 0, partial: 0, present: 0, committed: 0, waived: 0 });

function addCounts(into: StateCounts, from: StateCounts): void {
  into.missing += from.missing;
  into.partial += from.partial;
  into.present += from.present;
  into.committed += from.committed;
  into.waived += from.waived;
}

/** combineStates of the states these counts describe. */
export function combineCounts(c: StateCounts): State {
  const scored = c.missing + c.partial + c.present + c.committed;
  if (scored + c.waived === 0) return 'missing';
  if (scored === 0) return 'waived';
  if (c.committed === scored) return 'committed';
  if (c.committed + c.present === scored) return 'present';
  if (c.missing === scored) return 'missing';
  return 'partial';
}

function isPast(due: string | undefined, asOf: string): boolean {
  return due !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(due) && due < asOf;
}

function taskStatus(task: Task, matches: MatchState, linked: StateCounts, asOf: string, unsorted: boolean): TaskStatus {
  const requirements = requirementStatuses(matches, 'task', task.id, task.evidence, unsorted);
  // A task without its own deliverable is judged by the criteria it serves.
  const state = requirements.length > 0 ? stateOf(requirements) : combineCounts(linked);
  return {
    id: task.id,
    title: task.title,
    owner: task.owner,
    support: task.support,
    due: task.due,
    source: task.source,
    criteria: task.criteria,
    state,
    overdue: !isComplete(state) && state !== 'waived' && isPast(task.due, asOf),
    requirements,
  };
}

export function computeStatus(doc: CriteriaDoc, matches: MatchState, options: StatusOptions): StatusModel {
  const { asOf } = options;
  const byUnit = new Map<string, UnitTotals>();
  for (const unit of doc.units.values()) byUnit.set(unit.id, { id: unit.id, name: unit.name, ...emptyTotals() });
  const unitTotals = (id: string | undefined): Totals | undefined => (id ? byUnit.get(id) : undefined);

  // Leaf states first, without tasks; tasks then see them, and overdue tasks make their criteria overdue.
  const leafStates = new Map<string, State>();
  const leafRequirements = new Map<string, RequirementStatus[]>();
  const leaves = (node: CriterionNode): CriterionNode[] => (node.children.length === 0 ? [node] : node.children.flatMap(leaves));
  for (const leaf of doc.areas.flatMap(leaves)) {
    const requirements = requirementStatuses(matches, 'criterion', leaf.id, leaf.evidence, options.unsortedFiles === true);
    leafRequirements.set(leaf.id, requirements);
    let state: State = leaf.notApplicable ? 'waived' : stateOf(requirements);
    // Its files are there but its figure cannot be computed honestly: not complete (a problem says why).
    if (leaf.measure && isComplete(state) && (options.measures?.get(leaf.id)?.quality ?? 'unknown') === 'unknown') state = 'partial';
    leafStates.set(leaf.id, state);
  }
  // Counts of leaf states under each node, worked out once: a task linked to an area reads its counts instead of
  // walking its leaves again (10,000 tasks on an area of 10,000 leaves: 10^8 steps).
  const countsOf = new Map<string, StateCounts>();
  const count = (node: CriterionNode): StateCounts => {
    let counts = countsOf.get(node.id);
    if (counts) return counts;
    counts = emptyCounts();
    if (node.children.length === 0) counts[leafStates.get(node.id) ?? 'missing']++;
    else for (const child of node.children) addCounts(counts, count(child));
    countsOf.set(node.id, counts);
    return counts;
  };
  for (const area of doc.areas) count(area);
  const tasks = doc.tasks.map((task) => {
    const linked = emptyCounts();
    for (const id of task.criteria) {
      const node = doc.byId.get(id);
      if (node) addCounts(linked, count(node));
    }
    return taskStatus(task, matches, linked, asOf, options.unsortedFiles === true);
  });
  // Nodes an overdue task is linked to: their leaves are overdue, found on the way down in build().
  const overdueByTask = new Set<string>();
  for (const task of tasks) {
    if (!task.overdue) continue;
    for (const id of task.criteria) if (doc.byId.has(id)) overdueByTask.add(id);
    const owner = unitTotals(task.owner);
    if (owner) owner.overdue++;
  }

  const build = (node: CriterionNode, taskOverdueAbove = false): CriterionStatus => {
    const totals = emptyTotals();
    const taskOverdue = taskOverdueAbove || overdueByTask.has(node.id);
    if (node.children.length > 0) {
      const children = node.children.map((child) => build(child, taskOverdue));
      for (const child of children) addTotals(totals, child.totals);
      return {
        id: node.id,
        title: node.title,
        kind: node.parentId === undefined ? 'area' : 'criterion',
        leaf: false,
        state: combineStates(children.map((c) => c.state)),
        overdue: children.some((c) => c.overdue),
        maxScore: node.maxScore,
        secured: totals.secured,
        selfScore: node.selfScore,
        owner: node.owner,
        due: node.due,
        requirements: [],
        children,
        totals,
      };
    }
    const state = leafStates.get(node.id) ?? 'missing';
    const complete = isComplete(state);
    const overdue = state !== 'waived' && !complete && (isPast(node.due, asOf) || taskOverdue);
    totals.max = node.maxScore;
    const measure = node.measure && state !== 'waived' ? (options.measures?.get(node.id) ?? notComputed(node)) : undefined;
    if (state === 'waived') {
      totals.waived = node.maxScore;
    } else {
      totals.criteria = 1;
      // A measured leaf secures the score of its rate, not its maxScore.
      const earned = complete ? (measure ? Math.min(node.maxScore, measure.score ?? 0) : node.maxScore) : 0;
      totals.secured = earned;
      totals.atRisk = roundScore(node.maxScore - earned);
      totals.complete = complete ? 1 : 0;
      totals.missing = state === 'missing' ? 1 : 0;
      totals.overdue = overdue ? 1 : 0;
    }
    const owner = unitTotals(node.owner);
    if (owner) addTotals(owner, totals);
    return {
      id: node.id,
      title: node.title,
      kind: node.parentId === undefined ? 'area' : 'criterion',
      leaf: true,
      state,
      overdue,
      maxScore: node.maxScore,
      secured: totals.secured,
      selfScore: node.selfScore,
      owner: node.owner,
      due: node.due,
      notApplicable: node.notApplicable,
      ...(measure ? { measure } : {}),
      requirements: leafRequirements.get(node.id) ?? [],
      children: [],
      totals,
    };
  };

  const areas = doc.areas.map((area) => build(area));
  const totals = emptyTotals();
  for (const area of areas) addTotals(totals, area.totals);
  totals.overdue += tasks.filter((t) => t.overdue).length;

  const byArea: AreaTotals[] = areas.map((a) => ({ id: a.id, title: a.title, ...a.totals }));
  const units = [...byUnit.values()].sort((a, b) => b.atRisk - a.atRisk || a.id.localeCompare(b.id));
  const errors = doc.problems.filter((p) => p.severity === 'error').length;
  return {
    schemaVersion: 1,
    criteriaFile: doc.file,
    asOf,
    index: { ...doc.index },
    git: options.git,
    totals,
    areas,
    tasks: sortTasks(tasks),
    byArea,
    byUnit: units,
    problems: { errors, warnings: doc.problems.length - errors },
  };
}

/** Overdue first, then by due date, then by id. */
export function sortTasks(tasks: TaskStatus[]): TaskStatus[] {
  return [...tasks].sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.due ?? '9999').localeCompare(b.due ?? '9999') || a.id.localeCompare(b.id));
}

/** Every criterion node of the model, depth first. */
export function flattenCriteria(model: Pick<StatusModel, 'areas'>): CriterionStatus[] {
  const out: CriterionStatus[] = [];
  const visit = (n: CriterionStatus) => {
    out.push(n);
    n.children.forEach(visit);
  };
  model.areas.forEach(visit);
  return out;
}

/** The model restricted to one unit: its leaves (with their ancestors), its tasks, its totals. */
export function filterByUnit(model: StatusModel, unit: string): StatusModel {
  const prune = (node: CriterionStatus): CriterionStatus | undefined => {
    if (node.leaf) return node.owner === unit ? node : undefined;
    const children = node.children.map(prune).filter((c): c is CriterionStatus => c !== undefined);
    if (children.length === 0) return undefined;
    const totals = emptyTotals();
    for (const child of children) addTotals(totals, child.totals);
    return { ...node, children, totals, secured: totals.secured, state: combineStates(children.map((c) => c.state)), overdue: children.some((c) => c.overdue) };
  };
  const areas = model.areas.map(prune).filter((a): a is CriterionStatus => a !== undefined);
  const unitTotals = model.byUnit.find((u) => u.id === unit);
  const totals = emptyTotals();
  if (unitTotals) {
    const { id: _id, name: _name, ...rest } = unitTotals;
    Object.assign(totals, rest);
  }
  return {
    ...model,
    areas,
    tasks: model.tasks.filter((t) => t.owner === unit || t.support.includes(unit)),
    byArea: areas.map((a) => ({ id: a.id, title: a.title, ...a.totals })),
    byUnit: model.byUnit.filter((u) => u.id === unit),
    totals,
  };
}
