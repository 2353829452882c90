// The messages between the dashboard host (extension) and its page (media/dashboard/dashboard.js).
// Types only, no `vscode`: the page's JSDoc imports them and `media/dashboard/jsconfig.json` checks it.
import type { Presentation } from '../../core/present/states';
import type { DashboardData } from '../../core/report/dashboardData';
import type { ProgressView } from '../../core/report/progressTypes';

/** Every text the page shows, localized by the host with vscode.l10n (the page has no l10n of its own). */
export const DASHBOARD_STRING_KEYS = [
  'title',
  'asOf',
  'gitOn',
  'gitOff',
  'criteriaFile',
  'weeklyReport',
  'selfAssessment',
  'refresh',
  'max',
  'secured',
  'atRisk',
  'waived',
  'overdue',
  'overdueDetail',
  'withEvidence',
  'withEvidenceDetail',
  'target',
  'ofMax',
  'byArea',
  'byAreaHint',
  'byUnit',
  'byUnitHint',
  'unit',
  'criteria',
  'deadlines',
  'deadlinesHint',
  'noDeadlines',
  'item',
  'owner',
  'due',
  'state',
  'points',
  'pointsAtStake',
  'viaTask',
  'daysLate',
  'daysLeft',
  'dueToday',
  'task',
  'recent',
  'recentHint',
  'recentNone',
  'recentNoGit',
  'recentMore',
  'files',
  'noData',
  'problems',
  'expand',
  'collapse',
  'indicators',
  'indicatorsHint',
  'fullAt',
  'fullAtShort',
  'belowFull',
  'month',
  'rate',
  'numerator',
  'denominator',
  'qualityUnknown',
  'qualityMissing',
  'qualityNoCases',
  'progress',
  'progressHint',
  'progressLoading',
  'progressNoGit',
  'progressTooFew',
  'progressScope',
  'progressWholeIndex',
  'progressOverdue',
  'week',
] as const;

export type DashboardStringKey = (typeof DASHBOARD_STRING_KEYS)[number];
export type DashboardStrings = Record<DashboardStringKey, string>;

export interface DashboardEntry {
  /** The criteria file's URI, as a string: the key of every request back to the host. */
  uri: string;
  /** Its path inside the workspace, for the picker when there are several. */
  label: string;
}

export interface DashboardView {
  entryUri: string;
  entries: DashboardEntry[];
  data: DashboardData;
}

export type HostMessage =
  /**
   * The answer to `ready`: texts, the look of states and numbers (the core's one table), and the first data
   * (none yet when no criteria file is loaded: `empty` follows).
   */
  | { type: 'init'; locale: 'en' | 'vi'; strings: DashboardStrings; presentation: Presentation; view?: DashboardView }
  /** The model changed (or another criteria file was chosen). */
  | { type: 'update'; view: DashboardView }
  /** No criteria file is loaded. */
  | { type: 'empty'; message: string }
  /**
   * Secured points over the weeks of `entryUri` (the core's weeklyProgress, as `history --every week`): sent after
   * the figures, once Git has answered, so the first paint never waits for the history.
   */
  | { type: 'progress'; entryUri: string; progress: ProgressView };

export type PageMessage =
  /** The page is listening: the host sends `init` only after this. */
  | { type: 'ready' }
  | { type: 'revealCriterion'; entryUri: string; id: string }
  | { type: 'revealTask'; entryUri: string; id: string }
  /** An evidence file, relative to the evidence root of the entry. */
  | { type: 'openFile'; entryUri: string; path: string }
  | { type: 'selectEntry'; entryUri: string }
  | { type: 'command'; command: 'weeklyReport' | 'selfAssessment' | 'refresh' };

/** Accepts a message from the page only when it has the expected shape (the page is the less trusted side). */
export function parsePageMessage(value: unknown): PageMessage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const m = value as Record<string, unknown>;
  const str = (k: string) => typeof m[k] === 'string' && (m[k] as string).length > 0 && (m[k] as string).length < 4096;
  switch (m.type) {
    case 'ready':
      return { type: 'ready' };
    case 'revealCriterion':
    case 'revealTask':
      return str('entryUri') && str('id') ? { type: m.type, entryUri: m.entryUri as string, id: m.id as string } : undefined;
    case 'openFile':
      return str('entryUri') && str('path') ? { type: 'openFile', entryUri: m.entryUri as string, path: m.path as string } : undefined;
    case 'selectEntry':
      return str('entryUri') ? { type: 'selectEntry', entryUri: m.entryUri as string } : undefined;
    case 'command':
      return m.command === 'weeklyReport' || m.command === 'selfAssessment' || m.command === 'refresh' ? { type: 'command', command: m.command } : undefined;
    default:
      return undefined;
  }
}
