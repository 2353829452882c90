// Quick fixes computed from a problem's `data`: only where the right edit is clear.
import { t, type Locale } from '../i18n/messages';
import type { CriteriaDoc, Problem, Range } from '../model/types';
import { isDirectChild } from '../validate/rules';
import { unsafeGlobReason } from '../validate/paths';
import { allNodes } from './tokens';
import { eolOf, indentOf, isEmptyRange, linesOf, quoteLike, textIn, type TextEdit } from './text';

export interface QuickFix {
  title: string;
  /** The problem code it fixes. */
  code: string;
  edits: TextEdit[];
}

const UNIT_ID = /^[A-Za-z][A-Za-z0-9_-]*$/;

function point(line: number, character: number): Range {
  return { start: { line, character }, end: { line, character } };
}

/** Inserts `id: { name: "id" }` after the last unit, in the same indentation; the user renames it later. */
export function addUnitEdit(doc: CriteriaDoc, text: string, id: string): TextEdit | undefined {
  if (!UNIT_ID.test(id) || doc.units.has(id)) return undefined;
  const lines = linesOf(text);
  const eol = eolOf(text);
  const entry = (indent: number) => `${' '.repeat(indent)}${id}: { name: "${id}" }`;
  const last = [...doc.units.values()].sort((a, b) => b.range.start.line - a.range.start.line)[0];
  if (last) {
    const keyLine = last.range.start.line;
    const indent = last.range.start.character;
    // A flow mapping (`units: { VP: … }`) has no line of its own to copy.
    if (lines[keyLine].slice(0, indent).trim() !== '') return undefined;
    let end = keyLine;
    for (let i = keyLine + 1; i < lines.length; i++) {
      const line = lines[i];
      if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
      if (indentOf(line) <= indent) break;
      end = i;
    }
    return end + 1 < lines.length
      ? { range: point(end + 1, 0), newText: entry(indent) + eol }
      : { range: point(end, lines[end].length), newText: eol + entry(indent) };
  }
  const unitsLine = lines.findIndex((line) => /^units\s*:\s*(#.*)?$/.test(line));
  if (unitsLine >= 0) return { range: point(unitsLine + 1, 0), newText: entry(2) + eol };
  const criteriaLine = lines.findIndex((line) => /^criteria\s*:/.test(line));
  if (criteriaLine >= 0) return { range: point(criteriaLine, 0), newText: `units:${eol}${entry(2)}${eol}` };
  return undefined;
}

/** The next id after the last sibling under `parentId` (an area number when undefined) that no node uses. */
export function nextFreeId(doc: CriteriaDoc, parentId: string | undefined): string {
  const ids = new Set(allNodes(doc).map((n) => n.id));
  const siblings = [...ids].filter((id) => (parentId === undefined ? /^\d+$/.test(id) : isDirectChild(id, parentId)));
  let n = Math.max(0, ...siblings.map((id) => Number(id.split('.').pop())).filter(Number.isFinite)) + 1;
  const make = (k: number) => (parentId === undefined ? String(k) : `${parentId}.${k}`);
  while (ids.has(make(n))) n++;
  return make(n);
}

/** The glob without what makes it unsafe (leading `/`, drive letter, `~`, `!`, `..`, `\`), or undefined when that is not enough. */
export function safeGlob(glob: string): string | undefined {
  const clean = (path: string) =>
    path
      .replace(/\\/g, '/')
      .replace(/^[A-Za-z]:/, '')
      .replace(/^~/, '')
      .replace(/^!+(?!\()/, '')
      .split('/')
      .filter((segment) => segment !== '..' && segment !== '.' && segment !== '')
      .join('/');
  let cleaned = glob;
  // Cutting one prefix may uncover another (`~/C:/…`): repeat until nothing changes.
  for (let next = clean(cleaned); next !== cleaned; next = clean(cleaned)) cleaned = next;
  if (cleaned === glob || unsafeGlobReason(cleaned) !== undefined) return undefined;
  return cleaned;
}

function stringData(problem: Problem, key: string): string | undefined {
  const value = problem.data?.[key];
  return typeof value === 'string' ? value : undefined;
}

/** The fixes for one problem of `doc` (parsed from `text`); empty when no fix is clear. */
export function quickFixesFor(doc: CriteriaDoc, text: string, problem: Problem, locale: Locale): QuickFix[] {
  const fix = (title: string, edit: TextEdit | undefined): QuickFix[] => (edit ? [{ title, code: problem.code, edits: [edit] }] : []);
  switch (problem.code) {
    case 'RE110': {
      const unit = stringData(problem, 'unit');
      return unit ? fix(t(locale, 'fix.addUnit', unit), addUnitEdit(doc, text, unit)) : [];
    }
    case 'RE121': {
      const id = stringData(problem, 'id');
      const sum = problem.data?.sum;
      if (!id || typeof sum !== 'number' || isEmptyRange(problem.range)) return [];
      return fix(t(locale, 'fix.setMaxScore', id, sum), { range: problem.range, newText: String(sum) });
    }
    case 'RE100':
    case 'RE120': {
      const id = stringData(problem, 'id');
      if (!id || isEmptyRange(problem.range)) return [];
      const next = nextFreeId(doc, stringData(problem, 'parentId'));
      return fix(t(locale, 'fix.renameId', id, next), { range: problem.range, newText: quoteLike(textIn(text, problem.range), next) });
    }
    case 'RE140':
    case 'RE141': {
      const path = stringData(problem, 'path');
      const safe = path === undefined ? undefined : safeGlob(path);
      if (safe === undefined || isEmptyRange(problem.range)) return [];
      return fix(t(locale, 'fix.safePath', safe), { range: problem.range, newText: quoteLike(textIn(text, problem.range), safe) });
    }
    default:
      return [];
  }
}
