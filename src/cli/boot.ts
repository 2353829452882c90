// What every CLI entry shares: the failure → exit code mapping and the wiring to the process (stdout, exit code).
import { t } from '../core/i18n/messages';
import { escapeControls, replaceControls } from '../core/parse/text';
import { UnreadableFileError } from '../core/fs/readBounded';
import { cliFailure, cliLocale, CliError, fileInUse, type Io } from './args';

export type Command = (argv: string[], io: Io) => Promise<number>;

/** Runs one command: a user's mistake becomes a message and exit code 2 (1 for a refusal), never a stack. */
export async function runCommand(name: string, command: Command | undefined, rest: string[], io: Io): Promise<number> {
  const locale = cliLocale(undefined, io.env);
  // Messages quote what the user typed: on one line, controls escaped, whatever the argument held.
  const fail = (message: string, code: number, details = ''): number => {
    io.err(`reform-evidence: ${escapeControls(message, { singleLine: true })}\n${details.trim() ? replaceControls(details.trim()) + '\n' : ''}`);
    return code;
  };
  try {
    if (!command) throw new CliError(t(locale, 'cli.unknownCommand', name));
    return await command(rest, io);
  } catch (caught) {
    const error = cliFailure(caught, locale);
    if (error instanceof CliError) return fail(error.message, error.exitCode, error.details);
    if (error instanceof TypeError && (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) return fail(error.message, 2);
    if (error instanceof UnreadableFileError) return fail(error.messageIn(locale), 2);
    // A file the system refuses (missing, a folder, a device, a link loop, unreadable): the user's to fix.
    const err = error as NodeJS.ErrnoException;
    if (typeof err.code === 'string' && typeof err.syscall === 'string') return fail(t(locale, 'cli.unreadable', err.path ?? fileInUse() ?? '', err.message), 2);
    throw error;
  }
}

/** Runs `run` on this process's arguments and streams; its result becomes the exit code. */
export function runProcess(run: (argv: string[], io: Io) => Promise<number>): void {
  // `reform-evidence status | head` closes our stdout early: that is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  run(process.argv.slice(2), {
    out: (s) => process.stdout.write(s),
    drained: () => new Promise((resolve) => process.stdout.once('drain', resolve)),
    err: (s) => process.stderr.write(s),
    cwd: process.cwd(),
    env: process.env,
    pretty: process.stdout.isTTY === true,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`reform-evidence: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
      process.exitCode = 3;
    },
  );
}
