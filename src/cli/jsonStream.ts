// `JSON.stringify(value, null, 2)` written piece by piece: a province's status is ~25 MB of JSON, which as one
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

/** True for an object or array none of whose values is itself an object: small, left to JSON.stringify. */
function isFlat(value: object): boolean {
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    const inner = (value as Record<string, unknown>)[key];
    if (inner !== null && typeof inner === 'object') return false;
  }
  return true;
}

/** Pieces of the text of `value` at `indent`; `value` is already what JSON.stringify would serialize. */
function* pieces(value: unknown, indent: string): Generator<string> {
  if (value === null || typeof value !== 'object' || isFlat(value)) {
    const text = JSON.stringify(value, null, 2) ?? 'null';
    // JSON text holds no raw line break inside strings, so every one is a structural one.
    yield indent === '' || !text.includes('\n') ? text : text.replace(/\n/g, '\n' + indent);
    return;
  }
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    for (let i = 0; i < value.length; i++) {
      yield i === 0 ? '[\n' + inner : ',\n' + inner;
      const item = jsonValue(String(i), value[i]);
      yield* pieces(isSkipped(item) ? null : item, inner);
    }
    yield '\n' + indent + ']';
    return;
  }
  let first = true;
  for (const key of Object.keys(value)) {
    const item = jsonValue(key, (value as Record<string, unknown>)[key]);
    if (isSkipped(item)) continue;
    yield (first ? '{\n' : ',\n') + inner + JSON.stringify(key) + ': ';
    first = false;
    yield* pieces(item, inner);
  }
  yield first ? '{}' : '\n' + indent + '}';
}

/** `JSON.stringify(value, null, 2)` in chunks of about `chunkSize` characters. */
export function* jsonChunks(value: unknown, chunkSize = 64 * 1024): Generator<string> {
  const top = jsonValue('', value);
  if (isSkipped(top)) return;
  let buffered: string[] = [];
  let length = 0;
  for (const piece of pieces(top, '')) {
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
  write: (text: string) => boolean | void;
  drained?: () => Promise<void>;
}

/** Writes `JSON.stringify(value, null, 2) + '\n'`, waiting for the reader whenever the sink says it is full. */
export async function writeJson(value: unknown, sink: ChunkSink): Promise<void> {
  for (const chunk of jsonChunks(value)) {
    if (sink.write(chunk) === false && sink.drained) await sink.drained();
  }
  if (sink.write('\n') === false && sink.drained) await sink.drained();
}
