// `extends:` — a ward's criteria file scored on the city's index file. The index gives the tree, titles, scores and
// evidence requirements; the ward adds units, owners, deadlines, self-scores, waivers, tasks and extra requirements.
// One level only: an index file that itself extends another is refused (a cycle is named as such).
import { crypto } from '../node/lazy';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { readBounded, UnreadableFileError } from '../fs/readBounded';
import { t, type Locale, type MessageKey } from '../i18n/messages';
import type { BaseIndex, CriteriaDoc, CriterionNode, FieldRanges, Problem, Range, Requirement, Unit } from '../model/types';
import { semanticProblems } from '../validate/rules';
import { unsafePathReason } from '../validate/paths';
import { MAX_CRITERIA_BYTES } from './parseCriteria';
import { parseCriteriaBytes, type ParseBytes } from './readCriteriaFile';
import { escapeControls } from './text';

type Code = MessageKey & `RE${string}`;
type Reason = Extract<MessageKey, `reason.${string}`>;

/** The bytes of the index file, or why they cannot be had. */
export type IndexFileRead = { bytes: Uint8Array } | { reason: Reason } | { error: string };
/** Reads the index file (absolute path): from disk by default, from a commit's tree for a status at a revision. */
export type ReadIndexFile = (file: string) => Promise<IndexFileRead>;

export interface ExtendsOptions {
  locale?: Locale;
  fast?: boolean;
  read?: ReadIndexFile;
  /** Parses the index file's bytes (default parseCriteriaBytes; the portfolio's cache of parses). */
  parseBytes?: ParseBytes;
}

/** Git's blob id of `bytes` (`git hash-object`): the index's version when it has no `index.version`. */
export function blobId(bytes: Uint8Array): string {
  return crypto().createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

function problemAt(file: string, code: Code, range: Range, locale: Locale, args: Array<string | number>): Problem {
  return { severity: 'error', code, message: t(locale, code, ...args), file, range };
}

/** The absolute path `extends` names, or the problem with it: the same path rules as evidence paths, inside the ward's folder. */
export function extendsTarget(ward: CriteriaDoc, locale: Locale = 'en'): { file: string } | { problem: Problem } {
  const clause = ward.extends!;
  const reason = unsafePathReason(clause.path);
  if (reason) {
    const why = t(locale, reason === 'reason.parent' ? 'reason.leavesFolder' : reason);
    return { problem: problemAt(ward.file, 'RE180', clause.range, locale, [escapeControls(clause.path), why]) };
  }
  return { file: path.resolve(ward.baseDir, clause.path) };
}

/** Reads from disk, refusing a link that leads out of `folder` and anything but a regular file. */
export function diskReader(folder: string): ReadIndexFile {
  return async (file) => {
    try {
      const [real, realFolder] = await Promise.all([fs.realpath(file), fs.realpath(folder)]);
      if (!real.startsWith(realFolder.endsWith(path.sep) ? realFolder : realFolder + path.sep)) return { reason: 'reason.linkOutside' };
      return { bytes: await readBounded(real, MAX_CRITERIA_BYTES) };
    } catch (error) {
      if (error instanceof UnreadableFileError) return { reason: error.reason === 'tooLarge' ? 'reason.tooLargeIndex' : 'reason.notAFile' };
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return { reason: 'reason.noSuchFile' };
      return { error: (error as Error).message };
    }
  };
}

/** Reads and parses the index file `ward` extends. Never throws: what goes wrong is `problem`, placed on `extends`. */
export async function loadBase(ward: CriteriaDoc, options: ExtendsOptions = {}): Promise<BaseIndex> {
  const locale = options.locale ?? 'en';
  const clause = ward.extends!;
  const target = extendsTarget(ward, locale);
  if ('problem' in target) return { problem: target.problem };
  const file = target.file;
  if (file === ward.file) return { file, problem: problemAt(ward.file, 'RE183', clause.range, locale, [`${path.basename(ward.file)} → ${path.basename(ward.file)}`]) };
  const read = await (options.read ?? diskReader(ward.baseDir))(file);
  if (!('bytes' in read)) {
    const why = 'reason' in read ? t(locale, read.reason) : read.error;
    return { file, problem: problemAt(ward.file, 'RE181', clause.range, locale, [escapeControls(clause.path), why]) };
  }
  return { file, doc: (options.parseBytes ?? parseCriteriaBytes)(read.bytes, file, { locale, fast: options.fast }), blob: blobId(read.bytes) };
}

/** `ward` merged with the index file it extends (reading it), or `ward` itself when it extends nothing. */
export async function resolveExtends(ward: CriteriaDoc, options: ExtendsOptions = {}): Promise<CriteriaDoc> {
  if (!ward.extends) return ward;
  return mergeExtends(ward, await loadBase(ward, options), options.locale ?? 'en');
}

const remap = (fields: FieldRanges, at: Range): FieldRanges => Object.fromEntries(Object.keys(fields).map((k) => [k, at]));

/** A node of the index, copied into the ward: every range on `extends` (the ward's file does not hold it). */
function adopt(node: CriterionNode, at: Range): CriterionNode {
  const copy: CriterionNode = {
    ...node,
    range: at,
    idRange: at,
    fields: remap(node.fields, at),
    evidence: node.evidence.map((r) => ({ ...r, range: at, fields: remap(r.fields, at) })),
    children: node.children.map((c) => adopt(c, at)),
  };
  if (node.measure) copy.measure = { ...node.measure, ...(node.measure.bands ? { bands: node.measure.bands.map((b) => ({ ...b })) } : {}), range: at, fields: remap(node.measure.fields, at) };
  return copy;
}

const sameRange = (a: Range, b: Range) =>
  a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;

/** Fields a ward may set on a criterion of the index. */
const WARD_FIELDS = ['owner', 'due', 'selfScore', 'notApplicable'] as const;

/**
 * The ward's model: the index's tree with the ward's entries laid over it by id, the ward's units and tasks. Pure.
 * Problems of the ward's entries are placed in the ward's file; the index file's own errors become one error on
 * `extends` (they are shown in the index file itself).
 */
export function mergeExtends(ward: CriteriaDoc, base: BaseIndex, locale: Locale = 'en'): CriteriaDoc {
  const clause = ward.extends!;
  const at = clause.range;
  const problems: Problem[] = [...ward.problems];
  const report = (code: Code, range: Range, args: Array<string | number>) => problems.push(problemAt(ward.file, code, range, locale, args));
  const merged: CriteriaDoc = { ...ward, index: { ...ward.index }, units: new Map(), areas: [], byId: new Map(), problems, base };
  const rel = (file: string) => path.relative(ward.baseDir, file).split(path.sep).join('/');

  if (base.problem) {
    problems.push(base.problem);
    merged.units = new Map(ward.units);
    return merged;
  }
  const index = base.doc!;
  if (index.extends) {
    const next = extendsTarget(index, locale);
    if ('file' in next && next.file === ward.file) report('RE183', at, [`${rel(ward.file)} → ${rel(index.file)} → ${rel(ward.file)}`]);
    else report('RE184', at, [rel(index.file), index.extends.path]);
    merged.units = new Map(ward.units);
    return merged;
  }
  const errors = index.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    const first = errors[0];
    report('RE182', at, [rel(index.file), errors.length, `${rel(index.file)}:${first.range.start.line + 1}:${first.range.start.character + 1}: ${first.code} ${first.message}`]);
  }

  merged.index = {
    ...ward.index,
    id: ward.index.id || index.index.id,
    title: ward.index.title || index.index.title,
    year: ward.index.year ?? index.index.year,
    extends: { path: clause.path, id: index.index.id, title: index.index.title, ...(index.index.year !== undefined ? { year: index.index.year } : {}), version: index.index.version ?? base.blob ?? '' },
  };
  for (const [id, unit] of index.units) merged.units.set(id, { ...unit, range: at } satisfies Unit);
  for (const [id, unit] of ward.units) merged.units.set(id, unit);
  merged.areas = index.areas.map((a) => adopt(a, at));
  const byId = merged.byId;
  const collect = (node: CriterionNode) => {
    if (!byId.has(node.id)) byId.set(node.id, node);
    node.children.forEach(collect);
  };
  merged.areas.forEach(collect);

  const seen = new Map<string, CriterionNode>();
  const visit = (entry: CriterionNode, under: string | undefined) => {
    const first = seen.get(entry.id);
    if (first) {
      report('RE100', entry.idRange, [entry.id, first.idRange.start.line + 1]);
      return;
    }
    seen.set(entry.id, entry);
    const target = byId.get(entry.id);
    if (!target) {
      report('RE185', entry.idRange, [entry.id, index.index.id]);
      entry.children.forEach((c) => visit(c, entry.id));
      return;
    }
    if (under !== undefined && target.parentId !== under) report('RE189', entry.idRange, [entry.id, target.parentId ?? '—', under]);
    if (entry.fields.title && entry.title !== target.title) report('RE187', entry.fields.title, [entry.id, target.title]);
    if (entry.fields.maxScore && Math.abs(entry.maxScore - target.maxScore) > 1e-9) report('RE186', entry.fields.maxScore, [entry.id, target.maxScore]);
    if (entry.fields.children) {
      const listed = new Set(entry.children.map((c) => c.id));
      const missing = target.children.filter((c) => !listed.has(c.id)).map((c) => `"${c.id}"`);
      if (missing.length > 0) report('RE188', entry.fields.children, [entry.id, missing.join(', ')]);
    }
    // The ward's line is where the editor goes for this criterion.
    target.range = entry.range;
    target.idRange = entry.idRange;
    const fields = target as unknown as Record<string, unknown>;
    for (const key of WARD_FIELDS) {
      if (!entry.fields[key]) continue;
      fields[key] = (entry as unknown as Record<string, unknown>)[key];
      target.fields[key] = entry.fields[key];
    }
    if (entry.evidence.length > 0 && target.children.length === 0) {
      // The measure's data file stays last (CriterionNode.measure).
      const own = target.evidence.filter((r) => !r.data);
      const data = target.evidence.filter((r) => r.data);
      target.evidence = [...own, ...entry.evidence, ...data].map((r, i): Requirement => ({ ...r, index: i }));
    }
    entry.children.forEach((c) => visit(c, entry.id));
  };
  ward.areas.forEach((entry) => visit(entry, undefined));

  // The usual checks on the merged model; what they say about the index's own lines is the index file's business.
  const checks = semanticProblems(merged, clause.evidenceRootRange, locale);
  problems.push(...checks.filter((p) => !sameRange(p.range, at) || p.code === 'RE110'));
  return merged;
}
