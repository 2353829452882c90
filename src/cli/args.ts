// Shared command-line plumbing: options, locale, finding the criteria file, clean exits.
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { localeFrom, t, type Locale } from '../core/i18n/messages';
import { replaceControls } from '../core/parse/text';
import { isRealDate } from '../core/validate/paths';
import { EvidenceError, GitOperationError } from '../core/git/errors';
import { findCriteriaFiles } from '../core/workspace/findCriteria';
import { leadsOut } from '../core/fs/paths';

/** A failure the user can fix: printed on one line without a stack trace, with an exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
    /** What Git (or its hook) printed, shown under the message. */
    readonly details = '',
  ) {
    super(message);
  }
}

/** Text for the terminal: control characters and bidi overrides replaced (a file name or subject cannot retitle a window). */
export function writeText(io: Io, text: string): unknown {
  return io.out(replaceControls(text));
}

/** One value (a file name, a subject, an author) on one terminal line. */
export function lineText(value: string): string {
  return replaceControls(value, { singleLine: true });
}

export interface Io {
  /** May return false when the reader is behind (process.stdout.write); `drained` then waits for it. */
  out: (text: string) => unknown;
  drained?: () => Promise<void>;
  err: (text: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Indent JSON for a reader: stdout is a terminal. Piped JSON is one line, for programs (as `gh --json` does). */
  pretty?: boolean;
}

/** Spaces per level of `--json` output: 2 on a terminal, none when piped (a province's status is half the size). */
export function jsonSpace(io: Io): number {
  return io.pretty ? 2 : 0;
}

/** The `--json` text of a (small) result, newline-terminated. */
export function jsonText(value: unknown, io: Io): string {
  return JSON.stringify(value, null, jsonSpace(io)) + '\n';
}

export function cliLocale(flag: string | undefined, env: NodeJS.ProcessEnv): Locale {
  return localeFrom(flag ?? env.REFORM_EVIDENCE_LANG ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG);
}

let criteriaFileInUse: string | undefined;

/** The criteria file this run resolved last: named in a read error that does not carry its path (EIO on read). */
export function fileInUse(): string | undefined {
  return criteriaFileInUse;
}

/** The criteria file named by `target` (a file, or a folder holding one), relative to `cwd`. */
export async function resolveCriteriaFile(target: string | undefined, cwd: string, locale: Locale): Promise<string> {
  const full = path.resolve(cwd, target ?? '.');
  criteriaFileInUse = full;
  if (full.includes('\0') || !existsSync(full)) throw new CliError(t(locale, 'cli.noPath', full));
  // Anything but a folder is read as the criteria file: the bounded reader refuses a device, a FIFO or a socket
  // with one clear line (the same words whoever reads the file).
  if (!statSync(full).isDirectory()) return full;
  const found = await findCriteriaFiles(full);
  if (found.length === 0) throw new CliError(t(locale, 'cli.noCriteria', full));
  criteriaFileInUse = found[0];
  return found[0];
}

export function checkDateOption(name: string, value: string | undefined, locale: Locale): string | undefined {
  if (value !== undefined && !isRealDate(value)) throw new CliError(t(locale, 'cli.badDate', name, value));
  return value;
}

/** A path shown to the user: relative to the current folder when inside it. */
export function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative && !leadsOut(relative) ? relative.split(path.sep).join('/') : file;
}

/** Options every Git command takes: the workspace (`-C`/`--dir`: a folder or the criteria file) and the language. */
export const WORKSPACE_OPTIONS = {
  dir: { type: 'string', short: 'C' },
  lang: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export async function workspaceFile(dir: string | undefined, io: Io, locale: Locale): Promise<string> {
  return resolveCriteriaFile(dir, io.cwd, locale);
}

/** Our typed errors as clean CLI failures: a wrong request exits 2, a refused or failed Git operation 1. */
export function cliFailure(error: unknown, locale: Locale): unknown {
  if (error instanceof EvidenceError) return new CliError(error.localized(locale), 2);
  // An unknown revision is a wrong request (2); a refused or failed Git operation is 1, with Git's own output.
  if (error instanceof GitOperationError) return new CliError(error.localized(locale), error.code === 'badRevision' ? 2 : 1, error.output);
  return error;
}
