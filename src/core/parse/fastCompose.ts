// A faster way to the same AST for the files most users write: js-yaml's event parser (about three times
// faster than composing with `yaml`, see bench/) builds nodes that the model builder, the schema check and
// the rules read like `yaml`'s, with `yaml`'s own node ranges ([start, value end, node end], see ranges below),
// so the editor's diagnostics, hover, definition, symbols and quick fixes place things alike on either path.
// It declines, and the caller parses with `yaml`, whenever the two libraries could read a text or place a node
// differently, or `yaml` would report something: anchors, aliases, tags, directives, several documents,
// duplicate or non-text keys, keys over a line or 1,000 characters, empty values (`key:` with nothing),
// multi-line flow collections, block scalars (`|`, `>`) with no content or with tabs in their trailing blank
// lines, tabs before a comment line, and anything js-yaml itself refuses.
import type { Node, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { Event, ScalarEvent } from 'js-yaml';
import { setOwn } from './guards';
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
const LITERAL = 4;
const FOLDED = 5;
const KEEP = 3;
const FLOW = 2;

const MAX_KEY_LENGTH = 1000;

/** Thrown inside the walk to decline; never escapes composeFast. */
class Declined extends Error {}
const decline = (): never => {
  throw new Declined();
};

/** The first characters of the core schema's nulls, booleans and numbers (resolvePlain's expressions). */
const MAY_RESOLVE = new Set([...'~nNtTfF0123456789+-.']);

/**
 * A plain scalar's value under the YAML 1.2 core schema, tested in the order `yaml` tests its tags
 * (null, bool, octal, decimal, hex, NaN/infinity, exponent, float), with the same expressions.
 */
export function resolvePlain(text: string): string | number | boolean | null {
  // Nearly every scalar is text: only these first characters can begin anything else (and '' is null).
  if (text.length > 0 && !MAY_RESOLVE.has(text[0])) return text;
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
  /** Where the collection began, its column (`yaml`'s indent), and whether it is a flow collection (`[…]`, `{…}`). */
  start: number;
  indent: number;
  flow: boolean;
  /** The key read, waiting for its value (mappings). */
  key?: Scalar;
  keys?: Set<string>;
  /** Node end (range[2]) of the last child: where a block collection's value ends. */
  end: number;
}

// Ranges as `yaml` gives them: [start, value end, node end]. The features read the first two; a block
// collection's value end is its last child's node end, so node ends must be exact too. A node end takes what
// `yaml` attaches to the node after it: in a block collection, the rest of the line (blanks, a comment, the
// line break) and then comment lines indented deeper than the collection (blank lines between them
// included); comment lines that end a collection belong to the deepest collection closing there that is
// indented (not at column 0) and not deeper than one of the comments, up to the next content.

const isBlank = (c: string | undefined) => c === ' ' || c === '\t';

function skipBlanks(source: string, i: number): number {
  while (isBlank(source[i])) i++;
  return i;
}

function columnOf(source: string, offset: number): number {
  return offset - source.lastIndexOf('\n', offset - 1) - 1;
}

/** Past the blanks, a comment and the line break that follow a node in a block collection. */
function lineRest(source: string, i: number): number {
  i = skipBlanks(source, i);
  if (source[i] === '#') {
    const eol = source.indexOf('\n', i);
    return eol < 0 ? source.length : eol + 1;
  }
  if (source[i] === '\n') return i + 1;
  if (source[i] === '\r' && source[i + 1] === '\n') return i + 2;
  return i;
}

interface LineLook {
  /** First character that is not a space, its column, and the start of the next line. */
  first: number;
  column: number;
  next: number;
  kind: 'blank' | 'comment' | 'content';
}

/** What the line starting at `at` holds; declines on a tab before its first character (indentation). */
function lookAt(source: string, at: number): LineLook {
  let first = at;
  while (source[first] === ' ') first++;
  if (source[first] === '\t') {
    // A tab in a blank line or before a comment: `yaml`'s tokens there are not worth emulating.
    const after = skipBlanks(source, first);
    if (source[after] === '#' || source[after] === '\n' || source[after] === '\r' || after >= source.length) decline();
  }
  const eol = source.indexOf('\n', first);
  const next = eol < 0 ? source.length : eol + 1;
  const c = source[first];
  const kind = first >= source.length || c === '\n' || (c === '\r' && source[first + 1] === '\n') ? 'blank' : c === '#' ? 'comment' : 'content';
  return { first, column: first - at, next, kind };
}

/** Past the comment lines indented deeper than `indent` that follow a line end at `at`, with the blank lines before them. */
function deeperComments(source: string, at: number, indent: number): number {
  let end = at;
  while (at < source.length) {
    const line = lookAt(source, at);
    if (line.kind === 'content' || (line.kind === 'comment' && line.column <= indent)) break;
    at = line.next;
    if (line.kind === 'comment') end = at;
  }
  return end;
}

/** Comment lines (their columns) and blank lines from `at` to the next content (where the run ends). */
function trailingComments(source: string, at: number): { columns: number[]; end: number } {
  const columns: number[] = [];
  while (at < source.length) {
    const line = lookAt(source, at);
    if (line.kind === 'content') return { columns, end: line.first };
    if (line.kind === 'comment') columns.push(line.column);
    at = line.next;
  }
  return { columns, end: source.length };
}

/** [start, end] of a block scalar (`|`, `>`): from its header to its last line kept by `yaml`'s lexer. */
function blockScalarRange(source: string, event: ScalarEvent): [number, number] {
  const { valueStart, valueEnd } = event;
  // No content (blank lines at most): `yaml` ends it after the header, js-yaml after the blank lines.
  if (valueStart < 1 || source[valueStart - 1] !== '\n' || !/[^ \t\r\n]/.test(source.slice(valueStart, valueEnd))) decline();
  const lineStart = source.lastIndexOf('\n', valueStart - 2) + 1;
  const line = source.slice(lineStart, valueStart - 1);
  let header = -1;
  for (let i = 0; i < line.length && header < 0; i++) {
    if ((line[i] === '|' || line[i] === '>') && (i === 0 || isBlank(line[i - 1])) && /^[|>][-+1-9]{0,2}(?:[ \t]+#.*)?[ \t]*\r?$/.test(line.slice(i))) header = i;
  }
  if (header < 0) decline();
  // The lexer's content indentation: spaces before the first character of the first line with one.
  let indent = 0;
  for (let i = valueStart; i < valueEnd; i++) {
    const c = source[i];
    if (c === ' ') indent++;
    else if (c === '\n') indent = 0;
    else if (!(c === '\r' && source[i + 1] === '\n')) break;
  }
  let nl = source[valueEnd - 1] === '\n' ? valueEnd - 1 : valueEnd;
  // Tabs after the last line are taken into the scalar by `yaml` (to report them): not emulated.
  if (source[skipSpacesOnly(source, nl + 1)] === '\t') decline();
  if (event.chomping !== KEEP) {
    // Trailing lines of spaces no deeper than the content are dropped (the lexer's loop, same condition).
    for (;;) {
      let i = nl - 1;
      if (source[i] === '\r') i--;
      const lastChar = i;
      while (source[i] === ' ') i--;
      if (source[i] === '\n' && i >= valueStart && i + 1 + indent > lastChar) nl = i;
      else break;
    }
  }
  return [lineStart + header, Math.min(nl + 1, source.length)];
}

function skipSpacesOnly(source: string, i: number): number {
  while (source[i] === ' ') i++;
  return i;
}

/** A scalar node; `top` is the collection holding it (undefined at the document's root). */
function scalarNode(source: string, event: ScalarEvent, value: string, top: Frame | undefined, isKey: boolean): Scalar {
  // `key:` with nothing: `yaml` places the empty value by the tokens around it; not emulated.
  if (event.valueStart < 0) decline();
  const quoted = event.style === SINGLE_QUOTED || event.style === DOUBLE_QUOTED;
  let start: number;
  let end: number;
  let nodeEnd: number;
  if (event.style === LITERAL || event.style === FOLDED) {
    [start, end] = blockScalarRange(source, event);
    nodeEnd = end;
  } else {
    start = quoted ? event.valueStart - 1 : event.valueStart;
    end = quoted ? event.valueEnd + 1 : event.valueEnd;
    nodeEnd = isKey ? end : afterNode(source, end, top);
  }
  const resolved = event.style === PLAIN ? resolvePlain(value) : value;
  return { [NODE_TYPE]: SCALAR, value: resolved, source: value, range: [start, end, nodeEnd] } as unknown as Scalar;
}

/** Node end of a scalar or flow collection ending at `end`, held by `top`. */
function afterNode(source: string, end: number, top: Frame | undefined): number {
  if (top?.flow) return skipBlanks(source, end);
  const rest = lineRest(source, end);
  return top && source[rest - 1] === '\n' ? deeperComments(source, rest, top.indent) : rest;
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

  const attach = (node: Node): void => {
    const top = stack[stack.length - 1];
    if (!top) {
      if (root !== undefined) decline();
      root = node;
      return;
    }
    top.end = node.range![2];
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
        const flow = event.style === FLOW;
        stack.push({ node, start: event.start, indent: columnOf(source, event.start), flow, keys: mapping ? new Set() : undefined, end: event.start });
        break;
      }
      case SCALAR_EVENT: {
        if (event.anchorStart >= 0 || event.tagStart >= 0) decline();
        const top = stack[stack.length - 1];
        const isKey = !!top && !isSeq(top.node) && top.key === undefined;
        attach(scalarNode(source, event, getScalarValue(source, event), top, isKey));
        break;
      }
      case POP: {
        const frame = stack.pop();
        if (!frame) break; // the document's end
        if (frame.key !== undefined) decline();
        if (frame.flow) {
          const end = flowEnd(source, Math.max(frame.end, frame.start + 1));
          // `yaml` warns about some multi-line flow collections (indentation of the closing bracket).
          if (source.slice(frame.start, end).includes('\n')) decline();
          frame.node.range = [frame.start, end, afterNode(source, end, stack[stack.length - 1])];
        } else {
          const trailing = trailingComments(source, frame.end);
          const kept = frame.indent !== 0 && trailing.columns.some((column) => column >= frame.indent);
          frame.node.range = [frame.start, frame.end, kept ? trailing.end : frame.end];
        }
        attach(frame.node as Node);
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
    setOwn(result, key, value);
  }
  return result;
}
