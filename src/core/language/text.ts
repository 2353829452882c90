// Positions, offsets and edits over plain text, as the editor counts them (0-based, UTF-16 columns).
import type { Position, Range } from '../model/types';

/** A replacement of `range` by `newText`, like the LSP's TextEdit. */
export interface TextEdit {
  range: Range;
  newText: string;
}

export function linesOf(text: string): string[] {
  return text.split(/\r?\n/);
}

/** The line ending the file already uses, so inserted lines match it. */
export function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

export function offsetAt(text: string, position: Position): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  const lineEnd = text.indexOf('\n', offset);
  const end = lineEnd < 0 ? text.length : lineEnd > 0 && text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
  return Math.min(offset + position.character, end);
}

/** Applies non-overlapping edits (any order), as an editor would. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const located = edits.map((e) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), newText: e.newText }));
  located.sort((a, b) => b.start - a.start);
  let result = text;
  for (const e of located) result = result.slice(0, e.start) + e.newText + result.slice(e.end);
  return result;
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/** True when `position` is inside `range` or touches its end (the cursor right after a word). */
export function rangeContains(range: Range, position: Position): boolean {
  return comparePositions(range.start, position) <= 0 && comparePositions(position, range.end) <= 0;
}

export function rangesEqual(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.start) === 0 && comparePositions(a.end, b.end) === 0;
}

export function isEmptyRange(range: Range): boolean {
  return comparePositions(range.start, range.end) === 0;
}

/** The text that `range` covers. */
export function textIn(text: string, range: Range): string {
  return text.slice(offsetAt(text, range.start), offsetAt(text, range.end));
}

export function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/** Quotes a YAML scalar the way `original` was quoted (double quotes when it was plain). */
export function quoteLike(original: string, value: string): string {
  if (original.startsWith("'") && !value.includes("'")) return `'${value}'`;
  return JSON.stringify(value);
}
