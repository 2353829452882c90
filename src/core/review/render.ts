// A review as text for the terminal and as Markdown for a merge-request comment.
import { changeText } from '../audit/criteriaDiff';
import { quotePath } from '../git/pathBytes';
import { t, type Locale } from '../i18n/messages';
import { formatNumber } from '../present/numbers';
import { stateLabel } from '../present/states';
import { escapeMarkdown } from '../report/format';
import type { ItemChange, ItemSide, PointsDelta } from './compareStatus';
import type { EvidenceChange } from './evidenceChanges';
import type { Review, ReviewSide } from './review';

export interface RenderOptions {
  locale: Locale;
  /** The criteria file as shown to the reader. */
  file: string;
}

const num = (n: number, locale: Locale) => formatNumber(n, locale);
export const signed = (n: number, locale: Locale) => (n > 0 ? `+${num(n, locale)}` : n < 0 ? `−${num(-n, locale)}` : '±0');

export function sideName(side: ReviewSide, locale: Locale): string {
  if (side.commit === undefined) return t(locale, 'cdiff.worktree');
  const short = side.commit.slice(0, 7);
  return side.rev && side.rev !== side.commit ? `${side.rev} (${short})` : short;
}

export function sideText(side: ItemSide | undefined, locale: Locale, withPoints: boolean): string {
  if (!side) return t(locale, 'review.absent');
  const state = stateLabel(locale, side.state) + (side.overdue ? `, ${stateLabel(locale, 'overdue')}` : '');
  return withPoints && side.secured !== undefined ? `${state}, ${num(side.secured, locale)}/${num(side.maxScore ?? 0, locale)}` : state;
}

/** "partial, 0/2 → committed, 2/2 (+2)". */
export function itemChangeText(change: ItemChange, locale: Locale): string {
  const points = change.kind === 'criterion';
  const delta = points && change.delta !== 0 ? ` (${signed(change.delta, locale)})` : '';
  return `${sideText(change.before, locale, points)} → ${sideText(change.after, locale, points)}${delta}`;
}

export function deltaText(d: PointsDelta, locale: Locale): string {
  return t(locale, 'review.points', num(d.before, locale), num(d.after, locale), signed(d.gained, locale).replace('±0', '+0'), num(d.lost, locale));
}

const moved = (d: PointsDelta) => d.gained !== 0 || d.lost !== 0;

const KIND_MARK: Record<EvidenceChange['kind'], string> = { added: '+', modified: '~', removed: '-', renamed: '→' };

export function countsText(change: EvidenceChange, locale: Locale): string {
  const now = change.counts.length > 0 ? change.counts.join(', ') : t(locale, 'review.countsNothing');
  return change.countedBefore ? t(locale, 'review.countsWas', now, change.countedBefore.length > 0 ? change.countedBefore.join(', ') : t(locale, 'review.countsNothing')) : now;
}

export function evidencePath(change: EvidenceChange): string {
  return change.from !== undefined ? `${quotePath(change.from)} → ${quotePath(change.path)}` : quotePath(change.path);
}

/** Lines for the terminal (the CLI replaces control characters on output). */
export function renderReviewText(review: Review, options: RenderOptions): string {
  const { locale } = options;
  const c = review.comparison;
  const lines: string[] = [t(locale, 'review.header', options.file, sideName(review.base, locale), sideName(review.head, locale), review.asOf)];
  lines.push(t(locale, 'review.total', num(c.total.before, locale), num(c.total.after, locale), num(c.totals.after.max, locale), signed(c.total.gained, locale).replace('±0', '+0'), num(c.total.lost, locale)));
  if (c.securedLost) lines.push(t(locale, 'review.lostWarning', num(c.total.lost, locale)));
  if (review.errors.before + review.errors.after > 0) lines.push(t(locale, 'review.errors', review.errors.before, review.errors.after));
  const leaves = c.criteria.filter((x) => x.leaf);
  lines.push('', t(locale, 'review.criteria', leaves.length));
  if (leaves.length === 0) lines.push(`  ${t(locale, 'review.none')}`);
  for (const x of leaves) lines.push(`  ${x.id} ${x.title}${x.owner ? ` [${x.owner}]` : ''}: ${itemChangeText(x, locale)}`);
  if (c.tasks.length > 0) {
    lines.push('', t(locale, 'review.tasks', c.tasks.length));
    for (const x of c.tasks) lines.push(`  ${x.id} ${x.title}: ${itemChangeText(x, locale)}`);
  }
  const areas = c.byArea.filter(moved);
  if (areas.length > 0) {
    lines.push('', t(locale, 'review.byArea'));
    for (const a of areas) lines.push(`  ${a.id} ${a.name}: ${deltaText(a, locale)}`);
  }
  const units = c.byUnit.filter(moved);
  if (units.length > 0) {
    lines.push('', t(locale, 'review.byUnit'));
    for (const u of units) lines.push(`  ${u.id} ${u.name}: ${deltaText(u, locale)}`);
  }
  lines.push('', t(locale, 'review.criteriaFile', review.criteriaChanges.length));
  if (review.criteriaChanges.length === 0) lines.push(`  ${t(locale, 'review.none')}`);
  for (const change of review.criteriaChanges) lines.push(`  - ${changeText(change, locale)}`);
  lines.push('', t(locale, 'review.evidence', review.evidence.length));
  if (review.evidence.length === 0) lines.push(`  ${t(locale, 'review.none')}`);
  for (const e of review.evidence) lines.push(`  ${KIND_MARK[e.kind]} ${evidencePath(e)}: ${countsText(e, locale)}`);
  lines.push('', t(locale, 'review.untrailed', review.untrailed.length, review.commits));
  for (const u of review.untrailed) lines.push(`  ${u.shortHash} ${u.unparsed ? t(locale, 'log.unparsed') : `${u.subject} (${u.author}, ${u.date.slice(0, 10)})`}`);
  return lines.join('\n') + '\n';
}

const cell = (text: string) => escapeMarkdown(text);

/** Markdown for a merge-request comment: every value from the repository escaped (no markup, no HTML, no links). */
export function renderReviewMarkdown(review: Review, options: RenderOptions): string {
  const { locale } = options;
  const c = review.comparison;
  const out: string[] = [`## ${cell(t(locale, 'review.header', options.file, sideName(review.base, locale), sideName(review.head, locale), review.asOf))}`, ''];
  out.push(`**${cell(t(locale, 'review.total', num(c.total.before, locale), num(c.total.after, locale), num(c.totals.after.max, locale), signed(c.total.gained, locale).replace('±0', '+0'), num(c.total.lost, locale)))}**`, '');
  if (c.securedLost) out.push(`> ⚠️ ${cell(t(locale, 'review.lostWarning', num(c.total.lost, locale)))}`, '');
  if (review.errors.before + review.errors.after > 0) out.push(`> ${cell(t(locale, 'review.errors', review.errors.before, review.errors.after))}`, '');
  const table = (headers: string[], rows: string[][]) => {
    out.push(`| ${headers.map(cell).join(' | ')} |`, `|${headers.map(() => ' --- ').join('|')}|`);
    for (const row of rows) out.push(`| ${row.map(cell).join(' | ')} |`);
    out.push('');
  };
  const leaves = c.criteria.filter((x) => x.leaf);
  out.push(`### ${cell(t(locale, 'review.criteria', leaves.length))}`, '');
  if (leaves.length === 0) out.push(cell(t(locale, 'review.none')), '');
  else table([t(locale, 'review.col.criterion'), t(locale, 'review.col.unit'), t(locale, 'review.col.before'), t(locale, 'review.col.after'), t(locale, 'review.col.delta')], leaves.map((x) => [`${x.id} ${x.title}`, x.owner ?? '', sideText(x.before, locale, true), sideText(x.after, locale, true), x.delta === 0 ? '' : signed(x.delta, locale)]));
  if (c.tasks.length > 0) {
    out.push(`### ${cell(t(locale, 'review.tasks', c.tasks.length))}`, '');
    table([t(locale, 'review.col.task'), t(locale, 'review.col.before'), t(locale, 'review.col.after')], c.tasks.map((x) => [`${x.id} ${x.title}`, sideText(x.before, locale, false), sideText(x.after, locale, false)]));
  }
  const deltas = (title: string, first: string, rows: PointsDelta[]) => {
    if (rows.length === 0) return;
    out.push(`### ${cell(title)}`, '');
    table([first, t(locale, 'review.col.before'), t(locale, 'review.col.after'), t(locale, 'review.col.gained'), t(locale, 'review.col.lost')], rows.map((d) => [`${d.id} ${d.name}`, num(d.before, locale), num(d.after, locale), num(d.gained, locale), num(d.lost, locale)]));
  };
  deltas(t(locale, 'review.byArea'), t(locale, 'review.col.area'), c.byArea.filter(moved));
  deltas(t(locale, 'review.byUnit'), t(locale, 'review.col.unit'), c.byUnit.filter(moved));
  out.push(`### ${cell(t(locale, 'review.criteriaFile', review.criteriaChanges.length))}`, '');
  if (review.criteriaChanges.length === 0) out.push(cell(t(locale, 'review.none')));
  for (const change of review.criteriaChanges) out.push(`- ${cell(changeText(change, locale))}`);
  out.push('', `### ${cell(t(locale, 'review.evidence', review.evidence.length))}`, '');
  if (review.evidence.length === 0) out.push(cell(t(locale, 'review.none')), '');
  else table([t(locale, 'review.col.change'), t(locale, 'review.col.file'), t(locale, 'review.col.counts')], review.evidence.map((e) => [t(locale, `review.kind.${e.kind}`), evidencePath(e), countsText(e, locale)]));
  out.push(`### ${cell(t(locale, 'review.untrailed', review.untrailed.length, review.commits))}`, '');
  for (const u of review.untrailed) out.push(`- ${cell(u.shortHash)} ${cell(u.unparsed ? t(locale, 'log.unparsed') : `${u.subject} (${u.author}, ${u.date.slice(0, 10)})`)}`);
  return out.join('\n').replace(/\n+$/, '') + '\n';
}
