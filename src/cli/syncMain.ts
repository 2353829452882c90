// The CLI's `sync` alone (dist/cli-sync.js): a sync follows every refused push, so it starts without compiling
// the other commands (a third of the start of the whole CLI; docs/sync.md, Figure).
import type { Io } from './args';
import { runCommand, runProcess } from './boot';
import { sync } from './commands/sync';

export function run(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  return runCommand(name, name === 'sync' ? sync : undefined, rest, io);
}

export function main(): void {
  runProcess(run);
}
