// Checks beyond the schema: references, id structure, score sums, dates and safe paths.
import { t, type Locale, type MessageKey } from '../i18n/messages';
import type { CriteriaDoc, CriterionNode, MeasureSpec, Problem, Range, Requirement, Severity } from '../model/types';
import { roundScore } from '../model/score';
import { EMPTY_RANGE } from '../parse/yamlSource';
import { escapeControls } from '../parse/text';
import { isRealDate, unmatchableReason, unsafeGlobReason, unsafePathReason } from './paths';

type Code = MessageKey & `RE${string}`;

/** `evidenceRootRange`: where `index.evidenceRoot` is written (its problems are placed there). */
export function semanticProblems(doc: CriteriaDoc, evidenceRootRange: Range, locale: Locale): Problem[] {
  const problems: Problem[] = [];
  const report = (severity: Severity, code: Code, range: Range, args: Array<string | number>, data?: Record<string, unknown>) =>
    problems.push({ severity, code, message: t(locale, code, ...args), file: doc.file, range, ...(data ? { data } : {}) });

  const rootReason = doc.index.evidenceRoot === '.' ? undefined : unsafePathReason(doc.index.evidenceRoot);
  if (rootReason) {
    report('error', 'RE141', evidenceRootRange, [escapeControls(doc.index.evidenceRoot), t(locale, rootReason)], { reason: rootReason, path: doc.index.evidenceRoot });
    doc.index.evidenceRoot = '.';
    // With an unsafe root nothing may match: disable every requirement below.
  }

  const checkUnit = (unit: string | undefined, range: Range | undefined) => {
    if (unit && !doc.units.has(unit)) report('error', 'RE110', range ?? EMPTY_RANGE, [unit], { unit });
  };
  const checkDate = (due: string | undefined, range: Range | undefined) => {
    if (!due) return;
    if (/^\d{4}-\d{2}-\d{2}$/.test(due) && !isRealDate(due)) {
      report('error', 'RE130', range ?? EMPTY_RANGE, [due]);
    } else if (isRealDate(due) && doc.index.year !== undefined && Number(due.slice(0, 4)) !== doc.index.year) {
      report('warning', 'RE200', range ?? EMPTY_RANGE, [due, doc.index.year]);
    }
  };
  const checkRequirements = (requirements: Requirement[]) => {
    for (const requirement of requirements) {
      // A measure's data file is checked with its measure (checkMeasure).
      if (requirement.data) continue;
      const range = requirement.fields.path ?? requirement.range;
      const unsafe = unsafeGlobReason(requirement.path);
      if (unsafe) {
        requirement.valid = false;
        // A glob into the Git directory is the same fault as an evidenceRoot there: one code for both.
        const code = unsafe === 'reason.gitDir' ? 'RE141' : 'RE140';
        report('error', code, range, [escapeControls(requirement.path), t(locale, unsafe)], { reason: unsafe, path: requirement.path });
        continue;
      }
      if (rootReason) requirement.valid = false;
      const unmatchable = unmatchableReason(requirement.path);
      if (unmatchable) report('warning', 'RE201', range, [requirement.path, t(locale, unmatchable)], { reason: unmatchable });
    }
  };

  const checkMeasure = (node: CriterionNode, measure: MeasureSpec) => {
    const fail = (code: Code, range: Range | undefined, args: Array<string | number>, data?: Record<string, unknown>) => {
      measure.valid = false;
      report('error', code, range ?? measure.range, args, data);
    };
    const dataRange = measure.fields.data;
    const unsafe = unsafePathReason(measure.data);
    const extension = /\.(csv|xlsx)$/i.exec(measure.data)?.[1]?.toLowerCase();
    if (unsafe) fail('RE153', dataRange, [escapeControls(measure.data), t(locale, unsafe)], { reason: unsafe, path: measure.data });
    else if (!extension) fail('RE154', dataRange, [escapeControls(measure.data)]);
    if (rootReason) measure.valid = false;
    if (measure.sheet !== undefined && extension === 'csv') fail('RE155', measure.fields.sheet, [measure.sheet]);
    if ((measure.bands === undefined) === (measure.proportional === undefined)) fail('RE156', measure.range, [node.id]);
    const bands = measure.bands ?? [];
    for (let i = 1; i < bands.length; i++) {
      if (bands[i].from >= bands[i - 1].from) {
        fail('RE151', measure.fields.bands, [bands[i].from, bands[i - 1].from]);
        break;
      }
    }
    for (const band of bands) {
      if (band.score > node.maxScore) fail('RE152', measure.fields.bands, [band.score, node.maxScore]);
    }
    if (!measure.valid) for (const r of node.evidence) if (r.data) r.valid = false;
  };

  const firstSeen = new Map<string, CriterionNode>();
  const visit = (node: CriterionNode) => {
    const previous = firstSeen.get(node.id);
    if (previous) {
      report('error', 'RE100', node.idRange, [node.id, previous.idRange.start.line + 1], { id: node.id, parentId: node.parentId, first: previous.idRange });
    } else {
      firstSeen.set(node.id, node);
    }
    if (node.parentId === undefined) {
      if (!/^\d+$/.test(node.id) && /^\d+(\.\d+)*$/.test(node.id)) report('error', 'RE122', node.idRange, [node.id]);
    } else if (!isDirectChild(node.id, node.parentId)) {
      report('error', 'RE120', node.idRange, [node.id, node.parentId], { id: node.id, parentId: node.parentId });
    }
    checkUnit(node.owner, node.fields.owner);
    checkDate(node.due, node.fields.due);
    if (node.children.length > 0) {
      const sum = roundScore(node.children.reduce((total, child) => total + child.maxScore, 0));
      if (node.fields.maxScore && Math.abs(sum - node.maxScore) > 1e-6) {
        report('error', 'RE121', node.fields.maxScore, [node.id, sum, node.maxScore], { id: node.id, sum, declared: node.maxScore });
      }
      if (node.fields.measure) report('error', 'RE150', node.fields.measure, [node.id]);
      node.children.forEach(visit);
      return;
    }
    if (node.measure) checkMeasure(node, node.measure);
    if (node.selfScore !== undefined && node.selfScore > node.maxScore) {
      report('warning', 'RE202', node.fields.selfScore ?? node.idRange, [node.selfScore, node.maxScore]);
    }
    if (node.evidence.length === 0 && !node.notApplicable && node.fields.children === undefined) {
      report('warning', 'RE203', node.idRange, [node.id], { id: node.id });
    }
    checkRequirements(node.evidence);
  };
  doc.areas.forEach(visit);

  const taskSeen = new Map<string, Range>();
  for (const task of doc.tasks) {
    const previous = taskSeen.get(task.id);
    if (previous) report('error', 'RE101', task.idRange, [task.id, previous.start.line + 1], { id: task.id, first: previous });
    else taskSeen.set(task.id, task.idRange);
    checkUnit(task.owner, task.fields.owner);
    task.support.forEach((unit, i) => checkUnit(unit, task.supportRanges[i]));
    task.criteria.forEach((id, i) => {
      if (!doc.byId.has(id)) report('error', 'RE111', task.criteriaRanges[i] ?? task.idRange, [id], { id });
    });
    checkDate(task.due, task.fields.due);
    checkRequirements(task.evidence);
  }
  return problems;
}

/** "1.2.3" is a direct child of "1.2"; "1.3" and "1.2.3.4" are not. */
export function isDirectChild(id: string, parentId: string): boolean {
  return id.startsWith(parentId + '.') && !id.slice(parentId.length + 1).includes('.') && id.length > parentId.length + 1;
}
