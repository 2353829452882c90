// Text from a criteria file is shown in trees, terminals and reports: invisible control characters there
// can hide or rewrite what the user sees (terminal escapes, bidi overrides), so they are made visible.

/** C0/C1 controls except tab and line feed, plus the bidi embedding/override/isolate characters. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function hasControls(text: string): boolean {
  CONTROL.lastIndex = 0;
  return CONTROL.test(text);
}

/** The control characters of `text` as "U+0007, U+001B" (each once, at most five). */
export function controlCodePoints(text: string): string {
  const found = new Set(text.match(CONTROL) ?? []);
  return [...found].slice(0, 5).map((c) => 'U+' + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')).join(', ');
}

/** Replaces control characters by U+FFFD: the model keeps a visible mark where they were. */
export function replaceControls(text: string): string {
  return text.replace(CONTROL, '\uFFFD');
}

/** Writes control characters as `\u0007` escapes, for quoting user text inside a message. */
export function escapeControls(text: string): string {
  return text.replace(CONTROL, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
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
