// Turns the text of a criteria file into a CriteriaDoc: whatever parts are valid, plus every problem, located.
import * as path from 'node:path';
import type { Document, Node, YAMLMap } from 'yaml';
import { t, type Locale, type MessageKey } from '../i18n/messages';
import type { CriteriaDoc, CriterionNode, FieldRanges, IndexInfo, MeasureBand, MeasureSpec, Problem, Range, Requirement, Task, Unit } from '../model/types';
import { roundScore } from '../model/score';
import { schemaProblems } from '../validate/schema';
import { semanticProblems } from '../validate/rules';
import { EMPTY_RANGE, isMap, isScalar, itemsOf, LineIndex, nodeOf, numberOf, pairOf, SourceMap, stringOf, yamlLib } from './yamlSource';
import { composeFast } from './fastCompose';
import { guardStructure, MAX_NESTING, setOwn } from './guards';
import { controlCodePoints, hasControls, positionAt, replaceControls } from './text';

/** Larger files are refused before parsing: no real index comes near it, and parsing would stall the editor. */
export const MAX_CRITERIA_BYTES = 5 * 1024 * 1024;
/** Alias expansions allowed when converting to plain data; a "billion laughs" file exceeds it. */
const MAX_ALIAS_COUNT = 1000;
/** Scores above this are typing mistakes (an index has 100 points); they would also break the sums. */
export const MAX_SCORE = 1000;
/** More files than this for one requirement is a typing mistake. */
const MAX_MIN_FILES = 100000;

export interface ParseOptions {
  locale?: Locale;
  /**
   * Try js-yaml's faster reading first (fastCompose.ts), which gives `yaml`'s node ranges; a document it
   * declines, or in which anything is found wrong, is read again with `yaml` so every problem is placed by
   * `yaml`'s own reading. The CLI and the editor both read this way; the default (`yaml` only) is the reference
   * the tests compare the fast reading with.
   */
  fast?: boolean;
}

function emptyDoc(file: string): CriteriaDoc {
  return {
    file,
    baseDir: path.dirname(file),
    index: { id: '', title: '', evidenceRoot: 'evidence' },
    units: new Map(),
    areas: [],
    byId: new Map(),
    tasks: [],
    problems: [],
  };
}

/** A document with no content and one problem: the file was refused before parsing. */
export function refusedDoc(file: string, problem: Problem): CriteriaDoc {
  const doc = emptyDoc(file);
  doc.problems.push(problem);
  return doc;
}

function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

function fileProblem(file: string, code: MessageKey & `RE${string}`, locale: Locale, ...args: Array<string | number>): Problem {
  return { severity: 'error', code, message: t(locale, code, ...args), file, range: EMPTY_RANGE };
}

/** Parses a criteria file. Never throws: every failure becomes a problem. */
export function parseCriteria(text: string, file: string, options: ParseOptions = {}): CriteriaDoc {
  const locale = options.locale ?? 'en';
  const doc = emptyDoc(file);
  if (Buffer.byteLength(text, 'utf8') > MAX_CRITERIA_BYTES) {
    doc.problems.push(fileProblem(file, 'RE005', locale, (Buffer.byteLength(text, 'utf8') / 1048576).toFixed(1), MAX_CRITERIA_BYTES / 1048576));
    return doc;
  }
  // Editors hide the BOM; dropping it keeps our columns equal to theirs.
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const nul = source.indexOf('\u0000');
  if (nul >= 0) {
    const at = positionAt(source, nul);
    doc.problems.push({ ...fileProblem(file, 'RE006', locale), range: { start: at, end: { line: at.line, character: at.character + 1 } } });
    return doc;
  }
  if (options.fast) {
    const fast = composeFast(source, MAX_NESTING);
    if (fast) {
      const quick = emptyDoc(file);
      buildModel(quick, fast.root, fast.data, { contents: fast.root } as Document, new SourceMap(new LineIndex(source)), locale);
      if (quick.problems.length === 0) return quick;
    }
  }
  const { LineCounter, parseDocument } = yamlLib();
  const lines = new LineCounter();
  // No merge keys (`<<`, YAML 1.1): the model reads the tree as written, so the schema must see the same.
  const yamlDoc = parseDocument(source, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, keepSourceTokens: false, merge: false, logLevel: 'error' });
  const map = new SourceMap(lines);
  const problem = reporter(doc, map, locale);

  // YAML 1.1 reads `<<` merges and yes/no differently from the model: refuse the directive, parse as 1.2 anyway.
  const version = yamlDoc.directives?.yaml.version;
  if (version && version !== '1.2') {
    const at = positionAt(source, Math.max(0, source.indexOf('%YAML')));
    doc.problems.push({ ...fileProblem(file, 'RE014', locale, version), range: { start: at, end: { line: at.line, character: at.character + 5 } } });
  }
  // Before anything recurses over the tree: cut cycles, unresolved aliases and runaway nesting.
  const guard = guardStructure(yamlDoc);
  const tooDeep = guard.issues.some((i) => i.kind === 'depth');
  for (const e of yamlDoc.errors) {
    // The yaml library turns a stack overflow while composing (absurd nesting) into this error.
    if (e.code === 'RESOURCE_EXHAUSTION' && tooDeep) continue;
    const code = e.code === 'RESOURCE_EXHAUSTION' ? 'RE009' : 'RE001';
    const message = code === 'RE009' ? t(locale, 'RE009', MAX_NESTING) : t(locale, 'RE001', e.message.split('\n')[0]);
    doc.problems.push({ severity: 'error', code, message, file, range: map.range(e.pos[0], e.pos[1]), data: { yamlCode: e.code } });
  }
  for (const w of yamlDoc.warnings) {
    doc.problems.push({ severity: 'warning', code: 'RE002', message: t(locale, 'RE002', w.message.split('\n')[0]), file, range: map.range(w.pos[0], w.pos[1]) });
  }

  for (const issue of guard.issues) {
    if (issue.kind === 'cycle') problem('RE008', issue.node, [issue.name ?? '']);
    else if (issue.kind === 'unresolved') problem('RE013', issue.node, [issue.name ?? '']);
    else problem('RE009', issue.node, [MAX_NESTING]);
  }

  let data: unknown;
  try {
    data = yamlDoc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (isStackOverflow(error)) doc.problems.push(fileProblem(file, 'RE009', locale, MAX_NESTING));
    else if (error instanceof ReferenceError && /alias/i.test(error.message)) doc.problems.push(fileProblem(file, 'RE004', locale));
    else doc.problems.push(fileProblem(file, 'RE001', locale, (error as Error).message));
    return doc;
  }
  // The alias count is sane: from here on, aliases read as the nodes they name.
  guard.inlineAliases();
  buildModel(doc, yamlDoc.contents, data, yamlDoc, map, locale);
  doc.problems = withoutEchoes(doc.problems);
  return doc;
}

/** Adds a problem placed on a node (or at the file's start without one) to `doc`. */
function reporter(doc: CriteriaDoc, map: SourceMap, locale: Locale) {
  return (code: MessageKey & `RE${string}`, node: Node | undefined, args: Array<string | number>, severity: Problem['severity'] = 'error') =>
    doc.problems.push({ severity, code, message: t(locale, code, ...args), file: doc.file, range: map.ofNode(node, EMPTY_RANGE) });
}

/** Schema problems, the model, and the rules' problems, from the composed document and its plain data. */
function buildModel(doc: CriteriaDoc, root: Node | null, data: unknown, yamlDoc: Document, map: SourceMap, locale: Locale): void {
  const file = doc.file;
  const problem = reporter(doc, map, locale);
  if (!isMap(root)) {
    problem('RE011', root ?? undefined, []);
    return;
  }
  try {
    doc.problems.push(...schemaProblems(data, yamlDoc, map, file, locale).filter((p) => p.data?.instancePath !== '/reformEvidence'));
    const format = nodeOf(root, 'reformEvidence');
    if (format && !(isScalar(format) && format.value === 1)) problem('RE012', format, [isScalar(format) ? String(format.source ?? format.value) : '?']);

    doc.version = numberOf(format);
    const evidenceRootRange = map.ofNode(nodeOf(nodeOf(root, 'index'), 'evidenceRoot'), EMPTY_RANGE);
    const extendsPair = pairOf(root, 'extends');
    if (extendsPair) {
      const value = nodeOf(root, 'extends');
      doc.extends = { path: (stringOf(value) ?? '').normalize('NFC'), range: map.ofNode(value ?? (extendsPair.key as Node), EMPTY_RANGE), evidenceRootRange };
    }
    const builder = new ModelBuilder(map, doc, locale);
    doc.index = builder.index(nodeOf(root, 'index'));
    builder.units(nodeOf(root, 'units'), doc.units);
    doc.areas = builder.nodes(nodeOf(root, 'criteria'), undefined, 0);
    doc.tasks = itemsOf(nodeOf(root, 'tasks')).flatMap((item) => builder.task(item));
    // A ward's entries are checked once the index they extend is merged in (parse/extends.ts).
    if (!doc.extends) doc.problems.push(...semanticProblems(doc, evidenceRootRange, locale));
  } catch (error) {
    // Aliases can still nest a tree deeper than the stack allows; anything else is a bug and must surface.
    if (!isStackOverflow(error)) throw error;
    doc.problems.push(fileProblem(file, 'RE009', locale, MAX_NESTING));
  }
}

/** Codes whose value the model ignored: a schema complaint at the same place only repeats them. */
const SHADOWING = new Set(['RE008', 'RE009', 'RE013', 'RE123']);

function withoutEchoes(problems: Problem[]): Problem[] {
  const at = (p: Problem) => `${p.range.start.line}:${p.range.start.character}`;
  const shadowed = new Set(problems.filter((p) => SHADOWING.has(p.code)).map(at));
  return shadowed.size === 0 ? problems : problems.filter((p) => p.code !== 'RE010' || !shadowed.has(at(p)));
}

class ModelBuilder {
  constructor(
    private readonly map: SourceMap,
    private readonly doc: CriteriaDoc,
    private readonly locale: Locale,
  ) {}

  private warn(code: MessageKey & `RE${string}`, node: Node, args: Array<string | number>, severity: Problem['severity'] = 'warning'): void {
    this.doc.problems.push({ severity, code, message: t(this.locale, code, ...args), file: this.doc.file, range: this.rangeOf(node) });
  }

  /** Display text of a scalar: control characters replaced (and reported), so no renderer can be tricked by them. */
  private text(node: Node | undefined): string | undefined {
    const value = stringOf(node);
    if (value === undefined || !hasControls(value)) return value;
    this.warn('RE206', node!, [controlCodePoints(value)]);
    return replaceControls(value);
  }

  /** An identifier: control characters replaced silently (the schema already rejects them). */
  private id(node: Node | undefined): string | undefined {
    const value = stringOf(node)?.trim().normalize('NFC');
    return value === undefined ? undefined : replaceControls(value);
  }

  /** A number within [0, max], else undefined; infinities, NaN and absurd values are reported. */
  private bounded(node: Node | undefined, field: string, max: number): number | undefined {
    if (isScalar(node) && typeof node.value === 'number' && (!Number.isFinite(node.value) || node.value > max)) {
      this.warn('RE123', node, [field, node.source ?? String(node.value), max], 'error');
      return undefined;
    }
    return numberOf(node);
  }

  index(node: Node | undefined): IndexInfo {
    const year = numberOf(nodeOf(node, 'year'));
    const evidenceRoot = (stringOf(nodeOf(node, 'evidenceRoot')) ?? 'evidence').normalize('NFC').replace(/\/+$/, '') || '.';
    const version = stringOf(nodeOf(node, 'version'))?.trim();
    return {
      id: this.id(nodeOf(node, 'id')) ?? '',
      title: this.text(nodeOf(node, 'title')) ?? '',
      year: year !== undefined && Number.isInteger(year) ? year : undefined,
      evidenceRoot,
      ...(version ? { version: replaceControls(version) } : {}),
    };
  }

  units(node: Node | undefined, units: Map<string, Unit>): void {
    if (!isMap(node)) return;
    for (const pair of node.items) {
      const id = this.id(pair.key as Node);
      if (!id || units.has(id)) continue;
      const value = pair.value as Node | null;
      units.set(id, {
        id,
        name: this.text(nodeOf(value, 'name')) ?? id,
        head: this.text(nodeOf(value, 'head')),
        range: this.map.ofNode(pair.key as Node, EMPTY_RANGE),
      });
    }
  }

  private rangeOf(node: Node | undefined): Range {
    return this.map.ofNode(node, EMPTY_RANGE);
  }

  private fields(item: YAMLMap): FieldRanges {
    const fields: FieldRanges = {};
    for (const pair of item.items) {
      const key = stringOf(pair.key);
      if (key === undefined) continue;
      setOwn(fields as Record<string, Range>, key, this.map.ofNode((pair.value ?? pair.key) as Node, EMPTY_RANGE));
    }
    return fields;
  }

  nodes(seq: Node | undefined, parentId: string | undefined, depth: number): CriterionNode[] {
    const result: CriterionNode[] = [];
    for (const item of itemsOf(seq)) {
      const node = this.node(item, parentId, depth);
      if (node) result.push(node);
    }
    return result;
  }

  private node(item: Node, parentId: string | undefined, depth: number): CriterionNode | undefined {
    if (!isMap(item)) return undefined;
    const idNode = nodeOf(item, 'id');
    const id = this.id(idNode);
    if (!id) return undefined;
    const childrenNode = nodeOf(item, 'children');
    const children = childrenNode ? this.nodes(childrenNode, id, depth + 1) : [];
    const declared = this.bounded(nodeOf(item, 'maxScore'), 'maxScore', MAX_SCORE);
    const isParent = pairOf(item, 'children') !== undefined;
    const measure = isParent ? undefined : this.measure(nodeOf(item, 'measure'));
    const evidence = isParent ? [] : this.requirements(nodeOf(item, 'evidence'));
    if (measure) evidence.push(this.dataRequirement(measure, evidence.length));
    const node: CriterionNode = {
      id,
      title: this.text(nodeOf(item, 'title')) ?? '',
      parentId,
      depth,
      children,
      maxScore: isParent ? (declared ?? roundScore(children.reduce((sum, c) => sum + c.maxScore, 0))) : Math.max(0, declared ?? 0),
      owner: this.id(nodeOf(item, 'owner')),
      due: stringOf(nodeOf(item, 'due')),
      evidence,
      ...(measure ? { measure } : {}),
      notApplicable: this.text(nodeOf(item, 'notApplicable')),
      selfScore: this.bounded(nodeOf(item, 'selfScore'), 'selfScore', MAX_SCORE),
      range: this.rangeOf(item),
      idRange: this.rangeOf(idNode),
      fields: this.fields(item),
    };
    if (!this.doc.byId.has(id)) this.doc.byId.set(id, node);
    return node;
  }

  /** `measure` of a leaf as written; rules.ts checks it and may mark it invalid. */
  private measure(node: Node | undefined): MeasureSpec | undefined {
    if (!isMap(node)) return undefined;
    const header = (key: string) => stringOf(nodeOf(node, key))?.trim().normalize('NFC') ?? '';
    const bands: MeasureBand[] = itemsOf(nodeOf(node, 'bands')).flatMap((band) => {
      const from = this.bounded(nodeOf(band, 'from'), 'from', MAX_SCORE);
      const score = this.bounded(nodeOf(band, 'score'), 'score', MAX_SCORE);
      return from !== undefined && score !== undefined ? [{ from, score }] : [];
    });
    const target = numberOf(nodeOf(nodeOf(node, 'proportional'), 'target'));
    const sheet = stringOf(nodeOf(node, 'sheet'))?.trim().normalize('NFC');
    return {
      data: (stringOf(nodeOf(node, 'data')) ?? '').normalize('NFC').replace(/^\.\//, ''),
      ...(sheet ? { sheet } : {}),
      period: header('period'),
      numerator: header('numerator'),
      denominator: header('denominator'),
      ...(pairOf(node, 'bands') ? { bands } : {}),
      ...(target !== undefined && Number.isFinite(target) ? { proportional: { target } } : {}),
      noCases: stringOf(nodeOf(node, 'noCases')) === 'full' ? 'full' : 'zero',
      over: stringOf(nodeOf(node, 'over')) === 'latest' ? 'latest' : 'year',
      valid: true,
      range: this.rangeOf(node),
      fields: this.fields(node),
    };
  }

  /** The data file counts as evidence: one more requirement, a literal path ("Data" / "Số liệu"). */
  private dataRequirement(measure: MeasureSpec, index: number): Requirement {
    const range = measure.fields.data ?? measure.range;
    return { title: t(this.locale, 'measure.dataTitle'), path: measure.data, min: 1, index, range, valid: true, fields: { path: range }, data: true };
  }

  requirements(seq: Node | undefined): Requirement[] {
    return itemsOf(seq).flatMap((item, index) => {
      if (!isMap(item)) return [];
      const glob = stringOf(nodeOf(item, 'path'));
      if (glob === undefined) return [];
      const min = this.bounded(nodeOf(item, 'min'), 'min', MAX_MIN_FILES);
      return [{
        title: this.text(nodeOf(item, 'title')) ?? replaceControls(glob),
        path: glob.normalize('NFC'),
        min: min !== undefined && Number.isInteger(min) && min >= 1 ? min : 1,
        index,
        range: this.rangeOf(item),
        valid: true,
        fields: this.fields(item),
      }];
    });
  }

  task(item: Node): Task[] {
    if (!isMap(item)) return [];
    const idNode = nodeOf(item, 'id');
    const id = this.id(idNode);
    if (!id) return [];
    const criteria = this.references(nodeOf(item, 'criteria'));
    const support = this.references(nodeOf(item, 'support'));
    return [{
      id,
      title: this.text(nodeOf(item, 'title')) ?? '',
      owner: this.id(nodeOf(item, 'owner')) ?? '',
      support: support.map((r) => r.value),
      due: stringOf(nodeOf(item, 'due')),
      source: this.text(nodeOf(item, 'source')),
      criteria: criteria.map((r) => r.value),
      evidence: this.requirements(nodeOf(item, 'evidence')),
      range: this.rangeOf(item),
      idRange: this.rangeOf(idNode),
      fields: this.fields(item),
      criteriaRanges: criteria.map((r) => r.range),
      supportRanges: support.map((r) => r.range),
    }];
  }

  private references(seq: Node | undefined): Array<{ value: string; range: Range }> {
    return itemsOf(seq).flatMap((n) => {
      const value = this.id(n);
      return value ? [{ value, range: this.rangeOf(n) }] : [];
    });
  }
}
