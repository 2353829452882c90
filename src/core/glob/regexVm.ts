// A regular-expression matcher that never backtracks: the subset of JavaScript's syntax that picomatch emits
// for globs, compiled to an NFA and run as a set of states (Thompson), so one test costs O(name × pattern)
// whatever the pattern. JavaScript's own engine backtracks: `*a*a*a*a*a*a*a*a*a*a*c.pdf` against a long name
// took 44 s. Only `test` is needed (no captures), so greedy and lazy quantifiers are the same here.

/** Raised for syntax this matcher does not run: back-references and look-behinds (no linear-time algorithm). */
export class UnsupportedRegex extends Error {}

type Node =
  | { t: 'set'; ranges: number[]; negate: boolean }
  | { t: 'seq'; items: Node[] }
  | { t: 'alt'; options: Node[] }
  | { t: 'rep'; body: Node; min: number; max: number }
  | { t: 'bol' }
  | { t: 'eol' }
  | { t: 'boundary'; negate: boolean }
  | { t: 'look'; negate: boolean; body: Node };

const DIGIT = [0x30, 0x39];
const WORD = [0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a];
const SPACE = [0x09, 0x0d, 0x20, 0x20, 0xa0, 0xa0, 0x1680, 0x1680, 0x2000, 0x200a, 0x2028, 0x2029, 0x202f, 0x202f, 0x205f, 0x205f, 0x3000, 0x3000, 0xfeff, 0xfeff];
/** `.` without the s flag: everything but line terminators. */
const DOT: Node = { t: 'set', ranges: [0x0a, 0x0a, 0x0d, 0x0d, 0x2028, 0x2029], negate: true };
/** Upper bound on a counted repetition `{n,m}` (it is unrolled); picomatch writes at most `{1,2}`. */
const MAX_COUNT = 1000;

function inRanges(ranges: number[], c: number): boolean {
  for (let i = 0; i < ranges.length; i += 2) if (c >= ranges[i] && c <= ranges[i + 1]) return true;
  return false;
}

/** Parses `source` (no flags) into a tree; throws UnsupportedRegex or SyntaxError. */
export function parseRegex(source: string): Node {
  let at = 0;
  const peek = () => source[at];
  const fail = (what: string): never => {
    throw new SyntaxError(`${what} at ${at} in /${source}/`);
  };

  /** An escape after `\` (at points past the backslash): a class of characters, or one code unit. */
  const escape = (inClass: boolean): { ranges: number[]; negate: boolean } | { boundary: boolean } => {
    const c = source[at++];
    if (c === undefined) fail('trailing backslash');
    switch (c) {
      case 'd': return { ranges: DIGIT, negate: false };
      case 'D': return { ranges: DIGIT, negate: true };
      case 'w': return { ranges: WORD, negate: false };
      case 'W': return { ranges: WORD, negate: true };
      case 's': return { ranges: SPACE, negate: false };
      case 'S': return { ranges: SPACE, negate: true };
      case 'b':
        if (inClass) return single(8);
        return { boundary: false };
      case 'B':
        if (inClass) return single(0x42);
        return { boundary: true };
      case 't': return single(9);
      case 'n': return single(10);
      case 'v': return single(11);
      case 'f': return single(12);
      case 'r': return single(13);
      case 'c': {
        const letter = source[at];
        if (letter && /[A-Za-z]/.test(letter)) {
          at++;
          return single(letter.charCodeAt(0) % 32);
        }
        at--; // `\c` not followed by a letter is a backslash and a "c"
        return single(0x5c);
      }
      case 'x': {
        const hex = /^[0-9A-Fa-f]{2}/.exec(source.slice(at));
        if (!hex) return single(0x78);
        at += 2;
        return single(parseInt(hex[0], 16));
      }
      case 'u': {
        const hex = /^[0-9A-Fa-f]{4}/.exec(source.slice(at));
        if (!hex) return single(0x75);
        at += 4;
        return single(parseInt(hex[0], 16));
      }
      case 'k':
        if (/\(\?<[A-Za-z_$]/.test(source)) throw new UnsupportedRegex('back-reference');
        return single(0x6b);
      default:
        if (c >= '1' && c <= '9') {
          if (inClass) throw new UnsupportedRegex('octal escape');
          throw new UnsupportedRegex('back-reference');
        }
        if (c === '0') {
          if (/[0-9]/.test(source[at] ?? '')) throw new UnsupportedRegex('octal escape');
          return single(0);
        }
        return single(c.charCodeAt(0));
    }
  };
  const single = (code: number) => ({ ranges: [code, code], negate: false });

  const charClass = (): Node => {
    // at is past '['
    let negate = false;
    if (peek() === '^') {
      negate = true;
      at++;
    }
    const ranges: number[] = [];
    const negated: number[][] = [];
    /** One class atom: a code unit, or a class escape (\d, \w…) that cannot start a range. */
    const atom = (): number | { ranges: number[]; negate: boolean } => {
      const c = source[at++];
      if (c === '\\') {
        const e = escape(true);
        if ('boundary' in e) return fail('boundary in class');
        if (e.ranges.length === 2 && e.ranges[0] === e.ranges[1] && !e.negate) return e.ranges[0];
        return e;
      }
      return c.charCodeAt(0);
    };
    const add = (a: number | { ranges: number[]; negate: boolean }) => {
      if (typeof a === 'number') ranges.push(a, a);
      else if (a.negate) negated.push(a.ranges);
      else ranges.push(...a.ranges);
    };
    for (;;) {
      if (at >= source.length) fail('unterminated class');
      if (peek() === ']') {
        at++;
        break;
      }
      const first = atom();
      if (peek() === '-' && source[at + 1] !== ']' && at + 1 < source.length) {
        at++;
        const last = atom();
        if (typeof first === 'number' && typeof last === 'number') {
          if (last < first) fail('range out of order');
          ranges.push(first, last);
        } else {
          // `[\d-x]`: the class, "-" and the other end (Annex B).
          add(first);
          ranges.push(0x2d, 0x2d);
          add(last);
        }
      } else add(first);
    }
    if (negated.length === 0) return { t: 'set', ranges, negate };
    // A class holding \D, \W or \S: the union, tested as alternatives.
    const options: Node[] = [{ t: 'set', ranges, negate: false }, ...negated.map((r): Node => ({ t: 'set', ranges: r, negate: true }))];
    if (!negate) return { t: 'alt', options };
    return { t: 'seq', items: [{ t: 'look', negate: true, body: { t: 'alt', options } }, { t: 'set', ranges: [], negate: true }] };
  };

  const atomNode = (): Node | undefined => {
    const c = source[at];
    switch (c) {
      case '^':
        at++;
        return { t: 'bol' };
      case '$':
        at++;
        return { t: 'eol' };
      case '.':
        at++;
        return DOT;
      case '[':
        at++;
        return charClass();
      case '(': {
        at++;
        let look: { negate: boolean } | undefined;
        if (source.startsWith('?:', at)) at += 2;
        else if (source.startsWith('?=', at) || source.startsWith('?!', at)) {
          look = { negate: source[at + 1] === '!' };
          at += 2;
        }
        else if (source.startsWith('?<=', at) || source.startsWith('?<!', at)) throw new UnsupportedRegex('look-behind');
        else if (source.startsWith('?<', at)) {
          const end = source.indexOf('>', at);
          if (end < 0) fail('unterminated group name');
          at = end + 1;
        } else if (peek() === '?') fail('invalid group');
        const body = alternation();
        if (source[at] !== ')') fail('unterminated group');
        at++;
        return look ? { t: 'look', negate: look.negate, body } : body;
      }
      case '\\': {
        at++;
        const e = escape(false);
        if ('boundary' in e) return { t: 'boundary', negate: e.boundary };
        return { t: 'set', ranges: e.ranges, negate: e.negate };
      }
      case '*':
      case '+':
      case '?':
        return fail('nothing to repeat');
      default:
        at++;
        return { t: 'set', ranges: [c.charCodeAt(0), c.charCodeAt(0)], negate: false };
    }
  };

  const quantifier = (): { min: number; max: number } | undefined => {
    const c = source[at];
    let q: { min: number; max: number } | undefined;
    if (c === '*') q = { min: 0, max: Infinity };
    else if (c === '+') q = { min: 1, max: Infinity };
    else if (c === '?') q = { min: 0, max: 1 };
    if (q) at++;
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(at));
      if (!m) return undefined; // a literal "{" (Annex B)
      at += m[0].length;
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      if (max < min) fail('numbers out of order');
      if (min > MAX_COUNT || (max !== Infinity && max > MAX_COUNT)) throw new UnsupportedRegex('repetition count');
      q = { min, max };
    }
    if (q && source[at] === '?') at++; // lazy: the same language
    return q;
  };

  const sequence = (): Node => {
    const items: Node[] = [];
    while (at < source.length && source[at] !== '|' && source[at] !== ')') {
      const atom = atomNode()!;
      const q = quantifier();
      items.push(q ? { t: 'rep', body: atom, min: q.min, max: q.max } : atom);
    }
    return items.length === 1 ? items[0] : { t: 'seq', items };
  };

  const alternation = (): Node => {
    const options = [sequence()];
    while (source[at] === '|') {
      at++;
      options.push(sequence());
    }
    return options.length === 1 ? options[0] : { t: 'alt', options };
  };

  const tree = alternation();
  if (at !== source.length) fail('unmatched ")"');
  return tree;
}

// ── NFA: an array of instructions; a program per lookahead body.
const enum Op {
  Set,
  Split,
  Jump,
  Bol,
  Eol,
  Boundary,
  Look,
  Match,
}

interface Program {
  op: Op[];
  /** Set: ranges; Split: [x, y]; Jump: [x]; Look: [program index, negate]; Boundary: [negate]. */
  arg: number[][];
  negate: boolean[];
}

function compile(tree: Node, programs: Program[]): number {
  const p: Program = { op: [], arg: [], negate: [] };
  const index = programs.length;
  programs.push(p);
  const emit = (op: Op, arg: number[] = [], negate = false) => {
    p.op.push(op);
    p.arg.push(arg);
    p.negate.push(negate);
    return p.op.length - 1;
  };
  const gen = (n: Node): void => {
    switch (n.t) {
      case 'set':
        emit(Op.Set, n.ranges, n.negate);
        return;
      case 'seq':
        n.items.forEach(gen);
        return;
      case 'alt': {
        const jumps: number[] = [];
        for (let i = 0; i < n.options.length; i++) {
          if (i < n.options.length - 1) {
            const split = emit(Op.Split, [0, 0]);
            p.arg[split][0] = split + 1;
            gen(n.options[i]);
            jumps.push(emit(Op.Jump, [0]));
            p.arg[split][1] = p.op.length;
          } else gen(n.options[i]);
        }
        for (const j of jumps) p.arg[j][0] = p.op.length;
        return;
      }
      case 'rep': {
        for (let i = 0; i < n.min; i++) gen(n.body);
        if (n.max === Infinity) {
          const split = emit(Op.Split, [0, 0]);
          p.arg[split][0] = split + 1;
          gen(n.body);
          emit(Op.Jump, [split]);
          p.arg[split][1] = p.op.length;
        } else {
          const splits: number[] = [];
          for (let i = n.min; i < n.max; i++) {
            const split = emit(Op.Split, [0, 0]);
            p.arg[split][0] = split + 1;
            splits.push(split);
            gen(n.body);
          }
          for (const s of splits) p.arg[s][1] = p.op.length;
        }
        return;
      }
      case 'bol':
        emit(Op.Bol);
        return;
      case 'eol':
        emit(Op.Eol);
        return;
      case 'boundary':
        emit(Op.Boundary, [], n.negate);
        return;
      case 'look': {
        const at = emit(Op.Look, [0], n.negate);
        p.arg[at][0] = compile(n.body, programs);
        return;
      }
    }
  };
  gen(tree);
  emit(Op.Match);
  return index;
}

const isWord = (s: string, i: number) => i >= 0 && i < s.length && inRanges(WORD, s.charCodeAt(i));

/** A compiled pattern: `test(s)` is true when the regex (as written, with its anchors) matches somewhere in s. */
export function compileRegex(source: string): (s: string) => boolean {
  const programs: Program[] = [];
  const tree = parseRegex(source);
  compile(tree, programs);
  // picomatch's expressions start with "^": one thread from the start instead of one from every position.
  const anchored = tree.t === 'bol' || (tree.t === 'seq' && tree.items[0]?.t === 'bol');
  return (s) => run(programs, s, anchored);
}

function run(programs: Program[], s: string, anchored: boolean): boolean {
  const n = s.length;
  // Lookahead results per program and position: 0 unknown, 1 true, 2 false. Each is worked out once.
  const memo: (Uint8Array | undefined)[] = new Array(programs.length);
  const lookahead = (index: number, pos: number): boolean => {
    let m = memo[index];
    if (!m) m = memo[index] = new Uint8Array(n + 1);
    if (m[pos] === 0) m[pos] = simulate(index, pos, false) ? 1 : 2;
    return m[pos] === 1;
  };
  /** Runs program `index` from `start`; `search` also starts a thread at every later position (unanchored). */
  const simulate = (index: number, start: number, search: boolean): boolean => {
    const p = programs[index];
    const size = p.op.length;
    let current = new Int32Array(size);
    let next = new Int32Array(size);
    let currentCount = 0;
    let nextCount: number;
    // Generation marks: a state is added at most once per position.
    const mark = new Int32Array(size).fill(-1);
    let matched = false;
    const stack: number[] = [];
    const add = (list: Int32Array, count: number, pc0: number, pos: number): number => {
      stack.push(pc0);
      while (stack.length > 0) {
        const pc = stack.pop()!;
        if (mark[pc] === pos) continue;
        mark[pc] = pos;
        switch (p.op[pc]) {
          case Op.Jump:
            stack.push(p.arg[pc][0]);
            break;
          case Op.Split:
            // Order does not matter for a yes/no answer.
            stack.push(p.arg[pc][1], p.arg[pc][0]);
            break;
          case Op.Bol:
            if (pos === 0) stack.push(pc + 1);
            break;
          case Op.Eol:
            if (pos === n) stack.push(pc + 1);
            break;
          case Op.Boundary: {
            const at = isWord(s, pos - 1) !== isWord(s, pos);
            if (at !== p.negate[pc]) stack.push(pc + 1);
            break;
          }
          case Op.Look:
            if (lookahead(p.arg[pc][0], pos) !== p.negate[pc]) stack.push(pc + 1);
            break;
          case Op.Match:
            matched = true;
            break;
          default:
            list[count++] = pc;
        }
      }
      return count;
    };
    for (let pos = start; ; pos++) {
      if (search || pos === start) currentCount = add(current, currentCount, 0, pos);
      if (matched) return true;
      if (pos === n || currentCount === 0) {
        if (!search || pos === n) return false;
        continue;
      }
      const c = s.charCodeAt(pos);
      nextCount = 0;
      for (let i = 0; i < currentCount; i++) {
        const pc = current[i];
        if (inRanges(p.arg[pc], c) !== p.negate[pc]) nextCount = add(next, nextCount, pc + 1, pos + 1);
      }
      [current, next] = [next, current];
      currentCount = nextCount;
      if (matched) return true;
    }
  };
  return simulate(0, 0, !anchored);
}
