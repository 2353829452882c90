// Paths in a criteria file are globs relative to the evidence folder: they must never reach outside it.
import { globProblem, REQUIREMENT_GLOB_OPTIONS } from '../glob/glob';
import type { MessageKey } from '../i18n/messages';

type Reason = Extract<MessageKey, `reason.${string}`>;

/** `..` as a whole segment, also inside brace or extglob alternatives such as `{..,a}` or `@(..)`. */
const PARENT_SEGMENT = /(^|[/{,(|])\.\.($|[/},)|])/;

/**
 * `.git` as a whole segment in any case (`.GIT` on a case-insensitive disk), with the trailing dots or spaces
 * and the short name Windows also resolves to it, also inside brace or extglob alternatives.
 */
const GIT_SEGMENT = /(^|[/{,(|])(\.git[. ]*|git~1)($|[/},)|])/i;

/** Why a glob or folder path could leave the workspace or reach into the Git directory, or undefined when it cannot. */
export function unsafePathReason(path: string): Reason | undefined {
  if (path.trim() === '') return 'reason.empty';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(path)) return 'reason.control';
  if (path.includes('\\')) return 'reason.backslash';
  if (/^[A-Za-z]:/.test(path)) return 'reason.drive';
  if (path.startsWith('/')) return 'reason.absolute';
  if (path.startsWith('~')) return 'reason.home';
  if (PARENT_SEGMENT.test(path)) return 'reason.parent';
  if (GIT_SEGMENT.test(path)) return 'reason.gitDir';
  return undefined;
}

/** A leading "!" negates a glob (every file it does not match would count); "!(…)" is an extglob, not a negation. */
const NEGATION = /^!(?!\()/;

/** Why a requirement's glob could count files it should not, or undefined: an unsafe path, or a negation. */
export function unsafeGlobReason(glob: string): Reason | undefined {
  return unsafePathReason(glob) ?? (NEGATION.test(glob) ? 'reason.negated' : undefined);
}

/** `.git` as a whole segment, exactly. */
const GIT_NAME_SEGMENT = /(?:^|\/)\.git(?:\/|$)/;

/** Why a safe glob can still never match a file, or undefined. */
export function unmatchableReason(glob: string): Reason | undefined {
  if (glob.endsWith('/')) return 'reason.trailingSlash';
  if (glob.includes('//')) return 'reason.emptySegment';
  if (GIT_NAME_SEGMENT.test(glob)) return 'reason.git';
  // Back-references are refused with the backslash; look-behinds have no linear-time matcher (core/glob).
  if (/\(\?<[=!]/.test(glob) && globProblem(glob.replace(/^\.\//, ''), REQUIREMENT_GLOB_OPTIONS)) return 'reason.regexSyntax';
  return undefined;
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isRealDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Today as YYYY-MM-DD in local time. */
export function todayIso(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
