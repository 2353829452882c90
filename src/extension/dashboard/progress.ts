// The dashboard's weeks: the core's weeklyProgress for the entry (the same points as `history --every week`),
// kept while HEAD, the as-of date and the exclusions stay the same (saving a file changes the model, not the
// history of commits). Never in restricted mode, never an error: without Git the page gets `noGit`.
import { weeklyProgress } from '../../core/history/weeklyProgress';
import type { Locale } from '../../core/i18n/messages';
import { progressView, type ProgressView } from '../../core/report/progressChart';
import type { CriteriaEntry } from '../model/modelStore';

const answers = new Map<string, ProgressView>();
const KEPT_ANSWERS = 8;

export async function entryProgress(entry: CriteriaEntry, trusted: boolean, options: { locale: Locale; exclude?: string[] }): Promise<ProgressView> {
  const git = entry.loaded.git;
  if (!git || !trusted) return progressView(undefined);
  const asOf = entry.loaded.model.asOf;
  const head = (await git.readBuffer(['rev-parse', '-q', '--verify', 'HEAD']).catch(() => undefined))?.toString('utf8').trim();
  if (!head) return progressView([]);
  const key = JSON.stringify([entry.uri.fsPath, head, asOf, options.exclude ?? []]);
  const known = answers.get(key);
  if (known) return known;
  const view = progressView(await weeklyProgress(entry.uri.fsPath, asOf, { git, locale: options.locale, exclude: options.exclude }));
  answers.set(key, view);
  if (answers.size > KEPT_ANSWERS) answers.delete(answers.keys().next().value!);
  return view;
}
