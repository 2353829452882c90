// Each distinct criteria text parsed once per portfolio run (per thread): the wards of a city share one index (a
// copied file, or the city's index file they extend), and parsing it was a third of a ward's JavaScript. Keyed by
// the bytes and what the parse reads besides them (locale, fast reading); each ward gets its own copy on its own
// path, as a fresh parse of its file gives: later steps push problems into it and mark requirements invalid.
import { crypto } from '../node/lazy';
import * as path from 'node:path';
import type { Locale } from '../i18n/messages';
import type { CriteriaDoc, CriterionNode, FieldRanges, Requirement, Task } from '../model/types';
import { parseCriteriaBytes, type ParseBytes } from '../parse/readCriteriaFile';

export interface ParseCache {
  /** parseCriteriaBytes, from the cache when the same bytes were parsed with the same options. */
  parseBytes: ParseBytes;
  /** Texts parsed, and parses answered from the cache (the tests and the bench read them). */
  readonly parsed: number;
  readonly reused: number;
}

/** Distinct texts kept (the oldest goes first): a city of different files only parses as before. */
const KEPT = 32;

/**
 * A cache of parses. The copy shares only what nothing changes once parsed: ranges, strings, a problem's data, a
 * unit. A new mutable field of the model must be copied in `onPath` (parseCache.test.ts compares the copies with
 * fresh parses, and the cached parse with a fresh one after wards were loaded from it).
 */
export function createParseCache(kept = KEPT): ParseCache {
  const docs = new Map<string, CriteriaDoc>();
  const cache = {
    parsed: 0,
    reused: 0,
    parseBytes(bytes: Uint8Array, file: string, options: { locale?: Locale; fast?: boolean } = {}): CriteriaDoc {
      const key = `${options.locale ?? 'en'}\0${options.fast ? 1 : 0}\0${crypto().createHash('sha256').update(bytes).digest('hex')}`;
      let doc = docs.get(key);
      if (doc) cache.reused++;
      else {
        doc = parseCriteriaBytes(bytes, file, options);
        cache.parsed++;
        if (docs.size >= kept) docs.delete(docs.keys().next().value!);
        docs.set(key, doc);
      }
      return onPath(doc, file);
    },
  };
  return cache;
}

// Spread: a `__proto__:` key of the file is an own field (parseCriteria), copied as one.
const fieldsOf = (fields: FieldRanges): FieldRanges => ({ ...fields });
const requirementOf = (r: Requirement): Requirement => ({ ...r, fields: fieldsOf(r.fields) });

function taskOf(task: Task): Task {
  return {
    ...task,
    support: [...task.support],
    criteria: [...task.criteria],
    evidence: task.evidence.map(requirementOf),
    fields: fieldsOf(task.fields),
    criteriaRanges: [...task.criteriaRanges],
    supportRanges: [...task.supportRanges],
  };
}

/** A copy of `doc` (a parse of one file's bytes) as the parse of the same bytes at `file` gives it. */
export function onPath(doc: CriteriaDoc, file: string): CriteriaDoc {
  const copies = new Map<CriterionNode, CriterionNode>();
  const nodeOf = (node: CriterionNode): CriterionNode => {
    const copy: CriterionNode = { ...node, children: node.children.map(nodeOf), evidence: node.evidence.map(requirementOf), fields: fieldsOf(node.fields) };
    if (node.measure) copy.measure = { ...node.measure, fields: fieldsOf(node.measure.fields), ...(node.measure.bands ? { bands: node.measure.bands.map((b) => ({ ...b })) } : {}) };
    copies.set(node, copy);
    return copy;
  };
  const areas = doc.areas.map(nodeOf);
  const copy: CriteriaDoc = {
    ...doc,
    file,
    baseDir: path.dirname(file),
    index: { ...doc.index },
    units: new Map([...doc.units].map(([id, unit]) => [id, { ...unit }])),
    areas,
    // The same entries in the same order (a parse adds children before their parent).
    byId: new Map([...doc.byId].map(([id, node]) => [id, copies.get(node) ?? nodeOf(node)])),
    tasks: doc.tasks.map(taskOf),
    // Every problem of a parse is placed in the file parsed.
    problems: doc.problems.map((p) => ({ ...p, ...(p.file === doc.file ? { file } : {}) })),
  };
  if (doc.extends) copy.extends = { ...doc.extends };
  return copy;
}
