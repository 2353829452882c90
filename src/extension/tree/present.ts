// How states, scores, dates and tooltips look in the trees: codicons with theme colours, localized words.
import * as vscode from 'vscode';
import type { CriterionStatus, GitFileState, RequirementStatus, State, TaskStatus } from '../../core/model/types';
import { markdownStringText } from '../../core/report/format';

/** The look of each state; `overdue` wins over the state of an incomplete item. */
export const STATE_ICONS: Record<State | 'overdue', { icon: string; color: string }> = {
  missing: { icon: 'circle-large-outline', color: 'charts.red' },
  partial: { icon: 'pie-chart', color: 'charts.yellow' },
  present: { icon: 'pass', color: 'charts.blue' },
  committed: { icon: 'pass-filled', color: 'testing.iconPassed' },
  waived: { icon: 'circle-slash', color: 'disabledForeground' },
  overdue: { icon: 'clock', color: 'errorForeground' },
};

export function stateIcon(state: State, overdue: boolean): vscode.ThemeIcon {
  const look = STATE_ICONS[overdue ? 'overdue' : state];
  return new vscode.ThemeIcon(look.icon, new vscode.ThemeColor(look.color));
}

export function stateLabel(state: State): string {
  switch (state) {
    case 'missing':
      return vscode.l10n.t('missing');
    case 'partial':
      return vscode.l10n.t('partial');
    case 'present':
      return vscode.l10n.t('present, not committed');
    case 'committed':
      return vscode.l10n.t('committed');
    case 'waived':
      return vscode.l10n.t('not applicable');
  }
}

export function gitLabel(git: GitFileState): string {
  switch (git) {
    case 'committed':
      return vscode.l10n.t('committed');
    case 'modified':
      return vscode.l10n.t('modified, not committed');
    case 'untracked':
      return vscode.l10n.t('not committed');
    case 'none':
      return vscode.l10n.t('not in Git');
  }
}

function isVietnamese(): boolean {
  return vscode.env.language.toLowerCase().startsWith('vi');
}

/** Scores as the reader writes them: `0,5` in Vietnamese, `0.5` in English. */
export function formatNumber(n: number): string {
  return new Intl.NumberFormat(isVietnamese() ? 'vi-VN' : 'en-US', { maximumFractionDigits: 2, useGrouping: false }).format(n);
}

/** `secured/max` of the scored part (waived points left out), as in the CLI; "not applicable" when all is waived. */
export function scoreText(node: Pick<CriterionStatus, 'state' | 'totals'>): string {
  if (node.state === 'waived') return vscode.l10n.t('not applicable');
  return `${formatNumber(node.totals.secured)}/${formatNumber(node.totals.max - node.totals.waived)}`;
}

/** ISO dates in data; dd/mm/yyyy for Vietnamese readers. */
export function formatDate(iso: string | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m && isVietnamese() ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

export function requirementText(r: RequirementStatus): string {
  return vscode.l10n.t('{0}/{1} files', r.files.length, r.min);
}

function unitText(id: string | undefined, unitNames: Map<string, string>): string {
  if (!id) return vscode.l10n.t('(no owner)');
  const name = unitNames.get(id);
  return name ? `${name} (${id})` : id;
}

const MAX_FILES_IN_TOOLTIP = 8;

function appendRequirements(md: vscode.MarkdownString, requirements: RequirementStatus[]): void {
  if (requirements.length === 0) return;
  md.appendMarkdown(`\n\n**${vscode.l10n.t('Evidence needed')}**\n`);
  for (const r of requirements) {
    md.appendMarkdown(`\n- ${r.met ? '$(pass)' : '$(circle-large-outline)'} `);
    md.appendText(markdownStringText(r.title));
    md.appendMarkdown(` — ${requirementText(r)} · `);
    md.appendMarkdown('`' + r.path.replace(/`/g, "'") + '`');
    for (const f of r.files.slice(0, MAX_FILES_IN_TOOLTIP)) {
      md.appendMarkdown('\n  - ');
      md.appendText(markdownStringText(f.path));
      md.appendMarkdown(` — _${gitLabel(f.git)}_`);
    }
    if (r.files.length > MAX_FILES_IN_TOOLTIP) md.appendMarkdown(`\n  - ${vscode.l10n.t('… and {0} more', r.files.length - MAX_FILES_IN_TOOLTIP)}`);
  }
}

function header(md: vscode.MarkdownString, id: string, title: string): void {
  md.appendMarkdown('**');
  md.appendText(markdownStringText(`${id} ${title}`));
  md.appendMarkdown('**\n\n');
}

function stateLine(state: State, overdue: boolean): string {
  const icon = STATE_ICONS[overdue ? 'overdue' : state].icon;
  return `$(${icon}) ${stateLabel(state)}${overdue ? ` · **${vscode.l10n.t('overdue')}**` : ''}`;
}

export function criterionTooltip(node: CriterionStatus, unitNames: Map<string, string>): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', true);
  header(md, node.id, node.title);
  md.appendMarkdown(stateLine(node.state, node.overdue));
  md.appendMarkdown(`\n\n${vscode.l10n.t('Score')}: ${scoreText(node)}`);
  if (node.selfScore !== undefined) md.appendMarkdown(` · ${vscode.l10n.t('self-assessed {0}', formatNumber(node.selfScore))}`);
  if (!node.leaf) {
    const t = node.totals;
    md.appendMarkdown(`\n\n${vscode.l10n.t('{0} of {1} criteria have evidence · {2} points at risk', t.complete, t.criteria, formatNumber(t.atRisk))}`);
  }
  if (node.owner || node.leaf) {
    md.appendMarkdown(`\n\n${vscode.l10n.t('Owner')}: `);
    md.appendText(markdownStringText(unitText(node.owner, unitNames)));
  }
  if (node.due) md.appendMarkdown(`\n\n${vscode.l10n.t('Due')}: ${formatDate(node.due)}`);
  if (node.notApplicable) {
    md.appendMarkdown(`\n\n${vscode.l10n.t('Not applicable')}: `);
    md.appendText(markdownStringText(node.notApplicable));
  }
  appendRequirements(md, node.requirements);
  return md;
}

export function taskTooltip(task: TaskStatus, unitNames: Map<string, string>): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', true);
  header(md, task.id, task.title);
  md.appendMarkdown(stateLine(task.state, task.overdue));
  md.appendMarkdown(`\n\n${vscode.l10n.t('Owner')}: `);
  md.appendText(markdownStringText(unitText(task.owner, unitNames)));
  if (task.support.length > 0) {
    md.appendMarkdown(`\n\n${vscode.l10n.t('Supporting')}: `);
    md.appendText(markdownStringText(task.support.map((u) => unitText(u, unitNames)).join(', ')));
  }
  if (task.due) md.appendMarkdown(`\n\n${vscode.l10n.t('Due')}: ${formatDate(task.due)}`);
  if (task.source) {
    md.appendMarkdown(`\n\n${vscode.l10n.t('Source')}: `);
    md.appendText(markdownStringText(task.source));
  }
  if (task.criteria.length > 0) md.appendMarkdown(`\n\n${vscode.l10n.t('Criteria')}: ${task.criteria.join(', ')}`);
  if (task.requirements.length === 0) md.appendMarkdown(`\n\n_${vscode.l10n.t('No deliverable of its own: judged by its criteria.')}_`);
  appendRequirements(md, task.requirements);
  return md;
}
