// Completion of unit ids (after `owner:`, in `support:`) and criterion ids (in a task's `criteria:`).
// The context comes from the text, not the parsed tree: while typing, the YAML is often incomplete.
import type { CriteriaDoc, Position, Range } from '../model/types';
import { allNodes } from './tokens';
import { indentOf, linesOf } from './text';

export interface CompletionContext {
  kind: 'unit' | 'criterion';
  /** The characters being typed (with their quotes), which a candidate replaces. */
  range: Range;
  /** The quote the user opened, if any. */
  quote: '"' | "'" | '';
  /** A space to insert first, when the cursor is right after `owner:` or `-`. */
  prefix: ' ' | '';
}

export interface CompletionCandidate {
  kind: 'unit' | 'criterion';
  label: string;
  /** Unit name or criterion title. */
  detail: string;
  documentation?: string;
  insertText: string;
  /** What the editor filters on: the text as inserted, quotes included. */
  filterText: string;
  sortText: string;
}

const TOKEN_CHAR = /[A-Za-z0-9_.-]/;
const UNIT_ID = /^[A-Za-z][A-Za-z0-9_-]*$/;

function isBlankOrComment(line: string): boolean {
  const trimmed = line.trim();
  return trimmed === '' || trimmed.startsWith('#');
}

/** The top-level key whose section holds `lineIndex` (`units`, `criteria`, `tasks`, …). */
export function rootSectionOf(lines: string[], lineIndex: number): string | undefined {
  for (let i = lineIndex; i >= 0; i--) {
    const line = lines[i];
    if (isBlankOrComment(line) || indentOf(line) > 0 || line.startsWith('-')) continue;
    const m = /^["']?([A-Za-z_$][\w$-]*)["']?\s*:/.exec(line);
    return m?.[1];
  }
  return undefined;
}

/** The key a block sequence item at `lineIndex` belongs to, e.g. `support` for `- VP` under `support:`. */
function parentKeyOfItem(lines: string[], lineIndex: number, dashIndent: number): { key: string; line: string } | undefined {
  for (let i = lineIndex - 1; i >= 0; i--) {
    const line = lines[i];
    if (isBlankOrComment(line)) continue;
    const indent = indentOf(line);
    const content = line.trimStart();
    if (indent > dashIndent || (indent === dashIndent && content.startsWith('-'))) continue;
    const m = /^(?:-\s+)?["']?([A-Za-z_$][\w$-]*)["']?\s*:\s*(#.*)?$/.exec(content);
    return m ? { key: m[1], line } : undefined;
  }
  return undefined;
}

/** A task's `criteria:` key, not the top-level criteria tree. */
function isTaskCriteriaKey(lines: string[], lineIndex: number, keyLine: string): boolean {
  const nested = indentOf(keyLine) > 0 || keyLine.startsWith('-');
  return nested && rootSectionOf(lines, lineIndex) === 'tasks';
}

/** Whether `position` is where a unit id or a criterion id is expected, and what it would replace. */
export function completionContextAt(text: string, position: Position): CompletionContext | undefined {
  const lines = linesOf(text);
  const line = lines[position.line];
  if (line === undefined) return undefined;
  const cursor = Math.min(position.character, line.length);
  let start = cursor;
  while (start > 0 && TOKEN_CHAR.test(line[start - 1])) start--;
  let end = cursor;
  while (end < line.length && TOKEN_CHAR.test(line[end])) end++;
  let quote: CompletionContext['quote'] = '';
  if (start > 0 && (line[start - 1] === '"' || line[start - 1] === "'")) {
    quote = line[start - 1] as '"' | "'";
    start--;
    if (line[end] === quote) end++;
  }
  const before = line.slice(0, start);
  if (/(^|\s)#/.test(before)) return undefined;
  const range: Range = { start: { line: position.line, character: start }, end: { line: position.line, character: end } };
  const prefix = /[:-]$/.test(before) ? ' ' : '';
  const result = (kind: CompletionContext['kind']): CompletionContext => ({ kind, range, quote, prefix });

  if (/^\s*(?:-\s+)?owner\s*:\s*$/.test(before)) return result('unit');
  const flow = /^\s*(?:-\s+)?(support|criteria)\s*:\s*\[[^\]]*$/.exec(before);
  if (flow && /[[,]\s*$/.test(before)) {
    if (flow[1] === 'support') return result('unit');
    return isTaskCriteriaKey(lines, position.line, line) ? result('criterion') : undefined;
  }
  const item = /^(\s*)-\s*$/.exec(before);
  if (item) {
    const parent = parentKeyOfItem(lines, position.line, item[1].length);
    if (parent?.key === 'support') return result('unit');
    if (parent?.key === 'criteria' && isTaskCriteriaKey(lines, position.line, parent.line)) return result('criterion');
  }
  return undefined;
}

/** Candidates for a context: the file's units, or its criteria in document order. */
export function completionCandidates(doc: CriteriaDoc, context: CompletionContext): CompletionCandidate[] {
  const wrap = (id: string, quoteAlways: boolean) => {
    const quote = context.quote || (quoteAlways ? '"' : '');
    return `${quote}${id}${quote}`;
  };
  if (context.kind === 'unit') {
    return [...doc.units.values()]
      .filter((unit) => UNIT_ID.test(unit.id))
      .map((unit, i) => ({
        kind: 'unit' as const,
        label: unit.id,
        detail: unit.name,
        documentation: unit.head,
        insertText: context.prefix + wrap(unit.id, false),
        filterText: wrap(unit.id, false),
        sortText: String(i).padStart(5, '0'),
      }));
  }
  const seen = new Set<string>();
  // Ids are strings in the schema: an unquoted 1.2 would be a number.
  return allNodes(doc)
    .filter((node) => !seen.has(node.id) && seen.add(node.id))
    .map((node, i) => ({
      kind: 'criterion' as const,
      label: node.id,
      detail: node.title,
      insertText: context.prefix + wrap(node.id, true),
      filterText: wrap(node.id, true),
      sortText: String(i).padStart(5, '0'),
    }));
}
