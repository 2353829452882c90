// File names that every member of the ward can check out: NFC, nothing Windows rejects, no "/" from
// document numbers, long Vietnamese titles kept but shortened to fit, never colliding by case.

/** Bound on one file name, in UTF-8 bytes (most file systems allow 255). */
export const MAX_NAME_BYTES = 240;
/** Bound on the path relative to the repository's top folder, in UTF-8 bytes (Windows' MAX_PATH leaves ~260 with the clone's own folder). */
export const MAX_PATH_BYTES = 400;

const RESERVED = /^(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³])$/i;

export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** `[stem, extension]`; the extension keeps its dot ("" when there is none). */
export function splitExtension(name: string): [string, string] {
  const match = /^(.+?)(\.[A-Za-z0-9]{1,10})$/.exec(name);
  return match ? [match[1], match[2]] : [name, ''];
}

/** Cuts `text` to at most `maxBytes` UTF-8 bytes, on a code point boundary, without a dangling combining mark. */
export function cutToBytes(text: string, maxBytes: number): string {
  let out = '';
  let bytes = 0;
  for (const ch of text) {
    const size = byteLength(ch);
    if (bytes + size > maxBytes) break;
    out += ch;
    bytes += size;
  }
  return out.replace(/\p{M}+$/u, '');
}

/** Trailing dots and spaces, which Windows drops or rejects. */
function trimEnd(text: string): string {
  return text.replace(/[. ]+$/u, '');
}

/**
 * A safe file name for `name` (a file's name or a document title): NFC; "/", "\" and ":" (document numbers,
 * "ISO 9001:2015") become "-"; `<>"|?*` and control characters are dropped; runs of spaces collapse; no leading
 * dots or spaces (hidden files never match a glob), no trailing dots or spaces; a reserved device name gets a
 * "_" prefix; the stem is shortened so the whole name fits `maxBytes`, keeping the extension.
 */
export function safeFileName(name: string, maxBytes = MAX_NAME_BYTES): string {
  let cleaned = name
    .normalize('NFC')
    .replace(/\s+/gu, ' ')
    .replace(/[/\\:]/g, '-')
    // eslint-disable-next-line no-control-regex
    .replace(/[<>"|?*\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/\s+/gu, ' ');
  // Nothing left before the extension ("???.pdf"): the extension stays one ("evidence.pdf", not "pdf").
  const bare = /^[. ]*(\.[A-Za-z0-9]{1,10})$/.exec(trimEnd(cleaned));
  cleaned = trimEnd(cleaned.replace(/^[. ]+/u, ''));
  const [rawStem, extension] = bare ? ['', bare[1]] : splitExtension(cleaned);
  let stem = trimEnd(rawStem);
  if (stem === '') stem = 'evidence';
  if (RESERVED.test(stem.split('.')[0].trim())) stem = '_' + stem;
  return fitName(stem, extension, maxBytes);
}

/** `stem + suffix + extension` cut to `maxBytes` by shortening the stem only. */
export function fitName(stem: string, extension: string, maxBytes: number, suffix = ''): string {
  const room = maxBytes - byteLength(extension) - byteLength(suffix);
  if (room < 1) return '';
  const short = trimEnd(cutToBytes(stem, room)) || 'evidence'.slice(0, room);
  return short + suffix + extension;
}

/** How names compare on Windows and macOS: case-insensitive, NFC. */
export function collisionKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/** `name`, or `stem (2).ext`, `stem (3).ext`… — the first one whose collision key is not taken. */
export function uniqueName(name: string, taken: ReadonlySet<string>, maxBytes = MAX_NAME_BYTES): string {
  if (!taken.has(collisionKey(name))) return name;
  const [stem, extension] = splitExtension(name);
  for (let n = 2; ; n++) {
    const candidate = fitName(stem, extension, maxBytes, ` (${n})`);
    if (candidate && !taken.has(collisionKey(candidate))) return candidate;
  }
}
