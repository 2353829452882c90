// Which commit a date names: the last commit of the current branch on or before the end of that day.
import { EvidenceError } from '../git/errors';
import type { Git } from '../git/git';
import { isCommitHash } from '../git/revision';

/**
 * The last commit on the first-parent line of HEAD (the states the branch itself was in) committed on or before
 * the end of `date` (YYYY-MM-DD, local time), or undefined when the branch has none that old.
 */
export async function commitOnOrBefore(git: Git, date: string, head = 'HEAD'): Promise<string | undefined> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`not a date: ${date}`);
  // `head` is HEAD or a resolved hash: nothing a user typed reaches this argument list.
  if (head !== 'HEAD' && !isCommitHash(head)) throw new Error(`not a commit hash: ${head}`);
  let out: string;
  try {
    out = await git.read(['rev-list', '-1', '--first-parent', `--before=${date} 23:59:59`, head, '--']);
  } catch (error) {
    // A branch without commits has no state at any date.
    if (error instanceof Error && error.name === 'GitNotTrustedError') throw error;
    return undefined;
  }
  const hash = out.trim();
  return isCommitHash(hash) ? hash : undefined;
}

/** commitOnOrBefore, or a typed error naming the date. */
export async function commitAtDate(git: Git, date: string): Promise<string> {
  const found = await commitOnOrBefore(git, date);
  if (!found) throw new EvidenceError('history.noCommitAt', [date]);
  return found;
}
