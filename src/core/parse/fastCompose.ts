// A faster way to the same AST for the files most users write: js-yaml's event parser (about three times
// faster than composing with `yaml`, see bench/) builds nodes that the model builder, the schema check and
// the rules read like `yaml`'s. It declines, and the caller parses with `yaml`, whenever the two libraries
// could read a text differently or `yaml` would report something: anchors, aliases, tags, directives,
// several documents, duplicate or non-text keys, keys over a line or 1,000 characters, multi-line flow
// collections, and anything js-yaml itself refuses.
import type { Node, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { Event, ScalarEvent } from 'js-yaml';
import { isScalar, isSeq, NODE_TYPE, MAP, PAIR, SCALAR, SEQ } from './yamlSource';

type JsYaml = typeof import('js-yaml');
let lib: JsYaml | undefined;

function jsYaml(): JsYaml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (lib ??= require('js-yaml') as JsYaml);
}

export interface FastComposed {
  /** The root node, built like `yaml`'s (Scalar, YAMLMap, YAMLSeq, Pair) with source offsets. */
  root: Node;
  /** The document as plain data, as `yaml`'s `toJS()` gives it. */
  data: unknown;
}

// js-yaml's event and style numbers (EVENT_ID, SCALAR_STYLE, COLLECTION_STYLE).
const DOCUMENT = 1;
const SEQUENCE = 2;
const MAPPING = 3;
const SCALAR_EVENT = 4;
const POP = 6;
const PLAIN = 1;
const SINGLE_QUOTED = 2;
const DOUBLE_QUOTED = 3;
const FLOW = 2;

const MAX_KEY_LENGTH = 1000;

/** Thrown inside the walk to decline; never escapes composeFast. */
class Declined extends Error {}
const decline = (): never => {
  throw new Declined();
};

/**
 * A plain scalar's value under the YAML 1.2 core schema, tested in the order `yaml` tests its tags
 * (null, bool, octal, decimal, hex, NaN/infinity, exponent, float), with the same expressions.
 */
export function resolvePlain(text: string): string | number | boolean | null {
  if (/^(?:~|[Nn]ull|NULL)?$/.test(text)) return null;
  if (/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(text)) return text[0] === 't' || text[0] === 'T';
  if (/^0o[0-7]+$/.test(text)) return parseInt(text.substring(2), 8);
  if (/^[-+]?[0-9]+$/.test(text)) return parseInt(text, 10);
  if (/^0x[0-9a-fA-F]+$/.test(text)) return parseInt(text.substring(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(text)) return text.slice(-3).toLowerCase() === 'nan' ? NaN : text[0] === '-' ? -Infinity : Infinity;
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(text)) return parseFloat(text);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(text)) return parseFloat(text);
  return text;
}

interface Frame {
  node: YAMLMap | YAMLSeq;
  /** Where the collection began, and whether it is a flow collection (`[…]`, `{…}`). */
  start: number;
  flow: boolean;
  /** The key read, waiting for its value (mappings). */
  key?: Scalar;
  keys?: Set<string>;
  /** End offset of the last child, for the collection's range. */
  end: number;
}

function scalarNode(event: ScalarEvent, value: string, previousEnd: number): Scalar {
  const absent = event.valueStart < 0;
  const quoted = event.style === SINGLE_QUOTED || event.style === DOUBLE_QUOTED;
  const start = absent ? previousEnd : quoted ? event.valueStart - 1 : event.valueStart;
  const end = absent ? previousEnd : quoted ? event.valueEnd + 1 : event.valueEnd;
  const resolved = event.style === PLAIN ? resolvePlain(value) : value;
  return { [NODE_TYPE]: SCALAR, value: resolved, source: value, range: [start, end, end] } as unknown as Scalar;
}

/** Offset just past the bracket closing a flow collection whose last child ended at `from`. */
function flowEnd(source: string, from: number): number {
  let depth = 0;
  for (let i = from; i < source.length; i++) {
    const c = source[i];
    if (c === '#' && (i === 0 || /\s/.test(source[i - 1]))) {
      const eol = source.indexOf('\n', i);
      i = eol < 0 ? source.length : eol;
    } else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') {
      if (depth === 0) return i + 1;
      depth--;
    }
  }
  return source.length;
}

/** The composed document, or undefined when `yaml` must read it (see the file comment). */
export function composeFast(source: string, maxDepth: number): FastComposed | undefined {
  let events: Event[];
  try {
    events = jsYaml().parseEvents(source, { maxDepth });
  } catch {
    return undefined;
  }
  try {
    return build(source, events);
  } catch (error) {
    if (error instanceof Declined) return undefined;
    throw error;
  }
}

function build(source: string, events: Event[]): FastComposed {
  const { getScalarValue } = jsYaml();
  const stack: Frame[] = [];
  let root: Node | undefined;
  let documents = 0;
  let lastEnd = 0;

  const attach = (node: Node, end: number): void => {
    const top = stack[stack.length - 1];
    if (!top) {
      if (root !== undefined) decline();
      root = node;
      return;
    }
    top.end = Math.max(top.end, end);
    if (isSeq(top.node)) {
      (top.node as YAMLSeq).items.push(node);
      return;
    }
    if (top.key === undefined) {
      // Keys are text on one line: anything else may be read differently (or reported) by `yaml`.
      const key = node as Scalar;
      if (!isScalar(key) || typeof key.value !== 'string' || key.value.length > MAX_KEY_LENGTH) decline();
      const [start, keyEnd] = key.range!;
      if (source.slice(start, keyEnd).includes('\n') || top.keys!.has(key.value as string)) decline();
      top.keys!.add(key.value as string);
      top.key = key;
      return;
    }
    const pair = { [NODE_TYPE]: PAIR, key: top.key, value: node } as unknown as Pair<Node, Node>;
    (top.node as YAMLMap<Node, Node>).items.push(pair);
    top.key = undefined;
  };

  for (const event of events) {
    switch (event.type) {
      case DOCUMENT:
        if (++documents > 1 || event.directives.length > 0) decline();
        break;
      case MAPPING:
      case SEQUENCE: {
        if (event.anchorStart >= 0 || event.tagStart >= 0) decline();
        const mapping = event.type === MAPPING;
        const node = { [NODE_TYPE]: mapping ? MAP : SEQ, items: [], range: [event.start, event.start, event.start] } as unknown as YAMLMap | YAMLSeq;
        stack.push({ node, start: event.start, flow: event.style === FLOW, keys: mapping ? new Set() : undefined, end: event.start });
        break;
      }
      case SCALAR_EVENT: {
        if (event.anchorStart >= 0 || event.tagStart >= 0) decline();
        const node = scalarNode(event, getScalarValue(source, event), lastEnd);
        lastEnd = node.range![1];
        attach(node, lastEnd);
        break;
      }
      case POP: {
        const frame = stack.pop();
        if (!frame) break; // the document's end
        if (frame.key !== undefined) decline();
        let end = frame.end;
        if (frame.flow) {
          end = flowEnd(source, Math.max(frame.end, frame.start + 1));
          // `yaml` warns about some multi-line flow collections (indentation of the closing bracket).
          if (source.slice(frame.start, end).includes('\n')) decline();
        }
        frame.node.range = [frame.start, end, end];
        lastEnd = Math.max(lastEnd, end);
        attach(frame.node as Node, end);
        break;
      }
      default:
        // Aliases, and anything newer than this code knows.
        decline();
    }
  }
  if (root === undefined || stack.length > 0) decline();
  return { root: root!, data: toData(root!) };
}

/** The node as plain data, like `yaml`'s toJS: `__proto__` becomes an own property, never the prototype. */
function toData(node: Node): unknown {
  if (isScalar(node)) return node.value;
  if (isSeq(node)) return (node.items as Node[]).map(toData);
  const result: Record<string, unknown> = {};
  for (const pair of (node as YAMLMap<Scalar, Node>).items) {
    const key = String(pair.key.value);
    const value = toData(pair.value as Node);
    if (key === '__proto__') Object.defineProperty(result, key, { value, writable: true, enumerable: true, configurable: true });
    else result[key] = value;
  }
  return result;
}
