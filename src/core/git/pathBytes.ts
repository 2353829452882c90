// Paths as Git stores them: bytes, usually UTF-8 but not always. A path that is not valid UTF-8 is kept as a
// string in which each byte that is not part of a valid UTF-8 sequence is the lone surrogate U+DC00 + byte
// (Python's "surrogateescape"): valid UTF-8 never decodes to a lone surrogate, so the form is faithful and
// reversible (`pathBytes`). Text output shows paths quoted as Git quotes them (`quotePath`, C-style, octal
// for those bytes and for control characters, non-ASCII UTF-8 kept as with core.quotepath=false).

const ESCAPE_LOW = 0xdc80;
const ESCAPE_HIGH = 0xdcff;
// A lone low surrogate only: U+DC80–U+DCFF after a high surrogate is half of a valid character (📄 is D83D DCC4).
const ESCAPED_BYTE = /(?<![\ud800-\udbff])[\udc80-\udcff]/;

/** Length of the valid UTF-8 sequence starting at `i`, or 0 when the byte there does not start one. */
function sequenceLength(bytes: Uint8Array, i: number, end: number): number {
  const b = bytes[i];
  if (b < 0x80) return 1;
  let length: number;
  let min: number;
  if (b >= 0xc2 && b <= 0xdf) [length, min] = [2, 0x80];
  else if (b >= 0xe0 && b <= 0xef) [length, min] = [3, 0x800];
  else if (b >= 0xf0 && b <= 0xf4) [length, min] = [4, 0x10000];
  else return 0;
  if (i + length > end) return 0;
  let code = b & (0xff >> (length + 1));
  for (let k = 1; k < length; k++) {
    const c = bytes[i + k];
    if ((c & 0xc0) !== 0x80) return 0;
    code = (code << 6) | (c & 0x3f);
  }
  // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not valid UTF-8.
  if (code < min || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) return 0;
  return length;
}

/** The bytes `start`–`end` of `bytes` as a path string: UTF-8, with each invalid byte kept as U+DC00 + byte. */
export function decodePath(bytes: Buffer, start = 0, end = bytes.length): string {
  const text = bytes.toString('utf8', start, end);
  // Nearly every path is valid UTF-8: the decoder only replaces bytes it cannot read by U+FFFD.
  if (!text.includes('\ufffd')) return text;
  let out = '';
  let run = start;
  for (let i = start; i < end; ) {
    const length = sequenceLength(bytes, i, end);
    if (length > 0) {
      i += length;
      continue;
    }
    out += bytes.toString('utf8', run, i) + String.fromCharCode(0xdc00 + bytes[i]);
    i++;
    run = i;
  }
  return out + bytes.toString('utf8', run, end);
}

/** True when `path` holds bytes that are not UTF-8 (see decodePath). */
export function hasRawBytes(path: string): boolean {
  return ESCAPED_BYTE.test(path);
}

/** The bytes of a path string made by decodePath: what Git and the file system know it by. */
export function pathBytes(path: string): Buffer {
  if (!hasRawBytes(path)) return Buffer.from(path, 'utf8');
  const parts: Buffer[] = [];
  let run = 0;
  for (let i = 0; i < path.length; i++) {
    const code = path.charCodeAt(i);
    if (code < ESCAPE_LOW || code > ESCAPE_HIGH) continue;
    // A lone low surrogate: not preceded by a high one.
    if (i > 0 && path.charCodeAt(i - 1) >= 0xd800 && path.charCodeAt(i - 1) <= 0xdbff) continue;
    parts.push(Buffer.from(path.slice(run, i), 'utf8'), Buffer.from([code - 0xdc00]));
    run = i + 1;
  }
  parts.push(Buffer.from(path.slice(run), 'utf8'));
  return Buffer.concat(parts);
}

/** A path for node:fs: the string itself, or its bytes when it is not UTF-8 (a string would be re-encoded). */
export function fsPath(path: string): string | Buffer {
  return hasRawBytes(path) ? pathBytes(path) : path;
}

const NAMED_ESCAPES: Record<number, string> = { 0x07: '\\a', 0x08: '\\b', 0x09: '\\t', 0x0a: '\\n', 0x0b: '\\v', 0x0c: '\\f', 0x0d: '\\r', 0x22: '\\"', 0x5c: '\\\\' };

const octal = (byte: number) => '\\' + byte.toString(8).padStart(3, '0');

/**
 * Characters a path is quoted for: Git's own (controls, `"`, `\`, DEL, bytes that are not UTF-8), and also C1
 * controls, line and paragraph separators and bidirectional controls, which some viewers show as a line break
 * or reorder; leading or trailing spaces, which a trailer value would lose.
 */
// eslint-disable-next-line no-control-regex
const NEEDS_QUOTING = /[\u0000-\u001f"\\\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]|(?<![\ud800-\udbff])[\udc80-\udcff]|^\s|\s$/;
// eslint-disable-next-line no-control-regex
const QUOTED_CHAR = /[\u0000-\u001f"\\\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]|(?<![\ud800-\udbff])[\udc80-\udcff]/g;

/**
 * `path` as Git prints it with core.quotepath=false: unchanged when nothing needs quoting, else in double
 * quotes with C escapes (`\n`, `\t`, `\"`, `\\`) and octal for other control bytes and bytes that are not
 * UTF-8. The result is one line of valid UTF-8; `unquotePath` reads it back.
 */
export function quotePath(path: string): string {
  if (!NEEDS_QUOTING.test(path)) return path;
  return (
    '"' +
    path.replace(QUOTED_CHAR, (ch) => {
      const code = ch.charCodeAt(0);
      if (NAMED_ESCAPES[code]) return NAMED_ESCAPES[code];
      if (code >= ESCAPE_LOW && code <= ESCAPE_HIGH) return octal(code - 0xdc00);
      // A control or separator that is valid UTF-8: octal of each of its bytes, as Git does with quotepath=true.
      return [...Buffer.from(ch, 'utf8')].map(octal).join('');
    }) +
    '"'
  );
}

const UNESCAPES: Record<string, number> = { a: 0x07, b: 0x08, t: 0x09, n: 0x0a, v: 0x0b, f: 0x0c, r: 0x0d, '"': 0x22, '\\': 0x5c };

/**
 * The path of a C-quoted string (`"..."` exactly, as quotePath or Git writes it), decoded as decodePath does;
 * undefined when `text` is not one well-formed quoted string (then it is an unquoted path).
 */
export function unquotePath(text: string): string | undefined {
  if (text.length < 2 || !text.startsWith('"') || !text.endsWith('"')) return undefined;
  const bytes: number[] = [];
  const body = text.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '"') return undefined;
    if (ch !== '\\') {
      const code = body.codePointAt(i) ?? 0;
      if (code > 0xffff) i++;
      bytes.push(...Buffer.from(String.fromCodePoint(code), 'utf8'));
      continue;
    }
    const next = body[i + 1];
    if (next === undefined) return undefined;
    if (UNESCAPES[next] !== undefined) {
      bytes.push(UNESCAPES[next]);
      i++;
    } else if (/^[0-3][0-7]{2}$/.test(body.slice(i + 1, i + 4))) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      return undefined;
    }
  }
  return decodePath(Buffer.from(bytes));
}
