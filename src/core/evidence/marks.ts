// What an evidence path counts for, worked out for one path at a time (File decorations ask per visible row):
// the criteria and tasks a file is evidence for, or the requirements whose fixed folder a folder is.
import type { CompiledRequirement, MatchState } from './match';

export interface Mark {
  /** Criterion and task ids the file (or folder) counts for; empty for an unmatched evidence file. */
  ids: string[];
  folder: boolean;
}

/** Requirements by their fixed folder (or, for a glob without magic, the file it names), in document order. */
interface RequirementIndex {
  byBase: Map<string, CompiledRequirement[]>;
}

const indexes = new WeakMap<CompiledRequirement[], RequirementIndex>();

function indexOf(requirements: CompiledRequirement[]): RequirementIndex {
  let index = indexes.get(requirements);
  if (!index) {
    const byBase = new Map<string, CompiledRequirement[]>();
    for (const r of requirements) {
      if (r.base === '\uffff') continue;
      const base = r.base.replace(/\/$/, '');
      byBase.set(base, [...(byBase.get(base) ?? []), r]);
    }
    index = { byBase };
    indexes.set(requirements, index);
  }
  return index;
}

/** `relative`'s folder prefixes ("", "a", "a/b", …) and itself. */
function prefixesOf(relative: string): string[] {
  const prefixes = [''];
  for (let slash = relative.indexOf('/'); slash >= 0; slash = relative.indexOf('/', slash + 1)) prefixes.push(relative.slice(0, slash));
  prefixes.push(relative);
  return prefixes;
}

/** The mark of one path (relative to the evidence root, NFC) in one entry's matches, or undefined. */
export function markOf(matches: MatchState, relative: string): Mark | undefined {
  const { byBase } = indexOf(matches.requirements);
  if (matches.files.has(relative)) {
    const meeting: CompiledRequirement[] = [];
    for (const prefix of prefixesOf(relative)) {
      for (const r of byBase.get(prefix) ?? []) if (matches.matches.get(r.key)?.has(relative)) meeting.push(r);
    }
    return { ids: idsInOrder(matches.requirements, meeting), folder: false };
  }
  const filed = (byBase.get(relative) ?? []).filter((r) => !r.literal);
  return filed.length > 0 ? { ids: idsInOrder(matches.requirements, filed), folder: true } : undefined;
}

/** Owner ids of `some` requirements, once each, in the order the criteria file lists them. */
function idsInOrder(all: CompiledRequirement[], some: CompiledRequirement[]): string[] {
  const chosen = new Set(some);
  const ids: string[] = [];
  for (const r of all) if (chosen.has(r) && !ids.includes(r.ownerId)) ids.push(r.ownerId);
  return ids;
}

