// Turns the text of a criteria file into a CriteriaDoc: whatever parts are valid, plus every problem, located.
import * as path from 'node:path';
import { isMap, LineCounter, parseDocument, type Node, type YAMLMap } from 'yaml';
import { t, type Locale, type MessageKey } from '../i18n/messages';
import type { CriteriaDoc, CriterionNode, FieldRanges, IndexInfo, Problem, Range, Requirement, Task, Unit } from '../model/types';
import { roundScore } from '../model/score';
import { schemaProblems } from '../validate/schema';
import { semanticProblems } from '../validate/rules';
import { EMPTY_RANGE, itemsOf, nodeOf, numberOf, pairOf, SourceMap, stringOf } from './yamlSource';

/** Larger files are refused before parsing: no real index comes near it, and parsing would stall the editor. */
export const MAX_CRITERIA_BYTES = 5 * 1024 * 1024;
/** Alias expansions allowed when converting to plain data; a "billion laughs" file exceeds it. */
const MAX_ALIAS_COUNT = 1000;

export interface ParseOptions {
  locale?: Locale;
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
  if (text.includes('\u0000')) {
    doc.problems.push(fileProblem(file, 'RE006', locale));
    return doc;
  }
  // Editors hide the BOM; dropping it keeps our columns equal to theirs.
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = new LineCounter();
  const yamlDoc = parseDocument(source, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, keepSourceTokens: false });
  const map = new SourceMap(lines);

  for (const e of yamlDoc.errors) {
    doc.problems.push({ severity: 'error', code: 'RE001', message: t(locale, 'RE001', e.message.split('\n')[0]), file, range: map.range(e.pos[0], e.pos[1]), data: { yamlCode: e.code } });
  }
  for (const w of yamlDoc.warnings) {
    doc.problems.push({ severity: 'warning', code: 'RE002', message: t(locale, 'RE002', w.message.split('\n')[0]), file, range: map.range(w.pos[0], w.pos[1]) });
  }

  let data: unknown;
  try {
    data = yamlDoc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const code = error instanceof ReferenceError && /alias/i.test(error.message) ? 'RE004' : 'RE001';
    doc.problems.push(code === 'RE004' ? fileProblem(file, 'RE004', locale) : fileProblem(file, 'RE001', locale, (error as Error).message));
    return doc;
  }
  doc.problems.push(...schemaProblems(data, yamlDoc, map, file, locale));
  const root = yamlDoc.contents;
  if (!isMap(root)) return doc;

  doc.version = numberOf(nodeOf(root, 'reformEvidence'));
  doc.index = readIndex(nodeOf(root, 'index'));
  readUnits(nodeOf(root, 'units'), map, doc.units);
  const builder = new ModelBuilder(map, doc);
  doc.areas = builder.nodes(nodeOf(root, 'criteria'), undefined, 0);
  doc.tasks = itemsOf(nodeOf(root, 'tasks')).flatMap((item) => builder.task(item));
  doc.problems.push(...semanticProblems(doc, map, root, locale));
  return doc;
}

function readIndex(node: Node | undefined): IndexInfo {
  const year = numberOf(nodeOf(node, 'year'));
  const evidenceRoot = (stringOf(nodeOf(node, 'evidenceRoot')) ?? 'evidence').normalize('NFC').replace(/\/+$/, '') || '.';
  return {
    id: stringOf(nodeOf(node, 'id')) ?? '',
    title: stringOf(nodeOf(node, 'title')) ?? '',
    year: year !== undefined && Number.isInteger(year) ? year : undefined,
    evidenceRoot,
  };
}

function readUnits(node: Node | undefined, map: SourceMap, units: Map<string, Unit>): void {
  if (!isMap(node)) return;
  for (const pair of node.items) {
    const id = stringOf(pair.key);
    if (!id || units.has(id)) continue;
    const value = pair.value as Node | null;
    units.set(id, {
      id,
      name: stringOf(nodeOf(value, 'name')) ?? id,
      head: stringOf(nodeOf(value, 'head')),
      range: map.ofNode(pair.key as Node, EMPTY_RANGE),
    });
  }
}

class ModelBuilder {
  constructor(
    private readonly map: SourceMap,
    private readonly doc: CriteriaDoc,
  ) {}

  private rangeOf(node: Node | undefined): Range {
    return this.map.ofNode(node, EMPTY_RANGE);
  }

  private fields(item: YAMLMap): FieldRanges {
    const fields: FieldRanges = {};
    for (const pair of item.items) {
      const key = stringOf(pair.key);
      if (key !== undefined) fields[key] = this.map.ofNode((pair.value ?? pair.key) as Node, EMPTY_RANGE);
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
    const id = stringOf(idNode)?.trim().normalize('NFC');
    if (!id) return undefined;
    const childrenNode = nodeOf(item, 'children');
    const children = childrenNode ? this.nodes(childrenNode, id, depth + 1) : [];
    const declared = numberOf(nodeOf(item, 'maxScore'));
    const isParent = pairOf(item, 'children') !== undefined;
    const node: CriterionNode = {
      id,
      title: stringOf(nodeOf(item, 'title')) ?? '',
      parentId,
      depth,
      children,
      maxScore: isParent ? (declared ?? roundScore(children.reduce((sum, c) => sum + c.maxScore, 0))) : Math.max(0, declared ?? 0),
      owner: stringOf(nodeOf(item, 'owner')),
      due: stringOf(nodeOf(item, 'due')),
      evidence: isParent ? [] : this.requirements(nodeOf(item, 'evidence')),
      notApplicable: stringOf(nodeOf(item, 'notApplicable')),
      selfScore: numberOf(nodeOf(item, 'selfScore')),
      range: this.rangeOf(item),
      idRange: this.rangeOf(idNode),
      fields: this.fields(item),
    };
    if (!this.doc.byId.has(id)) this.doc.byId.set(id, node);
    return node;
  }

  requirements(seq: Node | undefined): Requirement[] {
    return itemsOf(seq).flatMap((item, index) => {
      if (!isMap(item)) return [];
      const glob = stringOf(nodeOf(item, 'path'));
      if (glob === undefined) return [];
      const min = numberOf(nodeOf(item, 'min'));
      return [{
        title: stringOf(nodeOf(item, 'title')) ?? glob,
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
    const id = stringOf(idNode)?.trim();
    if (!id) return [];
    const criteria = this.references(nodeOf(item, 'criteria'));
    const support = this.references(nodeOf(item, 'support'));
    return [{
      id,
      title: stringOf(nodeOf(item, 'title')) ?? '',
      owner: stringOf(nodeOf(item, 'owner')) ?? '',
      support: support.map((r) => r.value),
      due: stringOf(nodeOf(item, 'due')),
      source: stringOf(nodeOf(item, 'source')),
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
      const value = stringOf(n)?.trim().normalize('NFC');
      return value ? [{ value, range: this.rangeOf(n) }] : [];
    });
  }
}
