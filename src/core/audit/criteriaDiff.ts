// Semantic diff of the criteria file between two revisions: criteria and tasks added, removed or moved
// (renumbered), and changes of title, maxScore, owner, due, waiver and evidence requirements.
import { realpathSync } from 'node:fs';
import * as path from 'node:path';
import { t, type Locale } from '../i18n/messages';
import type { CriteriaDoc, Requirement } from '../model/types';
import { MAX_CRITERIA_BYTES, parseCriteria } from '../parse/parseCriteria';
import { readCriteriaText } from '../workspace/loadWorkspace';
import { UnreadableFileError } from '../fs/readBounded';
import type { Git } from '../git/git';
import { resolveCommit } from '../git/revision';

export type CriteriaChange =
  | { kind: 'added' | 'removed'; what: 'criterion' | 'task'; id: string; title: string }
  | { kind: 'moved'; what: 'criterion' | 'task'; from: string; to: string; title: string }
  | { kind: 'field'; id: string; field: string; before: string; after: string }
  | { kind: 'reqAdded' | 'reqRemoved'; id: string; title: string; path: string }
  | { kind: 'reqChanged'; id: string; title: string; field: 'path' | 'min' | 'title'; before: string; after: string };

/** Comparable facts of one criterion or task. */
interface Item {
  what: 'criterion' | 'task';
  id: string;
  title: string;
  fields: Record<string, string>;
  evidence: Requirement[];
}

const show = (value: unknown): string => (value === undefined || value === null || value === '' ? '—' : Array.isArray(value) ? value.join(', ') || '—' : String(value));

function items(doc: CriteriaDoc): Map<string, Item> {
  const map = new Map<string, Item>();
  for (const node of doc.byId.values()) {
    map.set(`criterion:${node.id}`, {
      what: 'criterion',
      id: node.id,
      title: node.title,
      fields: { title: node.title, maxScore: show(node.maxScore), owner: show(node.owner), due: show(node.due), notApplicable: show(node.notApplicable), selfScore: show(node.selfScore) },
      evidence: node.evidence,
    });
  }
  for (const task of doc.tasks) {
    map.set(`task:${task.id}`, {
      what: 'task',
      id: task.id,
      title: task.title,
      fields: { title: task.title, owner: show(task.owner), support: show(task.support), due: show(task.due), criteria: show(task.criteria), source: show(task.source) },
      evidence: task.evidence,
    });
  }
  return map;
}

const sameTitle = (a: string, b: string) => a.normalize('NFC').trim().toLowerCase() === b.normalize('NFC').trim().toLowerCase();

function diffRequirements(id: string, before: Requirement[], after: Requirement[], out: CriteriaChange[]): void {
  const unmatched = [...after];
  for (const old of before) {
    let at = unmatched.findIndex((r) => sameTitle(r.title, old.title));
    if (at < 0) at = unmatched.findIndex((r) => r.path === old.path);
    if (at < 0) {
      out.push({ kind: 'reqRemoved', id, title: old.title, path: old.path });
      continue;
    }
    const now = unmatched.splice(at, 1)[0];
    if (!sameTitle(now.title, old.title)) out.push({ kind: 'reqChanged', id, title: now.title, field: 'title', before: old.title, after: now.title });
    if (now.path !== old.path) out.push({ kind: 'reqChanged', id, title: now.title, field: 'path', before: old.path, after: now.path });
    if (now.min !== old.min) out.push({ kind: 'reqChanged', id, title: now.title, field: 'min', before: String(old.min), after: String(now.min) });
  }
  for (const r of unmatched) out.push({ kind: 'reqAdded', id, title: r.title, path: r.path });
}

/** Changes from `before` to `after`; a removed and an added item with the same title count as one move. */
export function diffCriteria(before: CriteriaDoc, after: CriteriaDoc): CriteriaChange[] {
  const a = items(before);
  const b = items(after);
  const changes: CriteriaChange[] = [];
  const removed = [...a.entries()].filter(([key]) => !b.has(key)).map(([, item]) => item);
  const added = [...b.entries()].filter(([key]) => !a.has(key)).map(([, item]) => item);
  const compare = (old: Item, now: Item) => {
    for (const field of Object.keys(now.fields)) {
      if (field === 'title' && old.id !== now.id) continue;
      if (old.fields[field] !== now.fields[field]) changes.push({ kind: 'field', id: now.id, field, before: old.fields[field] ?? '—', after: now.fields[field] });
    }
    diffRequirements(now.id, old.evidence, now.evidence, changes);
  };
  for (const old of removed) {
    const at = added.findIndex((n) => n.what === old.what && sameTitle(n.title, old.title));
    if (at < 0) {
      changes.push({ kind: 'removed', what: old.what, id: old.id, title: old.title });
      continue;
    }
    const now = added.splice(at, 1)[0];
    changes.push({ kind: 'moved', what: now.what, from: old.id, to: now.id, title: now.title });
    compare(old, now);
  }
  for (const now of added) changes.push({ kind: 'added', what: now.what, id: now.id, title: now.title });
  for (const [key, now] of b) {
    const old = a.get(key);
    if (old) compare(old, now);
  }
  return changes;
}

export function changeText(change: CriteriaChange, locale: Locale): string {
  const label = (what: 'criterion' | 'task', id: string) => (what === 'task' ? id : `${locale === 'vi' ? 'tiêu chí' : 'criterion'} ${id}`);
  switch (change.kind) {
    case 'added':
      return t(locale, 'cdiff.added', label(change.what, change.id), change.title);
    case 'removed':
      return t(locale, 'cdiff.removed', label(change.what, change.id), change.title);
    case 'moved':
      return t(locale, 'cdiff.moved', change.from, change.to, change.title);
    case 'field':
      return t(locale, 'cdiff.field', change.id, change.field, change.before, change.after);
    case 'reqAdded':
      return t(locale, 'cdiff.reqAdded', change.id, change.title, change.path);
    case 'reqRemoved':
      return t(locale, 'cdiff.reqRemoved', change.id, change.title, change.path);
    case 'reqChanged':
      return t(locale, 'cdiff.reqChanged', change.id, change.title, change.field, change.before, change.after);
  }
}

/** A readable list: a header line, then one "- " line per change (or a line saying there is none). */
export function renderCriteriaDiff(changes: CriteriaChange[], locale: Locale, header?: string): string {
  const lines = header ? [header] : [];
  if (changes.length === 0) lines.push(t(locale, 'cdiff.none'));
  else for (const change of changes) lines.push(`- ${changeText(change, locale)}`);
  return lines.join('\n') + '\n';
}

/** The criteria file's text at `rev`, or undefined when it did not exist there; an unknown `rev` is a `badRevision` error. */
export async function criteriaTextAt(git: Git, top: string, file: string, rev: string): Promise<string | undefined> {
  const hash = await resolveCommit(git, rev);
  let real = file;
  try {
    real = realpathSync.native(file);
  } catch {
    // A deleted file keeps its given path.
  }
  const relative = path.relative(top, real).split(path.sep).join('/');
  try {
    return (await git.readBuffer(['cat-file', 'blob', `${hash}:${relative}`], { bytes: MAX_CRITERIA_BYTES, path: `${hash}:${relative}` })).toString('utf8');
  } catch (error) {
    if (error instanceof UnreadableFileError) throw error;
    return undefined;
  }
}

export interface CriteriaDiffResult {
  changes: CriteriaChange[];
  from: string;
  to: string;
}

/**
 * Compares the criteria file at `from` with `to` (a revision), or with the working tree when `to` is omitted.
 * Returns undefined for a side where the file does not exist.
 */
export async function diffCriteriaRevisions(git: Git, top: string, file: string, from: string, to?: string): Promise<{ before?: CriteriaDoc; after?: CriteriaDoc; changes: CriteriaChange[] }> {
  const beforeText = await criteriaTextAt(git, top, file, from);
  const afterText = to ? await criteriaTextAt(git, top, file, to) : await readCriteriaText(file).then((r) => r.text, () => undefined);
  const before = beforeText === undefined ? undefined : parseCriteria(beforeText, file);
  const after = afterText === undefined ? undefined : parseCriteria(afterText, file);
  return { before, after, changes: before && after ? diffCriteria(before, after) : [] };
}
