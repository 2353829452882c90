// The status model as a readable text tree, for the terminal.
import { t, type Locale } from '../i18n/messages';
import type { CriterionStatus, State, StatusModel, TaskStatus } from '../model/types';
import { replaceControls } from '../parse/text';
import { quotePath } from '../git/pathBytes';
import { formatNumber, formatRate } from '../present/numbers';

export const STATE_MARKS: Record<State, string> = {
  committed: '✔',
  present: '●',
  partial: '◐',
  missing: '✘',
  waived: '–',
};

export interface TextOptions {
  locale: Locale;
  /** Show requirements and matched files under each leaf. */
  files?: boolean;
}

/** A rate as text: one decimal and a percent sign (`62.0%`, `62,0%` in Vietnamese), `—` without a rate. */
export function rateText(rate: number | null | undefined, locale: Locale): string {
  return rate === null || rate === undefined ? '—' : formatRate(rate, locale);
}

function nodeLine(node: CriterionStatus, locale: Locale): string {
  const mark = STATE_MARKS[node.state];
  const score = (n: number) => formatNumber(n, locale);
  const secured = `${score(node.totals.secured)}/${score(node.totals.max - node.totals.waived)}`;
  const points = node.state === 'waived' ? t(locale, 'state.waived') : node.measure ? `${rateText(node.measure.rate, locale)} → ${secured}` : secured;
  const extras = [node.owner ? `[${node.owner}]` : '', node.due ? t(locale, 'label.due', node.due) : '', node.overdue ? `⏰ ${t(locale, 'state.overdue')}` : '']
    .filter(Boolean)
    .join(' ');
  return `${mark} ${node.id} ${node.title}  ${points}${extras ? '  ' + extras : ''}`;
}

function taskLine(task: TaskStatus, locale: Locale): string {
  const extras = [`[${task.owner}]`, task.due ? t(locale, 'label.due', task.due) : '', task.source ?? '', task.overdue ? `⏰ ${t(locale, 'state.overdue')}` : '']
    .filter(Boolean)
    .join(' ');
  return `${STATE_MARKS[task.state]} ${task.id} ${task.title}  ${extras}`;
}

export function renderStatusText(model: StatusModel, options: TextOptions): string {
  const { locale } = options;
  const score = (n: number) => formatNumber(n, locale);
  const lines: string[] = [];
  const tot = model.totals;
  lines.push(`${model.index.title || model.index.id} — ${t(locale, 'label.asOf', model.asOf)}`);
  lines.push(t(locale, 'label.totals', score(tot.secured), score(tot.max), score(tot.atRisk), score(tot.waived), tot.overdue, tot.complete, tot.criteria));
  if (!model.git) lines.push(`(${t(locale, 'label.noGit')})`);
  lines.push('');
  const visit = (node: CriterionStatus, depth: number) => {
    lines.push('  '.repeat(depth) + nodeLine(node, locale));
    if (options.files && node.leaf) {
      for (const r of node.requirements) {
        lines.push('  '.repeat(depth + 2) + `${r.met ? '✔' : '✘'} ${r.title} (${t(locale, 'label.files', r.files.length, r.min)})`);
        for (const f of r.files) lines.push('  '.repeat(depth + 3) + `${replaceControls(quotePath(f.path), { singleLine: true })}${f.git === 'committed' || f.git === 'none' ? '' : ` [${f.git}]`}${f.lfs === 'pointer' ? ` [${t(locale, 'label.lfsPointer')}]` : ''}`);
      }
    }
    node.children.forEach((c) => visit(c, depth + 1));
  };
  model.areas.forEach((a) => visit(a, 0));
  if (model.tasks.length > 0) {
    lines.push('', t(locale, 'label.tasks'));
    for (const task of model.tasks) lines.push('  ' + taskLine(task, locale));
  }
  if (model.byUnit.length > 0) {
    lines.push('', t(locale, 'label.byUnit'));
    for (const u of model.byUnit) lines.push('  ' + t(locale, 'label.unitLine', `${u.id} ${u.name}`, score(u.secured), score(u.max - u.waived), score(u.atRisk), u.overdue));
  }
  const legend = (Object.keys(STATE_MARKS) as State[]).map((s) => `${STATE_MARKS[s]} ${t(locale, `state.${s}`)}`).join('  ');
  lines.push('', legend + `  ⏰ ${t(locale, 'state.overdue')}`);
  return lines.join('\n') + '\n';
}
