// Small helpers over the `yaml` AST: read values and turn node offsets into ranges.
import type { LineCounter, Node, Pair, YAMLMap } from 'yaml';

type YamlLib = typeof import('yaml');
let lib: YamlLib | undefined;

/**
 * The `yaml` library, loaded on first use: the extension activates without parsing or running it (its own file
 * in the bundle, see scripts/build.mjs; bench/).
 */
export function yamlLib(): YamlLib {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (lib ??= require('yaml') as YamlLib);
}

// `yaml` marks its nodes with these registered symbols (its own isMap etc. test them): testing them here
// reads a document without loading the library, and lets fastCompose build nodes `yaml`'s code accepts.
export const NODE_TYPE = Symbol.for('yaml.node.type');
export const MAP = Symbol.for('yaml.map');
export const SEQ = Symbol.for('yaml.seq');
export const SCALAR = Symbol.for('yaml.scalar');
export const PAIR = Symbol.for('yaml.pair');
export const ALIAS = Symbol.for('yaml.alias');
const hasType = (node: unknown, type: symbol) => !!node && typeof node === 'object' && (node as Record<symbol, unknown>)[NODE_TYPE] === type;

export const isMap = ((node: unknown) => hasType(node, MAP)) as YamlLib['isMap'];
export const isScalar = ((node: unknown) => hasType(node, SCALAR)) as YamlLib['isScalar'];
export const isSeq = ((node: unknown) => hasType(node, SEQ)) as YamlLib['isSeq'];
export const isAlias = ((node: unknown) => hasType(node, ALIAS)) as YamlLib['isAlias'];
export const isPair = ((node: unknown) => hasType(node, PAIR)) as YamlLib['isPair'];
import type { Range } from '../model/types';

/** Line starts of a text: what SourceMap needs of `yaml`'s LineCounter, without the library. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  /** 1-based line and column of an offset, as LineCounter.linePos gives them. */
  linePos(offset: number): { line: number; col: number } {
    let lo = 0;
    let hi = this.starts.length;
    while (lo + 1 < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid;
    }
    return { line: lo + 1, col: offset - this.starts[lo] + 1 };
  }
}

export class SourceMap {
  constructor(private readonly lines: Pick<LineCounter, 'linePos'>) {}

  /** Offsets [start, end) to a 0-based range. */
  range(start: number, end: number): Range {
    const s = this.lines.linePos(start);
    const e = this.lines.linePos(Math.max(start, end));
    return { start: { line: s.line - 1, character: s.col - 1 }, end: { line: e.line - 1, character: e.col - 1 } };
  }

  /** Range of a node's value, without trailing comments or blank lines. */
  ofNode(node: Node | null | undefined, fallback: Range): Range {
    if (!node?.range) return fallback;
    return this.range(node.range[0], node.range[1]);
  }
}

export const EMPTY_RANGE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function pairOf(map: unknown, key: string): Pair<Node, Node | null> | undefined {
  if (!isMap(map)) return undefined;
  return (map as YAMLMap<Node, Node | null>).items.find((p) => isScalar(p.key) && String(p.key.value) === key);
}

export function nodeOf(map: unknown, key: string): Node | undefined {
  const value = pairOf(map, key)?.value;
  return value ?? undefined;
}

/** A scalar's value as a trimmed string; numbers are turned into their source text (`1.10` stays `1.10`). */
export function stringOf(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  if (typeof node.value === 'string') return node.value;
  if (typeof node.value === 'number') return node.source ?? String(node.value);
  return undefined;
}

export function numberOf(node: unknown): number | undefined {
  if (!isScalar(node)) return undefined;
  return typeof node.value === 'number' && Number.isFinite(node.value) ? node.value : undefined;
}

export function itemsOf(node: unknown): Node[] {
  return isSeq(node) ? (node.items as Node[]) : [];
}

/** Walks a JSON-pointer-like path of keys and indexes down the AST, returning the deepest node reached. */
export function nodeAtPath(root: unknown, path: Array<string | number>): { node: Node | undefined; keyNode?: Node } {
  let current: unknown = root;
  let keyNode: Node | undefined;
  for (const segment of path) {
    if (isMap(current)) {
      const pair = pairOf(current, String(segment));
      if (!pair) break;
      keyNode = pair.key;
      current = pair.value;
    } else if (isSeq(current) && typeof segment === 'number') {
      const next = current.items[segment];
      if (next === undefined) break;
      keyNode = undefined;
      current = next;
    } else {
      break;
    }
  }
  return { node: (current as Node | undefined) ?? undefined, keyNode };
}
