// Plain data shared by every part of Reform Evidence. No behaviour here.

/** A position in a text file, 0-based like the LSP and VS Code. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** Ranges of the values of a mapping's keys (`owner`, `due`, `maxScore`, …), for diagnostics and quick fixes. */
export type FieldRanges = Partial<Record<string, Range>>;

export type Severity = 'error' | 'warning' | 'info';

/** One finding about a criteria file, located precisely in its source. */
export interface Problem {
  severity: Severity;
  /** Stable code, e.g. `RE101`; listed in docs/problem-codes.md. */
  code: string;
  /** Message in the locale the caller asked for. */
  message: string;
  /** Absolute path of the file the problem is in. */
  file: string;
  range: Range;
  /** Machine-readable details used by quick fixes (ids, expected sums, …). */
  data?: Record<string, unknown>;
  /** A cell of a spreadsheet (`B7`) when the problem is in an .xlsx data file: shown instead of line:col. */
  cell?: string;
}

export interface Unit {
  id: string;
  name: string;
  head?: string;
  range: Range;
}

/** What evidence a criterion or task needs: `min` files matching `path` (a glob under evidenceRoot). */
export interface Requirement {
  title: string;
  path: string;
  min: number;
  /** Position of this requirement within its owner's `evidence` list. */
  index: number;
  range: Range;
  /** False when the glob was rejected (unsafe): it then never matches. */
  valid: boolean;
  fields: FieldRanges;
  /** The data file of a measure (added by the parser, not written under `evidence`): a literal path, never a glob. */
  data?: boolean;
}

/** A score band of a measure: a rate (percent) of at least `from` scores `score`. */
export interface MeasureBand {
  from: number;
  score: number;
}

/** `measure` of a scored leaf: a rate from monthly figures in one data file, scored by bands or proportionally. */
export interface MeasureSpec {
  /** Relative to evidenceRoot, posix separators, NFC. */
  data: string;
  /** .xlsx only: the sheet's name (default the first sheet). */
  sheet?: string;
  /** Headers (trimmed, NFC) of the month column and of the two summed columns. */
  period: string;
  numerator: string;
  denominator: string;
  /** In falling order of `from` (rules.ts checks it). */
  bands?: MeasureBand[];
  proportional?: { target: number };
  noCases: 'zero' | 'full';
  over: 'year' | 'latest';
  /** False when a rule rejected it (unsafe path, wrong extension, …): it is then never read and scores 0. */
  valid: boolean;
  range: Range;
  fields: FieldRanges;
}

export interface CriterionNode {
  id: string;
  title: string;
  /** Parent id, undefined for an area (top level). */
  parentId?: string;
  depth: number;
  children: CriterionNode[];
  /** Maximum score. For a parent it is the declared value or the sum of its children. */
  maxScore: number;
  owner?: string;
  due?: string;
  evidence: Requirement[];
  notApplicable?: string;
  selfScore?: number;
  /** Leaves only: the rate that scores this leaf. Its data file is also the last entry of `evidence`. */
  measure?: MeasureSpec;
  /** Range of the whole node mapping. */
  range: Range;
  /** Range of the `id` value (where diagnostics and "go to definition" point). */
  idRange: Range;
  fields: FieldRanges;
}

export interface Task {
  id: string;
  title: string;
  owner: string;
  support: string[];
  due?: string;
  source?: string;
  criteria: string[];
  evidence: Requirement[];
  range: Range;
  idRange: Range;
  fields: FieldRanges;
  /** Ranges of each entry of `criteria` and `support`, in order. */
  criteriaRanges: Range[];
  supportRanges: Range[];
}

export interface IndexInfo {
  id: string;
  title: string;
  year?: number;
  /** Relative to the criteria file's folder, posix separators. */
  evidenceRoot: string;
  /** `index.version` as written (a city's index file). */
  version?: string;
  /** A ward's file that `extends` the city's index: the index it is scored on. */
  extends?: ExtendedIndex;
}

/** The city's index a ward's file extends (docs/criteria-format.md, "One index for many wards"). */
export interface ExtendedIndex {
  /** As written after `extends:`, relative to the ward's criteria file. */
  path: string;
  id: string;
  title: string;
  year?: number;
  /** The index file's `index.version`, else its Git blob id (content hash): wards rank together only on one version. */
  version: string;
}

/** `extends:` of a ward's file as read, before the index it names is merged in. */
export interface ExtendsClause {
  path: string;
  /** Range of the value: where the problems of the index file as a whole are placed. */
  range: Range;
  /** Where the ward writes `index.evidenceRoot` (checked after the merge). */
  evidenceRootRange: Range;
}

/** A criteria file as loaded: whatever parts are valid, plus every problem found. */
export interface CriteriaDoc {
  /** Absolute path of the criteria file. */
  file: string;
  /** Absolute path of the folder that holds it (paths in the file are relative to it). */
  baseDir: string;
  version?: number;
  index: IndexInfo;
  units: Map<string, Unit>;
  /** Top-level nodes: the areas of the index. */
  areas: CriterionNode[];
  /** Every criterion by id, areas included. */
  byId: Map<string, CriterionNode>;
  tasks: Task[];
  problems: Problem[];
  /** Set when the file says `extends:`: until merged (parse/extends.ts), `areas` hold only the ward's entries. */
  extends?: ExtendsClause;
  /** Set once the index file named by `extends` is merged in (parse/extends.ts), also when it could not be read. */
  base?: BaseIndex;
}

/** The index file a ward's file extends, as read: an input of the ward's model (a change to it reloads the ward). */
export interface BaseIndex {
  /** Absolute path; undefined when `extends` names an unsafe path. */
  file?: string;
  /** The index file parsed on its own; undefined when it could not be read. */
  doc?: CriteriaDoc;
  /** Git blob id of its bytes (the version when it has no `index.version`). */
  blob?: string;
  /** Why it could not be used, placed on `extends` in the ward's file. */
  problem?: Problem;
}

/** Git's view of one evidence file. `none` when the folder is not a Git work tree. */
export type GitFileState = 'committed' | 'modified' | 'untracked' | 'none';

export interface EvidenceFile {
  /** Relative to evidenceRoot, posix separators, Unicode NFC. */
  path: string;
  git: GitFileState;
  /** `pointer`: a Git LFS file whose content is not downloaded; the work tree holds only its pointer (docs/lfs.md). */
  lfs?: 'pointer';
}

export type State = 'missing' | 'partial' | 'present' | 'committed' | 'waived';

export interface RequirementStatus {
  title: string;
  path: string;
  min: number;
  met: boolean;
  files: EvidenceFile[];
}

export interface Totals {
  max: number;
  secured: number;
  atRisk: number;
  waived: number;
  /** Overdue leaves and tasks. */
  overdue: number;
  /** Scored leaves (not waived). */
  criteria: number;
  /** Scored leaves that are complete (present or committed). */
  complete: number;
  /** Scored leaves with state `missing`. */
  missing: number;
}

/** One month of a measure's data. `rate` in percent, null when the month has no case (denominator 0). */
export interface MeasurePeriodStatus {
  /** YYYY-MM. */
  period: string;
  numerator: number;
  denominator: number;
  rate: number | null;
}

/**
 * How a measure's figure came out: `ok`; `noCases` (no case in the window: scored by noCases); `unknown` (the data
 * could not be read honestly: a problem says why; it scores 0, never full marks); `missing` (no data file yet).
 */
export type MeasureQuality = 'ok' | 'noCases' | 'unknown' | 'missing';

/** A measured leaf's computed figure. */
export interface MeasureStatus {
  /** Percent over the window, null when the denominator is 0 or the figure is unknown. */
  rate: number | null;
  numerator: number;
  denominator: number;
  /** The rule's score for the rate (before the completeness of the leaf counts), null when unknown. */
  score: number | null;
  over: 'year' | 'latest';
  /** Months of the index year up to the as-of month that the data holds, in order. */
  periods: MeasurePeriodStatus[];
  /** Relative to evidenceRoot. */
  dataFile: string;
  /** Rate in percent from which the rule gives full points (null when no rate does). */
  fullAt: number | null;
  quality: MeasureQuality;
}

export interface CriterionStatus {
  id: string;
  title: string;
  kind: 'area' | 'criterion';
  leaf: boolean;
  state: State;
  overdue: boolean;
  maxScore: number;
  /** Points secured (complete leaves) in this subtree. */
  secured: number;
  selfScore?: number;
  owner?: string;
  due?: string;
  notApplicable?: string;
  /** Measured leaves only. */
  measure?: MeasureStatus;
  requirements: RequirementStatus[];
  children: CriterionStatus[];
  totals: Totals;
}

export interface TaskStatus {
  id: string;
  title: string;
  owner: string;
  support: string[];
  due?: string;
  source?: string;
  criteria: string[];
  state: State;
  overdue: boolean;
  requirements: RequirementStatus[];
}

export interface UnitTotals extends Totals {
  id: string;
  name: string;
}

export interface AreaTotals extends Totals {
  id: string;
  title: string;
}

/** The one computed model that the tree, status bar, dashboard, CLI and reports all read. */
export interface StatusModel {
  schemaVersion: 1;
  criteriaFile: string;
  asOf: string;
  index: IndexInfo;
  git: boolean;
  totals: Totals;
  areas: CriterionStatus[];
  tasks: TaskStatus[];
  byArea: AreaTotals[];
  byUnit: UnitTotals[];
  problems: { errors: number; warnings: number };
}

/** A commit that recorded evidence, as read from Git (trailers parsed). */
export interface EvidenceCommit {
  hash: string;
  shortHash: string;
  author: string;
  email: string;
  /** ISO 8601 author date. */
  date: string;
  subject: string;
  /** Criterion ids from `Criterion:` trailers (may be empty for commits without trailers). */
  criteria: string[];
  /** Evidence files the commit touched, relative to evidenceRoot, NFC. */
  files: string[];
  /** Git's record of the commit could not be read: only its hash is known (never dropped silently). */
  unparsed?: boolean;
}

/** The last commit that recorded one evidence file. */
export interface FileRecord {
  /** Relative to evidenceRoot, NFC. */
  path: string;
  hash: string;
  shortHash: string;
  /** ISO 8601 author date. */
  date: string;
  author: string;
}
