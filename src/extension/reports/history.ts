// Git history for the dashboard and reports: fetched here (never in the pure report functions), never in
// restricted mode, and never an error: without it the figures still show, with a note that history is missing.
import { lastCommitsForFiles } from '../../core/audit/history';
import { evidenceCommitsSince } from '../../core/audit/commitsSince';
import type { EvidenceCommit, FileRecord } from '../../core/model/types';
import type { CriteriaEntry } from '../model/modelStore';

export interface EntryHistory {
  commits?: EvidenceCommit[];
  fileRecords?: Map<string, FileRecord>;
}

/** Answers kept while HEAD stays the same (a few, newest last): the dashboard asks again on every model change. */
const answers = new Map<string, EntryHistory>();
const KEPT_ANSWERS = 16;

/**
 * Commits since `since` (and, when asked, the last commit of every file) of the entry's evidence. Both depend
 * only on HEAD: while it stays, one `rev-parse` replaces walking the history again.
 */
export async function entryHistory(entry: CriteriaEntry, trusted: boolean, options: { since?: string; files?: boolean }, log?: (error: unknown) => void): Promise<EntryHistory> {
  const git = entry.loaded.git;
  if (!git || !trusted) return {};
  const evidenceRoot = entry.loaded.doc.index.evidenceRoot;
  try {
    const head = (await git.readBuffer(['rev-parse', '-q', '--verify', 'HEAD']).catch(() => undefined))?.toString('utf8').trim();
    const key = head ? JSON.stringify([entry.loaded.doc.baseDir, evidenceRoot, head, options.since ?? '', !!options.files]) : undefined;
    const known = key ? answers.get(key) : undefined;
    if (known) return known;
    const commits = await evidenceCommitsSince(git, evidenceRoot, options.since);
    const fileRecords = options.files ? await lastCommitsForFiles(git, evidenceRoot) : undefined;
    const answer = { commits, fileRecords };
    if (key) {
      answers.set(key, answer);
      if (answers.size > KEPT_ANSWERS) answers.delete(answers.keys().next().value!);
    }
    return answer;
  } catch (error) {
    log?.(error);
    return {};
  }
}
