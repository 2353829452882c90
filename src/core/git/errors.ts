// Typed Git failures. Each carries a message key (English and Vietnamese in i18n/messages.ts), its arguments,
// and Git's own output, so the CLI prints a sentence and the extension can offer the action that fixes it.
import { t, type Locale, type MessageKey } from '../i18n/messages';

export type GitErrorCode =
  | 'notTrusted'
  | 'notRepo'
  | 'noIdentity'
  | 'indexLocked'
  | 'lockBusy'
  | 'hookFailed'
  | 'signingFailed'
  | 'mergeInProgress'
  | 'rebaseInProgress'
  | 'detachedHead'
  | 'pushRejected'
  | 'syncConflict'
  | 'upstreamRewritten'
  | 'noUpstream'
  | 'authFailed'
  | 'badRevision'
  | 'outsideWorkspace'
  | 'commandFailed';

export class GitOperationError extends Error {
  constructor(
    readonly code: GitErrorCode,
    readonly key: MessageKey,
    readonly args: string[] = [],
    /** What Git (or the hook, or the signing program) printed. */
    readonly output = '',
  ) {
    super(t('en', key, ...args) + (output.trim() ? `\n${output.trim()}` : ''));
    this.name = 'GitOperationError';
  }

  /** The sentence in `locale`, followed by Git's output when there is any. */
  localized(locale: Locale): string {
    const text = t(locale, this.key, ...this.args);
    return this.output.trim() ? `${text}\n${this.output.trim()}` : text;
  }
}

/** A request the criteria file cannot satisfy (unknown criterion, a file the requirement would not count…). */
export class EvidenceError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly args: string[] = [],
  ) {
    super(t('en', key, ...args));
    this.name = 'EvidenceError';
  }

  localized(locale: Locale): string {
    return t(locale, this.key, ...this.args);
  }
}

export function isGitError(error: unknown, code?: GitErrorCode): error is GitOperationError {
  return error instanceof GitOperationError && (code === undefined || error.code === code);
}

/** The message of any error in `locale`: our typed errors are translated, others keep their text. */
export function errorText(error: unknown, locale: Locale): string {
  if (error instanceof GitOperationError || error instanceof EvidenceError) return error.localized(locale);
  if (error instanceof Error && error.name === 'GitNotTrustedError') return t(locale, 'git.notTrusted');
  return error instanceof Error ? error.message : String(error);
}

/** The raw text of a failed Git call (simple-git puts stderr and stdout in the message). */
export function outputOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const IDENTITY = /Please tell me who you are|unable to auto-detect email address|empty ident name|Author identity unknown|Committer identity unknown/i;
const SIGNING = /gpg failed to sign|failed to sign the data|error: gpg |ssh-keygen .*(failed|error)|error: (couldn't|could not) (sign|load)|signing failed|unable to sign/i;
const NOT_REPO = /not a git repository/i;
const LOCK = /Unable to create '([^']+\.lock)': File exists/i;

/** The lock file named in Git's "Unable to create '….lock': File exists" message. */
export function lockFileIn(output: string): string | undefined {
  return LOCK.exec(output)?.[1];
}

/**
 * Turns a failed `git commit` into a typed error. Git prints nothing of its own when a hook fails, so a
 * failure that is not identity, signing or a lock, while a commit hook is installed, is the hook's.
 */
export function classifyCommitFailure(error: unknown, hookInstalled: boolean): GitOperationError {
  if (error instanceof GitOperationError) return error;
  const output = outputOf(error);
  if (IDENTITY.test(output)) return new GitOperationError('noIdentity', 'git.noIdentity', [], output);
  if (SIGNING.test(output)) return new GitOperationError('signingFailed', 'git.signingFailed', [], output);
  if (NOT_REPO.test(output)) return new GitOperationError('notRepo', 'git.notRepo', [''], output);
  if (hookInstalled) return new GitOperationError('hookFailed', 'git.hookFailed', [], output);
  return new GitOperationError('commandFailed', 'git.commandFailed', ['commit'], output);
}
