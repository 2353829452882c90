// `JSON.stringify(value, null, space)` written piece by piece: a province's status is ~25 MB of JSON, which as one
// string would double the peak memory of `status --json` (bench/). The text is byte for byte the same.

/** A value JSON leaves out of objects (and writes as null in arrays). */
function isSkipped(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

/** What JSON.stringify serializes in place of `value` (its toJSON result, as JSON.stringify calls it). */
function jsonValue(holderKey: string, value: unknown): unknown {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return (value as { toJSON: (key: string) => unknown }).toJSON(holderKey);
  }
  return value;
}

/**
 * Values below this many nested objects and items are left whole to JSON.stringify (native, fast): pieces of
 * up to about 1 MB of text; a smaller limit spent more time cutting than it saved (bench/).
 */
const SMALL = 20000;

/**
 * The objects below `value` (itself included) holding more than `limit` objects and items in all (themselves, each
 * key or item, and the same of each object below): the only ones the writer cuts into pieces. One walk of the
 * tree: counting each subtree again at each level the writer descends cost a province's status more than its
 * serialization, and remembering every object's count cost half as much again (bench/).
 */
function largeObjects(value: unknown, limit: number): Set<object> {
  const large = new Set<object>();
  const count = (current: object): number => {
    let n = 1;
    if (Array.isArray(current)) {
      n += current.length;
      for (let i = 0; i < current.length; i++) {
        const item: unknown = current[i];
        if (item !== null && typeof item === 'object') n += count(item);
      }
    } else {
      // Object.keys, as JSON.stringify reads them (own, enumerable): a third faster than for-in with hasOwnProperty.
      const keys = Object.keys(current);
      n += keys.length;
      for (let i = 0; i < keys.length; i++) {
        const item = (current as Record<string, unknown>)[keys[i]];
        if (item !== null && typeof item === 'object') n += count(item);
      }
    }
    if (n > limit) large.add(current);
    return n;
  };
  if (value !== null && typeof value === 'object') count(value);
  return large;
}

/**
 * True when `value` is small enough to be one piece: not among the large objects (a value a toJSON made is not
 * among them, and is serialized whole).
 */
function isSmall(value: object, large: Set<object>): boolean {
  // Its own toJSON must not be called twice (the caller already did); JSON.stringify would.
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  return !large.has(value);
}

/**
 * JSON.stringify(value, null, space) as it reads `depth` levels down. Re-indenting each line in JavaScript would
 * cost as much as the serialization; instead the value is wrapped in `depth` arrays, which JSON.stringify indents
 * natively, and the wrapper's own lines are cut off (a slice: no copy).
 */
function indented(value: unknown, depth: number, space: number): string {
  if (depth === 0 || space === 0) return JSON.stringify(value, null, space) ?? 'null';
  let wrapped: unknown = value;
  for (let i = 0; i < depth; i++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, space);
  // Opening: "[\n" then space·(i+1) blanks at each level i; closing: "\n", space·i blanks, "]".
  const head = 2 * depth + (space * depth * (depth + 1)) / 2;
  const tail = 2 * depth + (space * depth * (depth - 1)) / 2;
  return text.slice(head, text.length - tail);
}

/** Pieces of the text of `value` at `depth`; `value` is already what JSON.stringify would serialize. */
function* pieces(value: unknown, depth: number, space: number, large: Set<object>): Generator<string> {
  if (value === null || typeof value !== 'object' || isSmall(value, large)) {
    yield indented(value, depth, space);
    return;
  }
  const open = space === 0 ? '' : '\n' + ' '.repeat((depth + 1) * space);
  const close = space === 0 ? '' : '\n' + ' '.repeat(depth * space);
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    for (let i = 0; i < value.length; i++) {
      yield (i === 0 ? '[' : ',') + open;
      const item = jsonValue(String(i), value[i]);
      yield* pieces(isSkipped(item) ? null : item, depth + 1, space, large);
    }
    yield close + ']';
    return;
  }
  const colon = space === 0 ? ':' : ': ';
  let first = true;
  for (const key of Object.keys(value)) {
    const item = jsonValue(key, (value as Record<string, unknown>)[key]);
    if (isSkipped(item)) continue;
    yield (first ? '{' : ',') + open + JSON.stringify(key) + colon;
    first = false;
    yield* pieces(item, depth + 1, space, large);
  }
  yield first ? '{}' : close + '}';
}

/**
 * `JSON.stringify(value, null, space)` in chunks of about `chunkSize` characters; subtrees of fewer than `small`
 * objects and items are serialized whole. `space` is 0 (one line) or a number of blanks per level.
 */
export function* jsonChunks(value: unknown, chunkSize = 64 * 1024, small = SMALL, space = 2): Generator<string> {
  const top = jsonValue('', value);
  if (isSkipped(top)) return;
  let buffered: string[] = [];
  let length = 0;
  for (const piece of pieces(top, 0, space, largeObjects(top, small))) {
    buffered.push(piece);
    length += piece.length;
    if (length >= chunkSize) {
      yield buffered.join('');
      buffered = [];
      length = 0;
    }
  }
  if (length > 0) yield buffered.join('');
}

/** Where the chunks go: `write` returns false when the reader is behind, then `drained` resolves when it caught up. */
export interface ChunkSink {
  write: (text: string) => unknown;
  drained?: () => Promise<void>;
}

/** Writes `JSON.stringify(value, null, space) + '\n'`, waiting for the reader whenever the sink says it is full. */
export async function writeJson(value: unknown, sink: ChunkSink, space = 2): Promise<void> {
  for (const chunk of jsonChunks(value, undefined, undefined, space)) {
    if (sink.write(chunk) === false && sink.drained) await sink.drained();
  }
  if (sink.write('\n') === false && sink.drained) await sink.drained();
}
