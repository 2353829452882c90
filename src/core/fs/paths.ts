// Whether a path lies below a folder, from path.relative's answer. A folder named `..notes` is a folder like any
// other: only a first segment that is `..` itself leads above (a prefix test of ".." took it for outside).
import * as path from 'node:path';

/** Whether `relative` (a path.relative result; `sep` its separator) leads out of its base: `..` first, or another root. */
export function leadsOut(relative: string, sep: string = path.sep): boolean {
  return relative === '..' || relative.startsWith('..' + sep) || path.isAbsolute(relative);
}

/** True when `target` is `dir` itself or below it. */
export function isWithin(target: string, dir: string): boolean {
  return !leadsOut(path.relative(dir, target));
}

/** True when `target` is strictly below `dir`. */
export function isStrictlyWithin(target: string, dir: string): boolean {
  const relative = path.relative(dir, target);
  return relative !== '' && !leadsOut(relative);
}
