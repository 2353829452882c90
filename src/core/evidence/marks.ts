// What an evidence path counts for, worked out for one path at a time (File decorations ask per visible row):
// the criteria and tasks a file is evidence for, or the requirements whose fixed folder a folder is.
import { pathPrefixes, requirementsByBase, type CompiledRequirement, type MatchState } from './match';

export interface Mark {
  /** Criterion and task ids the file (or folder) counts for; empty for an unmatched evidence file. */
  ids: string[];
  folder: boolean;
}

/** The mark of one path (relative to the evidence root, NFC) in one entry's matches, or undefined. */
export function markOf(matches: MatchState, relative: string): Mark | undefined {
  const byBase = requirementsByBase(matches.requirements);
  if (matches.files.has(relative)) {
    // A file can only meet requirements filed under one of its prefixes (match.ts).
    const meeting = pathPrefixes(relative).flatMap((prefix) => (byBase.get(prefix) ?? []).filter((r) => matches.matches.get(r.key)?.has(relative)));
    return { ids: idsInOrder(matches.requirements, meeting), folder: false };
  }
  // A glob's fixed folder ("1 Chỉ đạo điều hành/1.1 Kế hoạch CCHC") is where that criterion's files go.
  const filed = (byBase.get(relative) ?? []).filter((r) => !r.literal && r.base !== '\uffff');
  return filed.length > 0 ? { ids: idsInOrder(matches.requirements, filed), folder: true } : undefined;
}

/** Owner ids of `some` requirements, once each, in the order the criteria file lists them. */
function idsInOrder(all: CompiledRequirement[], some: CompiledRequirement[]): string[] {
  const chosen = new Set(some);
  const ids: string[] = [];
  for (const r of all) if (chosen.has(r) && !ids.includes(r.ownerId)) ids.push(r.ownerId);
  return ids;
}
