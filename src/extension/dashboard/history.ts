// Git history for the dashboard and reports: fetched here (never in the pure report functions), never in
// restricted mode, and never an error: without it the figures still show, with a note that history is missing.
import { evidenceCommits, lastCommitsForFiles } from '../../core/git/history';
import type { EvidenceCommit, FileRecord } from '../../core/model/types';
import { addDays } from '../../core/report/format';
import type { CriteriaEntry } from '../model/modelStore';

export interface EntryHistory {
  commits?: EvidenceCommit[];
  fileRecords?: Map<string, FileRecord>;
}

/** Commits since `since` (and, when asked, the last commit of every file) of the entry's evidence. */
export async function entryHistory(entry: CriteriaEntry, trusted: boolean, options: { since?: string; files?: boolean }, log?: (error: unknown) => void): Promise<EntryHistory> {
  const git = entry.loaded.git;
  if (!git || !trusted) return {};
  const evidenceRoot = entry.loaded.doc.index.evidenceRoot;
  try {
    // `git log --since=DAY` starts at the current time of that day: ask a day earlier; the report filters exactly.
    const commits = await evidenceCommits(git, { evidenceRoot, since: options.since ? addDays(options.since, -1) : undefined });
    const fileRecords = options.files ? await lastCommitsForFiles(git, evidenceRoot) : undefined;
    return { commits, fileRecords };
  } catch (error) {
    log?.(error);
    return {};
  }
}
