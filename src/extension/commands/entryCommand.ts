// "Which criteria file does this command act on" in one place: every command that works on one criteria file
// registers through `registerEntryCommand`, which resolves the entry from its argument (a tree node, a
// dashboard link) or asks (the active editor's file first), as VS Code's git extension resolves a repository.
import * as vscode from 'vscode';
import type { CriteriaEntry } from '../model/modelStore';
import type { Services } from '../services';
import type { NodeKind } from '../tree/nodes';

/** What a command gets first: a tree node, the fields of a dashboard link, or nothing (the palette, a keybinding). */
export interface CommandArg {
  kind?: NodeKind;
  entryUri?: string;
  criterionId?: string;
  taskId?: string;
  requirementIndex?: number;
  fileUri?: string;
}

const STRING_FIELDS = ['entryUri', 'criterionId', 'taskId', 'fileUri'] as const;
const KINDS: readonly NodeKind[] = ['folder', 'criteriaFile', 'unit', 'criterion', 'requirement', 'file', 'task'];

/** Keeps the well-typed fields of a command's first argument (menus pass URIs, other extensions anything). */
export function commandArg(value: unknown): CommandArg {
  if (typeof value !== 'object' || value === null) return {};
  const v = value as Record<string, unknown>;
  const arg: CommandArg = {};
  for (const key of STRING_FIELDS) if (typeof v[key] === 'string') arg[key] = v[key] as string;
  if (typeof v.requirementIndex === 'number' && Number.isInteger(v.requirementIndex) && v.requirementIndex >= 0) arg.requirementIndex = v.requirementIndex;
  if (KINDS.includes(v.kind as NodeKind)) arg.kind = v.kind as NodeKind;
  return arg;
}

export interface EntryCommandOptions {
  /** Runs before anything is asked; true stops the command (e.g. Git in an untrusted workspace). */
  refuse?: () => boolean;
  /** When no criteria file is loaded (or the pick was dismissed). */
  none?: () => void;
}

export function registerEntryCommand(
  { store }: Services,
  id: string,
  /** `args` are the command's arguments as given (the first one included, for fields of its own). */
  run: (entry: CriteriaEntry, arg: CommandArg, args: unknown[]) => unknown,
  options: EntryCommandOptions = {},
): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (first?: unknown, ...rest: unknown[]) => {
    if (options.refuse?.()) return undefined;
    const arg = commandArg(first);
    const entry = await store.pickEntry(arg.entryUri);
    if (!entry) {
      options.none?.();
      return undefined;
    }
    return run(entry, arg, [first, ...rest]);
  });
}
