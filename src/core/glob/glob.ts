// Glob tests that take time linear in the name whatever the glob. picomatch turns a glob into a regular
// expression (its semantics, kept exactly); JavaScript's engine backtracks, so a glob with many wildcards in one
// segment (`*a*a*a*a*a*a*a*a*a*a*c.pdf`) could run for hours on one long name. An expression that cannot
// backtrack much (at most one repetition of one character, no alternatives) still runs on the engine, which is
// the fastest; every other one runs on regexVm, which keeps a set of states instead of backtracking.
import type picomatchType from 'picomatch';
import { compileRegex, parseRegex, UnsupportedRegex } from './regexVm';

export type GlobOptions = picomatchType.PicomatchOptions;

// Declared here, not taken from Node's types: the dashboard page type-checks this file without them.
declare const require: (id: string) => unknown;

/** picomatch on the first glob compiled, not when the extension loads (bench/activate.cjs). */
export const picomatch = (): typeof picomatchType => require('picomatch') as typeof picomatchType;

/** How requirement paths of a criteria file are read: `*` and `**` skip names that start with a dot. */
export const REQUIREMENT_GLOB_OPTIONS: GlobOptions = { dot: false, strictSlashes: true };

const NEVER = (): boolean => false;

type Tree = ReturnType<typeof parseRegex>;

/** Nodes in a tree, lookahead bodies included. */
function size(n: Tree): number {
  switch (n.t) {
    case 'seq':
      return 1 + n.items.reduce((s, i) => s + size(i), 0);
    case 'alt':
      return 1 + n.options.reduce((s, i) => s + size(i), 0);
    case 'rep':
    case 'look':
      return 1 + size(n.body);
    default:
      return 1;
  }
}

/** Matches one character: a set, maybe behind lookaheads (`(?:(?!…).)` in picomatch's `**`). */
function oneChar(n: Tree): boolean {
  if (n.t === 'set') return true;
  if (n.t !== 'seq') return false;
  const last = n.items.at(-1);
  return last !== undefined && last.t === 'set' && n.items.slice(0, -1).every((i) => i.t === 'look');
}

/** A lookahead the engine checks in bounded time: small, nothing repeated without a bound, no nested lookahead. */
function smallLook(n: Tree): boolean {
  if (size(n) > 12) return false;
  const bounded = (x: Tree): boolean => {
    switch (x.t) {
      case 'seq':
        return x.items.every(bounded);
      case 'alt':
        return x.options.every(bounded);
      case 'rep':
        return x.max !== Infinity && x.max <= 2 && oneChar(x.body);
      case 'look':
        return false;
      default:
        return true;
    }
  };
  return bounded(n);
}

/**
 * True when JavaScript's backtracking engine runs the expression in O(name × pattern): no alternatives and at most
 * one repetition (of one character) outside small lookaheads. Each failed try of the one repetition costs at most
 * the rest of the pattern.
 */
export function engineIsSafe(tree: Tree): boolean {
  let repetitions = 0;
  const walk = (n: Tree): boolean => {
    switch (n.t) {
      case 'seq':
        return n.items.every(walk);
      case 'alt':
        return false;
      case 'rep':
        repetitions++;
        return repetitions <= 1 && oneChar(n.body) && (n.body.t !== 'seq' || n.body.items.every((i) => i.t !== 'look' || smallLook(i.body)));
      case 'look':
        return smallLook(n.body);
      default:
        return true;
    }
  };
  return walk(tree);
}

/** How a glob's expression will be run: by the engine, by the state-set matcher, or never (see globProblem). */
export function globRunner(glob: string, options: GlobOptions): 'engine' | 'states' | 'never' {
  return plan(glob, options).runner;
}

type Plan = { runner: 'engine' | 'states' | 'never'; test: (s: string) => boolean };

/**
 * Plans by options object and glob: a province's requirements repeat the same name patterns (`Quyết định*.pdf`
 * in hundreds of folders), each compiled once. Plans are stateless, so sharing them is safe.
 */
const plans = new WeakMap<GlobOptions, Map<string, Plan>>();

function plan(glob: string, options: GlobOptions): Plan {
  let known = plans.get(options);
  if (!known) plans.set(options, (known = new Map()));
  let found = known.get(glob);
  if (!found) known.set(glob, (found = makePlan(glob, options)));
  return found;
}

function makePlan(glob: string, options: GlobOptions): Plan {
  let re: RegExp;
  try {
    re = picomatch().makeRe(glob, options);
  } catch {
    return { runner: 'never', test: NEVER };
  }
  if (re.flags !== '') throw new Error(`glob options that set regular-expression flags are not supported: ${re.flags}`);
  const source = re.source;
  try {
    const tree = parseRegex(source);
    if (engineIsSafe(tree)) {
      return { runner: 'engine', test: (s) => re.test(s) };
    }
    return { runner: 'states', test: compileRegex(source) };
  } catch (e) {
    if (e instanceof UnsupportedRegex || e instanceof SyntaxError) return { runner: 'never', test: NEVER };
    throw e;
  }
}

/**
 * What picomatch's matcher answers for `glob` and these options (an empty path never matches; a path equal to the
 * glob always does; otherwise the glob's expression), in time linear in the path. The expression is built on the
 * first test that needs it: a province's 2,000 globs cost 0.2 s to compile up front, and a requirement whose
 * folder holds no file never needs its expression. A glob using regular-expression syntax with no linear-time
 * algorithm (back-references, look-behinds; see globProblem) matches nothing but its own text.
 */
export function globTest(glob: string, options: GlobOptions): (path: string) => boolean {
  let test: ((s: string) => boolean) | undefined;
  return (p) => {
    if (p === '') return false;
    if (p === glob) return true;
    if (!test) test = plan(glob, options).test;
    return test(p);
  };
}

/**
 * The same test built now, for callers that want picomatch's exception on a glob it cannot read: also thrown for
 * regular-expression syntax the matcher does not run (the caller then falls back, as for any unreadable pattern).
 */
export function globMatcher(glob: string, options: GlobOptions): (path: string) => boolean {
  if (glob === '') throw new TypeError('Expected pattern to be a non-empty string');
  picomatch().makeRe(glob, options); // throws what picomatch throws
  const { runner, test } = plan(glob, options);
  if (runner === 'never') throw new Error(`unsupported pattern: ${glob}`);
  return (p) => p !== '' && (p === glob || test(p));
}

/** Whether `glob` uses regular-expression syntax the matcher does not run (so it matches no other path). */
export function globProblem(glob: string, options: GlobOptions): 'regexSyntax' | undefined {
  let source: string;
  try {
    source = picomatch().makeRe(glob, options).source;
  } catch {
    return undefined; // not an expression at all: other checks report it
  }
  try {
    parseRegex(source);
    return undefined;
  } catch (e) {
    return e instanceof UnsupportedRegex ? 'regexSyntax' : undefined;
  }
}
