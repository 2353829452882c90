// Where a path the listing keeps in NFC is on disk: names may be stored in another normalization form (NFD, as
// macOS writes them), which Linux does not equate.
import { lstatSync, readdirSync, type Stats } from 'node:fs';
import * as path from 'node:path';
import { decodePath, fsPath } from '../git/pathBytes';

/**
 * The on-disk path of `relative` (kept in NFC by the listing) below `dir`: the same path in most cases; else each
 * segment is looked up among its folder's entries by NFC, for names stored in another form (NFD on macOS).
 */
export function onDiskPath(dir: string, relative: string): string | undefined {
  return onDisk(dir, relative)?.full;
}

/** lstat, undefined when there is nothing there (or it cannot be looked at). */
export function lstatOrUndefined(p: string): Stats | undefined {
  try {
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: a throw for "no entry" lands in the catch, which answers the same
    return lstatSync(fsPath(p), { throwIfNoEntry: false });
    // Stryker disable next-line BlockStatement: an empty catch answers undefined too
  } catch {
    return undefined;
  }
}

/** A relative path with an empty, `.` or `..` segment: path.join would change more than the separator. */
const NOT_PLAIN = /(?:^|\/)\.{0,2}(?:\/|$)/;

/**
 * path.join(dir, relative) for `dir` as path.resolve gives it: a concatenation when `relative` is plain (Git's paths
 * always are), where path.join normalizes the whole string again (a few µs for each evidence file looked at).
 */
export function joinPlain(dir: string, relative: string): string {
  // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: a shortcut; path.join gives the same path (the property test), only slower
  if (path.sep !== '/' || NOT_PLAIN.test(relative)) return path.join(dir, relative);
  return dir.endsWith('/') ? dir + relative : `${dir}/${relative}`;
}

/** onDiskPath, with the `lstat` of the path when that found it at once (the caller needs no second one). */
export function onDisk(dir: string, relative: string): { full: string; stat?: Stats } | undefined {
  const direct = joinPlain(dir, relative);
  const stat = lstatOrUndefined(direct);
  // Stryker disable next-line ConditionalExpression: a shortcut; the lookup below finds the same path (a miss is looked at again by the caller), short of one folder holding a name in two normalization forms, which the listing keys as one file anyway
  if (stat) return { full: direct, stat };
  let current = dir;
  for (const segment of relative.split('/')) {
    let entries: string[];
    try {
      entries = readdirSync(fsPath(current), { encoding: 'buffer' }).map((e) => decodePath(e));
    } catch {
      return undefined;
    }
    const found = entries.find((e) => e.normalize('NFC') === segment);
    if (found === undefined) return undefined;
    current = path.join(current, found);
  }
  return { full: current };
}
