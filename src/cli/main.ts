// reform-evidence: the command line over the core. Each command lives in ./commands.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Io } from './args';
import { runCommand, runProcess, type Command } from './boot';
import { check } from './commands/check';
import { report } from './commands/report';
import { add } from './commands/add';
import { commitPending } from './commands/commitPending';
import { diff } from './commands/diff';
import { log } from './commands/log';
import { verify } from './commands/verify';
import { history } from './commands/history';
import { status } from './commands/status';
import { measures } from './commands/measures';
import { portfolio } from './commands/portfolio';
import { review } from './commands/review';
import { sync } from './commands/sync';

/** Command name → handler. Other modules add theirs here. */
export const commands: Record<string, Command> = {
  check,
  status,
  measures,
  report,
  add,
  'commit-pending': commitPending,
  log,
  diff,
  verify,
  portfolio,
  review,
  sync,
  history,
};

const HELP = `reform-evidence — evidence for the administrative reform (PAR) index

Usage: reform-evidence <command> [options]

  check [dir|file] [--json]                 validate the criteria file; exit 1 on any error
  status [dir|file] [--json] [--unit ID] [--as-of YYYY-MM-DD] [--files] [--no-git] [--rev REV | --at YYYY-MM-DD]
                                            state and scores of every criterion, task and unit
                                            (--rev/--at: as committed in that revision, see docs/history.md)
  measures [dir|file] [--as-of YYYY-MM-DD] [--json] [--no-git]
                                            measured criteria: rate, full-points threshold, score, last three months
  report weekly [dir|file] [--since DATE] [--as-of DATE] [--format md|html] [--output FILE] [--no-git]
                                            weekly briefing: figures and what changed since DATE (default 7 days)
  report self-assessment [dir|file] [--as-of DATE] [--format csv|html|xlsx] [--output FILE] [--no-git]
                                            self-assessment table; CSV is UTF-8 with BOM for Excel
  add <criterion|task> <files…> [--requirement N] [--name NAME] [--push] [-C dir]
                                            copy files into the requirement's folder and commit them
  commit-pending [-C dir] [--push]          commit untracked/modified evidence, one commit per criterion
  log <criterion|task> [-C dir] [--since DATE] [--json]
                                            commits that touched its evidence, newest first
  diff <rev> [<rev>] [-C dir] [--file PATH] [--json]
                                            semantic diff of the criteria file (or of one evidence file)
  verify [-C dir] [--require-signed] [--since REV] [--json]
                                            check the trailers and hashes of every evidence commit; exit 1 on any problem
  portfolio <folder> [--json] [--format md|html|csv|xlsx] [--as-of DATE] [--verify] [--jobs N] [--output FILE]
                                            every ward under the folder: ranking and points at risk by area
  portfolio fetch <wards.yaml> [--into DIR] [--jobs N] [--json]
                                            clone (partial, --filter=blob:none) or fast-forward each ward's remote
  review <base>[..<head>] [dir|file] [--json] [--format text|md] [--as-of DATE] [--fail-on-loss]
                                            what a change does to the points (head: the work tree);
                                            --fail-on-loss exits 1 when a secured point is lost
  sync [-C dir] [--json]                    fetch the branch's upstream, put local commits on top, push
  history [dir|file] [--from DATE] [--to DATE] [--every day|week|month] [--json|--format csv]
                                            secured / at risk / overdue points over time, per area and unit (docs/history.md)
  help                                      this text

Every command works on the current folder when no path is given.
Options: --lang vi|en (default from LANG).
`;

function version(): string {
  try {
    return (JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

export async function run(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.out(HELP);
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    io.out(version() + '\n');
    return 0;
  }
  return runCommand(name, commands[name], rest, io);
}

/** The CLI on this process (dist/cli.js starts it for every command but `sync`, see src/cli/bin.ts). */
export function main(): void {
  runProcess(run);
}

if (require.main === module) main();
