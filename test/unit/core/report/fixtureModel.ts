// Hand-made status models for the pure report tests: every figure is chosen, so a test can name the cell it
// expects without loading a criteria file (fast enough to run under mutation testing).
import type { CriterionStatus, EvidenceCommit, EvidenceFile, MeasureStatus, State, StatusModel, TaskStatus, Totals } from '../../../../src/core/model/types';

export function totals(p: Partial<Totals> = {}): Totals {
  return { max: 0, secured: 0, atRisk: 0, waived: 0, overdue: 0, criteria: 0, complete: 0, missing: 0, ...p };
}

export function file(path: string, git: EvidenceFile['git'] = 'committed', extra: Partial<EvidenceFile> = {}): EvidenceFile {
  return { path, git, ...extra };
}

/** A leaf with one requirement holding `files`. */
export function leaf(id: string, title: string, p: Partial<CriterionStatus> & { files?: EvidenceFile[] } = {}): CriterionStatus {
  const { files = [], ...rest } = p;
  const state: State = rest.state ?? 'missing';
  const maxScore = rest.maxScore ?? 1;
  const complete = state === 'present' || state === 'committed';
  return {
    id,
    title,
    kind: 'criterion',
    leaf: true,
    state,
    overdue: false,
    maxScore,
    secured: complete ? maxScore : 0,
    requirements: [{ title: 'Tài liệu', path: `${id}/*.pdf`, min: 1, met: files.length > 0, files }],
    children: [],
    totals: totals({
      max: maxScore,
      secured: complete ? maxScore : 0,
      atRisk: complete || state === 'waived' ? 0 : maxScore,
      waived: state === 'waived' ? maxScore : 0,
      criteria: state === 'waived' ? 0 : 1,
      complete: complete ? 1 : 0,
      missing: state === 'missing' ? 1 : 0,
    }),
    ...rest,
  };
}

export function parent(id: string, title: string, children: CriterionStatus[], p: Partial<CriterionStatus> = {}): CriterionStatus {
  const sum = (k: keyof Totals) => children.reduce((a, c) => a + c.totals[k], 0);
  const t = totals({ max: sum('max'), secured: sum('secured'), atRisk: sum('atRisk'), waived: sum('waived'), overdue: sum('overdue'), criteria: sum('criteria'), complete: sum('complete'), missing: sum('missing') });
  return {
    id,
    title,
    kind: id.includes('.') ? 'criterion' : 'area',
    leaf: false,
    state: 'partial',
    overdue: false,
    maxScore: t.max,
    secured: t.secured,
    requirements: [],
    children,
    totals: t,
    ...p,
  };
}

export function task(id: string, p: Partial<TaskStatus> = {}): TaskStatus {
  return { id, title: `Nhiệm vụ ${id}`, owner: 'VP', support: [], criteria: [], state: 'missing', overdue: false, requirements: [], ...p };
}

export function measure(p: Partial<MeasureStatus> = {}): MeasureStatus {
  return { rate: null, numerator: 0, denominator: 0, score: null, over: 'year', periods: [], dataFile: 'so-lieu.csv', fullAt: null, quality: 'ok', ...p };
}

export function model(areas: CriterionStatus[], p: Partial<StatusModel> = {}): StatusModel {
  const sum = (k: keyof Totals) => areas.reduce((a, c) => a + c.totals[k], 0);
  return {
    schemaVersion: 1,
    criteriaFile: '/x/criteria.yaml',
    asOf: '2025-11-20',
    index: { id: 'test-2025', title: 'Bộ chỉ số thử nghiệm', year: 2025, evidenceRoot: 'evidence' },
    git: true,
    totals: totals({ max: sum('max'), secured: sum('secured'), atRisk: sum('atRisk'), waived: sum('waived'), overdue: sum('overdue'), criteria: sum('criteria'), complete: sum('complete'), missing: sum('missing') }),
    areas,
    tasks: [],
    byArea: areas.map((a) => ({ id: a.id, title: a.title, ...a.totals })),
    byUnit: [],
    problems: { errors: 0, warnings: 0 },
    ...p,
  };
}

export function evidenceCommit(date: string, files: string[], p: Partial<EvidenceCommit> = {}): EvidenceCommit {
  const hash = (date + files.join()).split('').reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7).toString(16).padStart(8, '0').repeat(5);
  return { hash, shortHash: hash.slice(0, 7), author: 'Nguyễn Văn A', email: 'a@example.com', date, subject: 'Thêm tài liệu', criteria: [], files, ...p };
}
