// The weekly briefing: the dashboard's figures plus what changed since a date, as Markdown and printable HTML.
import { t, type Locale } from '../i18n/messages';
import type { ProgressPoint } from '../history/progress';
import type { DayStatus } from '../history/statusOnDate';
import type { EvidenceCommit, State, StatusModel } from '../model/types';
import { compareStatus } from '../review/compareStatus';
import { flattenCriteria, isComplete } from '../status/computeStatus';
import { commitsBetween, criteriaByFile, dashboardData, recentCommit, type DashboardData, type DeadlineItem, type RecentCommit, WINDOW_DAYS } from './dashboardData';
import { addDays, dayOf, escapeHtml, escapeMarkdown, percent } from './format';
import { formatNumber, formatOneDecimal, formatRate } from '../present/numbers';
import { htmlPage } from './html';
import { progressSvg, progressView, sparkline, trendText, type ProgressView } from './progressChart';

/** A leaf whose evidence changed between the status at `since` and the status now. */
export interface ChangedCriterion {
  id: string;
  title: string;
  owner?: string;
  points: number;
  /** Its state at `since`; undefined when the criterion did not exist then (or nothing was committed yet). */
  before?: State;
  after: State;
}

export interface WeeklyChanges {
  since: string;
  /** False without Git: what changed cannot be known (nothing is guessed). */
  history: boolean;
  /** The commit the status at `since` was read from; undefined when the branch had no commit by then. */
  baseline?: string;
  /** Evidence commits on or after `since` (up to the as-of date), newest first. */
  evidenceAdded: RecentCommit[];
  /** Complete now, not complete at `since`. */
  completed: ChangedCriterion[];
  /** Complete or partial at `since`, worse now. */
  lostEvidence: ChangedCriterion[];
  /** Overdue now, not overdue at `since`. */
  newOverdue: DeadlineItem[];
}

export interface WeeklyData {
  dashboard: DashboardData;
  changes: WeeklyChanges;
  /** Secured points over the weeks (weeklyProgress); undefined when it was not computed. */
  progress?: ProgressView;
}

export interface WeeklyOptions {
  /** YYYY-MM-DD; default WINDOW_DAYS before the as-of date. */
  since?: string;
  /** Evidence commits (at least those since `since`); undefined without Git. */
  commits?: readonly EvidenceCommit[];
  /** The status at `since` (statusOnDate): null when the branch has no commit that old, undefined without Git. */
  before?: DayStatus | null;
  /** The weekly history points up to the as-of date (weeklyProgress); undefined when Git could not give them. */
  progress?: ProgressPoint[];
}

/** How much evidence a state stands for; undefined for a waiver (neither gained nor lost). */
function evidenceRank(state: State | undefined): number | undefined {
  if (state === undefined || state === 'missing') return 0;
  if (state === 'partial') return 1;
  return isComplete(state) ? 2 : undefined;
}

/**
 * What changed between the status at `since` (`before`; null when nothing was committed by then, so every
 * criterion counts as new) and the status now: criteria completed, criteria that lost evidence, items newly
 * overdue (of `deadlines`, the items of the dashboard).
 */
export function exactChanges(before: StatusModel | null, after: StatusModel, deadlines: readonly DeadlineItem[]): Pick<WeeklyChanges, 'completed' | 'lostEvidence' | 'newOverdue'> {
  const completed: ChangedCriterion[] = [];
  const lostEvidence: ChangedCriterion[] = [];
  const wasOverdue = new Set<string>();
  if (before) {
    for (const change of compareStatus(before, after).criteria) {
      if (!change.leaf || !change.after) continue;
      const entry: ChangedCriterion = { id: change.id, title: change.title, ...(change.owner ? { owner: change.owner } : {}), points: change.after.maxScore ?? 0, ...(change.before ? { before: change.before.state } : {}), after: change.after.state };
      const was = evidenceRank(change.before?.state);
      const is = evidenceRank(change.after.state);
      if (is === 2 && was !== 2) completed.push(entry);
      else if (was !== undefined && is !== undefined && was > 0 && is < was) lostEvidence.push(entry);
    }
    for (const leaf of flattenCriteria(before)) if (leaf.leaf && leaf.overdue) wasOverdue.add(`criterion ${leaf.id}`);
    for (const task of before.tasks) if (task.overdue) wasOverdue.add(`task ${task.id}`);
  } else {
    for (const leaf of flattenCriteria(after)) {
      if (leaf.leaf && isComplete(leaf.state)) completed.push({ id: leaf.id, title: leaf.title, ...(leaf.owner ? { owner: leaf.owner } : {}), points: leaf.maxScore, after: leaf.state });
    }
  }
  return { completed, lostEvidence, newOverdue: deadlines.filter((d) => d.overdue && !wasOverdue.has(`${d.kind} ${d.id}`)) };
}

export function weeklyData(model: StatusModel, options: WeeklyOptions = {}): WeeklyData {
  const since = options.since ?? addDays(model.asOf, -WINDOW_DAYS);
  const dashboard = dashboardData(model, { commits: options.commits });
  const history = options.commits !== undefined && options.before !== undefined;
  const added = options.commits ? commitsBetween(options.commits, since, model.asOf) : [];
  const byFile = criteriaByFile(model);
  const exact = history ? exactChanges(options.before?.model ?? null, model, dashboard.deadlines) : { completed: [], lostEvidence: [], newOverdue: [] };
  // Without Git the report says the trend needs it; with Git but no points asked for, it has no such section.
  const progress = options.progress !== undefined ? progressView(options.progress) : options.commits === undefined ? progressView(undefined) : undefined;
  return {
    dashboard,
    ...(progress ? { progress } : {}),
    changes: {
      since,
      history,
      ...(options.before ? { baseline: options.before.commit } : {}),
      evidenceAdded: history ? added.map((c) => recentCommit(c, byFile)) : [],
      ...exact,
    },
  };
}

// ── Rendering ───────────────────────────────────────────────────────────────

/** Format-neutral table: header and rows of plain text cells; numeric columns right-aligned. */
interface Table {
  head: string[];
  rows: string[][];
  numeric?: number[];
}

interface Section {
  title: string;
  level: 2 | 3;
  /** Paragraphs or list items before the table. */
  notes?: string[];
  list?: string[];
  table?: Table;
  /** HTML only: an inline SVG, already escaped. */
  svg?: string;
}

function stateLabel(locale: Locale, state: DeadlineItem['state'], overdue: boolean): string {
  return t(locale, `state.${state}`) + (overdue ? ` · ${t(locale, 'state.overdue')}` : '');
}

function ownerText(owner: string | undefined, ownerName: string | undefined): string {
  return owner ? (ownerName ? `${owner} — ${ownerName}` : owner) : '';
}

function deadlineTable(locale: Locale, items: DeadlineItem[]): Table {
  return {
    head: [t(locale, 'report.id'), t(locale, 'report.item'), t(locale, 'report.unit'), t(locale, 'report.due'), t(locale, 'report.state'), t(locale, 'report.points')],
    rows: items.map((d) => [
      d.id,
      `${d.title} (${t(locale, d.kind === 'task' ? 'report.task' : 'report.criterion')})`,
      ownerText(d.owner, d.ownerName),
      `${d.due} (${d.daysLeft < 0 ? t(locale, 'report.daysLate', -d.daysLeft) : d.overdue && d.viaTasks.length > 0 ? t(locale, 'report.viaTask', d.viaTasks.join(', ')) : t(locale, 'report.daysLeft', d.daysLeft)})`,
      stateLabel(locale, d.state, d.overdue),
      d.kind === 'criterion' ? formatNumber(d.points, locale) : '',
    ]),
    numeric: [5],
  };
}

function sections(data: WeeklyData, locale: Locale): Section[] {
  const { dashboard: d, changes } = data;
  const tot = d.totals;
  const out: Section[] = [
    {
      title: t(locale, 'report.summary'),
      level: 2,
      table: {
        head: [t(locale, 'report.max'), t(locale, 'report.secured'), t(locale, 'report.atRisk'), t(locale, 'report.waived'), t(locale, 'report.overdue'), t(locale, 'report.withEvidence')],
        rows: [[formatNumber(tot.max, locale), formatNumber(tot.secured, locale), formatNumber(tot.atRisk, locale), formatNumber(tot.waived, locale), String(tot.overdue), `${tot.complete}/${tot.criteria} (${percent(tot.complete, tot.criteria)}%)`]],
        numeric: [0, 1, 2, 3, 4],
      },
    },
  ];
  if (data.progress) out.push(progressSection(data, locale));
  out.push(
    { title: t(locale, 'report.changes', changes.since), level: 2, notes: [changes.history ? t(locale, changes.baseline ? 'report.changesRule' : 'report.noBaseline', changes.since, changes.baseline?.slice(0, 7) ?? '', d.asOf) : t(locale, 'report.noGit')] },
  );
  if (changes.history) {
    const stateOf = (s: State | undefined) => (s === undefined ? t(locale, 'report.notYet') : t(locale, `state.${s}`));
    const line = (c: ChangedCriterion) => t(locale, 'report.changedLine', c.id, c.title, formatNumber(c.points, locale), c.owner ?? '—', stateOf(c.before), stateOf(c.after));
    out.push({
      title: t(locale, 'report.evidenceAdded', changes.evidenceAdded.length),
      level: 3,
      list: changes.evidenceAdded.length === 0 ? [t(locale, 'report.none')] : changes.evidenceAdded.map((c) => t(locale, 'report.commitLine', dayOf(c.date), c.shortHash, c.author, c.subject, c.criteria.join(', ') || '—', c.files.length)),
    });
    out.push({
      title: t(locale, 'report.criteriaCompleted', changes.completed.length),
      level: 3,
      list: changes.completed.length === 0 ? [t(locale, 'report.none')] : changes.completed.map(line),
    });
    out.push({
      title: t(locale, 'report.lostEvidence', changes.lostEvidence.length),
      level: 3,
      list: changes.lostEvidence.length === 0 ? [t(locale, 'report.none')] : changes.lostEvidence.map(line),
    });
    out.push(
      changes.newOverdue.length === 0
        ? { title: t(locale, 'report.newOverdue', 0), level: 3, list: [t(locale, 'report.none')] }
        : { title: t(locale, 'report.newOverdue', changes.newOverdue.length), level: 3, table: deadlineTable(locale, changes.newOverdue) },
    );
  }
  if (d.indicators.length > 0) {
    const rate = (r: number | null) => (r === null ? '—' : formatRate(r, locale));
    const change = (c: number | null) => (c === null ? '—' : `${c > 0 ? '+' : c < 0 ? '−' : '±'}${formatOneDecimal(Math.abs(c), locale)}`);
    out.push({
      title: t(locale, 'report.indicators'),
      level: 2,
      notes: [t(locale, 'report.indicatorsNote', changes.since)],
      table: {
        head: [t(locale, 'report.criterion.title'), t(locale, 'report.rate'), t(locale, 'report.change'), t(locale, 'report.fullAt'), t(locale, 'report.secured'), t(locale, 'report.atRisk')],
        rows: d.indicators.map((i) => [`${i.id} ${i.title}`, rate(i.rate), change(i.change), i.fullAt === null ? '—' : `${formatNumber(i.fullAt, locale)}%`, `${formatNumber(i.secured, locale)}/${formatNumber(i.maxScore, locale)}`, formatNumber(i.atRisk, locale)]),
        numeric: [1, 2, 3, 4, 5],
      },
    });
  }
  out.push({
    title: t(locale, 'report.byArea'),
    level: 2,
    table: {
      head: [t(locale, 'report.area'), t(locale, 'report.max'), t(locale, 'report.secured'), t(locale, 'report.atRisk'), t(locale, 'report.overdue'), t(locale, 'report.withEvidence')],
      rows: d.areas.map((a) => [`${a.id}. ${a.title}`, formatNumber(a.max, locale), formatNumber(a.secured, locale), formatNumber(a.atRisk, locale), String(a.overdue), `${a.complete}/${a.criteria}`]),
      numeric: [1, 2, 3, 4, 5],
    },
  });
  out.push({
    title: t(locale, 'label.byUnit'),
    level: 2,
    table: {
      head: [t(locale, 'report.unit'), t(locale, 'report.criteria'), t(locale, 'report.secured'), t(locale, 'report.atRisk'), t(locale, 'report.overdue')],
      rows: d.units.map((u) => [`${u.id} — ${u.name}`, `${u.complete}/${u.criteria}`, formatNumber(u.secured, locale), formatNumber(u.atRisk, locale), String(u.overdue)]),
      numeric: [1, 2, 3, 4],
    },
  });
  out.push(
    d.deadlines.length === 0
      ? { title: t(locale, 'report.deadlines', WINDOW_DAYS), level: 2, list: [t(locale, 'report.none')] }
      : { title: t(locale, 'report.deadlines', WINDOW_DAYS), level: 2, table: deadlineTable(locale, d.deadlines) },
  );
  return out;
}

/** The trend: a chart in HTML, a line of text (first → last, and a sparkline) in Markdown; a note without one. */
function progressSection(data: WeeklyData, locale: Locale): Section {
  const view = data.progress!;
  const title = t(locale, 'progress.title');
  if (view.kind === 'noGit') return { title, level: 2, notes: [t(locale, 'progress.noGit')] };
  if (view.kind === 'tooFew') return { title, level: 2, notes: [t(locale, 'progress.tooFew', view.commits)] };
  return {
    title,
    level: 2,
    notes: [t(locale, 'progress.rule')],
    list: [`${trendText(view.total, locale)} ${sparkline(view.total)}`],
    svg: progressSvg(view.total, { locale, title: `${title} — ${data.dashboard.index.title || data.dashboard.index.id}`, idPrefix: 'progress' }),
  };
}

function heading(data: WeeklyData, locale: Locale): { title: string; subtitle: string } {
  const d = data.dashboard;
  return {
    title: `${t(locale, 'report.weeklyTitle')} — ${d.index.title || d.index.id}`,
    subtitle: t(locale, 'report.asOfSince', d.asOf, data.changes.since),
  };
}

export function renderWeeklyMarkdown(data: WeeklyData, locale: Locale): string {
  const { title, subtitle } = heading(data, locale);
  const lines = [`# ${escapeMarkdown(title)}`, '', `_${escapeMarkdown(subtitle)}_`, ''];
  for (const s of sections(data, locale)) {
    lines.push(`${'#'.repeat(s.level)} ${escapeMarkdown(s.title)}`, '');
    for (const note of s.notes ?? []) lines.push(`_${escapeMarkdown(note)}_`, '');
    if (s.list) lines.push(...s.list.map((item) => `- ${escapeMarkdown(item)}`), '');
    if (s.table) {
      const row = (cells: string[]) => `| ${cells.map(escapeMarkdown).join(' | ')} |`;
      lines.push(row(s.table.head), `|${s.table.head.map((_, i) => (s.table?.numeric?.includes(i) ? ' ---: ' : ' --- ')).join('|')}|`, ...s.table.rows.map(row), '');
    }
  }
  lines.push(`_${escapeMarkdown(t(locale, 'report.generated', data.dashboard.asOf))}_`, '');
  return lines.join('\n');
}

function htmlTable(table: Table): string {
  const cell = (tag: string, text: string, i: number) => `<${tag}${table.numeric?.includes(i) ? ' class="num"' : ''}>${escapeHtml(text)}</${tag}>`;
  return (
    `<table><thead><tr>${table.head.map((h, i) => cell('th', h, i)).join('')}</tr></thead><tbody>` +
    table.rows.map((r) => `<tr>${r.map((c, i) => cell('td', c, i)).join('')}</tr>`).join('') +
    '</tbody></table>'
  );
}

export function renderWeeklyHtml(data: WeeklyData, locale: Locale): string {
  const { title, subtitle } = heading(data, locale);
  const tot = data.dashboard.totals;
  const share = percent(tot.complete, tot.criteria);
  const body: string[] = [`<h1>${escapeHtml(title)}</h1>`, `<p class="sub">${escapeHtml(subtitle)}</p>`];
  // A one-line bar of secured / at risk / waived, readable on paper too (it has its numbers beside it).
  const width = (n: number) => (tot.max > 0 ? ((n / tot.max) * 100).toFixed(2) : '0');
  body.push(
    `<div class="bar" role="img" aria-label="${escapeHtml(t(locale, 'label.totals', formatNumber(tot.secured, locale), formatNumber(tot.max, locale), formatNumber(tot.atRisk, locale), formatNumber(tot.waived, locale), tot.overdue, tot.complete, tot.criteria))}">` +
      `<span class="secured" style="width:${width(tot.secured)}%"></span><span class="risk" style="width:${width(tot.atRisk)}%"></span><span class="waived" style="width:${width(tot.waived)}%"></span></div>`,
    `<p class="legend"><b>${escapeHtml(formatNumber(tot.secured, locale))}</b>/${escapeHtml(formatNumber(tot.max, locale))} ${escapeHtml(t(locale, 'report.secured').toLowerCase())} · ` +
      `<b>${escapeHtml(formatNumber(tot.atRisk, locale))}</b> ${escapeHtml(t(locale, 'report.atRisk').toLowerCase())} · ${share}% ${escapeHtml(t(locale, 'report.withEvidence').toLowerCase())}</p>`,
  );
  for (const s of sections(data, locale)) {
    body.push(`<h${s.level}>${escapeHtml(s.title)}</h${s.level}>`);
    for (const note of s.notes ?? []) body.push(`<p class="note">${escapeHtml(note)}</p>`);
    if (s.svg) body.push(`<figure class="chart">${s.svg}</figure>`);
    if (s.list) body.push(`<ul>${s.list.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`);
    if (s.table) body.push(htmlTable(s.table));
  }
  body.push(`<p class="foot">${escapeHtml(t(locale, 'report.generated', data.dashboard.asOf))}</p>`);
  return htmlPage({ title, lang: locale, body: body.join('\n') });
}
