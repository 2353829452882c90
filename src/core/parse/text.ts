// Text from a criteria file is shown in trees, terminals and reports: invisible control characters there
// can hide or rewrite what the user sees (terminal escapes, bidi overrides), so they are made visible.

/** C0/C1 controls except tab and line feed, plus the bidi embedding/override/isolate characters. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/** The same, and every line break too: for a value that must stay on its line (a file name, a subject). */
// eslint-disable-next-line no-control-regex
const CONTROL_OR_BREAK = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export interface ControlOptions {
  /** Also replace tab, line feed and the Unicode line/paragraph separators (one value on one line). */
  singleLine?: boolean;
}

const pattern = (options?: ControlOptions) => (options?.singleLine ? CONTROL_OR_BREAK : CONTROL);

export function hasControls(text: string): boolean {
  CONTROL.lastIndex = 0;
  return CONTROL.test(text);
}

/** The control characters of `text` as "U+0007, U+001B" (each once, at most five). */
export function controlCodePoints(text: string): string {
  const found = new Set(text.match(CONTROL) ?? []);
  return [...found].slice(0, 5).map((c) => 'U+' + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')).join(', ');
}

/**
 * Replaces control characters by U+FFFD: the one cleaning of every text shown to a person (titles in the model,
 * file names, commit subjects and author names on a terminal), so none can retitle a window, clear a screen
 * or reverse what is read. JSON output keeps the exact text.
 */
export function replaceControls(text: string, options?: ControlOptions): string {
  return text.replace(pattern(options), '\uFFFD');
}

/** Writes control characters as `\u0007` escapes, for quoting user text inside a message. */
export function escapeControls(text: string, options?: ControlOptions): string {
  return text.replace(pattern(options), (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

/** 0-based line and UTF-16 column of `offset` in `text`, like editors count. */
export function positionAt(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}
