// Guards against hostile YAML structure before anything recurses over it: aliases that form a cycle or
// point nowhere, and runaway nesting. Walks without recursion, so no input can overflow the stack here.
import type { Alias, Document, Node, Scalar } from 'yaml';
import { isAlias, isMap, isPair, isSeq, yamlLib } from './yamlSource';

/** Levels of YAML nesting allowed; a real criteria file needs about 12 (5 levels of criteria). */
export const MAX_NESTING = 64;

/** Sets a key of the user's file as an own property: `__proto__` is a key like any other, never the prototype. */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  else target[key] = value;
}

export interface StructureIssue {
  kind: 'cycle' | 'unresolved' | 'depth';
  node: Node;
  /** The alias name for `cycle` and `unresolved`. */
  name?: string;
}

/** A place in the AST holding a node, so a guard can replace what is there. */
interface Slot {
  get(): unknown;
  set(node: Node): void;
}

export interface GuardResult {
  issues: StructureIssue[];
  /** Replaces every remaining alias by the node it names; call only once the alias count is known to be sane. */
  inlineAliases(): void;
}

/** A null scalar standing where a rejected node was, keeping its position for diagnostics. */
function placeholder(node: Node): Scalar {
  const empty: Scalar = new (yamlLib().Scalar)(null);
  if (node.range) empty.range = [node.range[0], node.range[0], node.range[0]];
  return empty;
}

function childSlots(node: Node): Slot[] {
  const slots: Slot[] = [];
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      slots.push({ get: () => pair.key, set: (n) => (pair.key = n) });
      slots.push({ get: () => pair.value, set: (n) => (pair.value = n) });
    }
  } else if (isSeq(node)) {
    node.items.forEach((_, i) => slots.push({ get: () => node.items[i], set: (n) => (node.items[i] = n) }));
  }
  return slots;
}

/**
 * Finds cyclic and unresolved aliases and nodes nested deeper than `MAX_NESTING`, replacing each by a null
 * scalar in place. Anchors are resolved in document order, like the `yaml` library does.
 */
export function guardStructure(doc: Document, maxNesting = MAX_NESTING): GuardResult {
  const issues: StructureIssue[] = [];
  const anchors = new Map<string, Node>();
  const open = new Set<Node>();
  const aliases: Array<{ slot: Slot; target: Node }> = [];
  let tooDeepReported = false;

  type Frame = { kind: 'enter'; slot: Slot; depth: number } | { kind: 'exit'; node: Node };
  const rootSlot: Slot = { get: () => doc.contents, set: (n) => (doc.contents = n as typeof doc.contents) };
  const stack: Frame[] = [{ kind: 'enter', slot: rootSlot, depth: 1 }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    if (frame.kind === 'exit') {
      open.delete(frame.node);
      continue;
    }
    const node = frame.slot.get() as Node | null | undefined;
    if (!node || typeof node !== 'object') continue;
    if (isAlias(node)) {
      const target = anchors.get((node as Alias).source);
      if (!target) {
        issues.push({ kind: 'unresolved', node, name: (node as Alias).source });
        frame.slot.set(placeholder(node));
      } else if (open.has(target)) {
        issues.push({ kind: 'cycle', node, name: (node as Alias).source });
        frame.slot.set(placeholder(node));
      } else {
        aliases.push({ slot: frame.slot, target });
      }
      continue;
    }
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) anchors.set(anchor, node);
    if (!isMap(node) && !isSeq(node)) continue;
    if (frame.depth > maxNesting) {
      if (!tooDeepReported) issues.push({ kind: 'depth', node });
      tooDeepReported = true;
      frame.slot.set(placeholder(node));
      continue;
    }
    open.add(node);
    stack.push({ kind: 'exit', node });
    // Pushed in reverse so that children are visited in document order (anchors before their aliases).
    const slots = childSlots(node);
    for (let i = slots.length - 1; i >= 0; i--) stack.push({ kind: 'enter', slot: slots[i], depth: frame.depth + 1 });
  }
  return {
    issues,
    inlineAliases: () => {
      for (const { slot, target } of aliases) slot.set(target);
    },
  };
}
