// How states, scores, dates and tooltips look in the trees: the core's vocabulary (src/core/present) as
// ThemeIcons and Markdown, in VS Code's display language.
import * as vscode from 'vscode';
import type { CriterionStatus, GitFileState, RequirementStatus, State, TaskStatus } from '../../core/model/types';
import { localeFrom, type Locale } from '../../core/i18n/messages';
import { formatDate as coreFormatDate, formatNumber as coreFormatNumber, scoreText as coreScoreText } from '../../core/present/numbers';
import { stateLabel as coreStateLabel, stateLook, BELOW_FULL_LOOK, type Look } from '../../core/present/states';
import { belowFullPoints, measureText as coreMeasureText, periodsMarkdown, rateOrWhy } from '../../core/present/measures';
import { formatRate } from '../../core/present/numbers';
import { markdownStringText } from '../../core/report/format';
import { fileCountOf } from '../../core/workspace/modelCache';

/** The reader's language, as VS Code shows it. */
export function uiLocale(): Locale {
  return localeFrom(vscode.env.language);
}

export function stateIcon(state: State, overdue: boolean): vscode.ThemeIcon {
  const look = stateLook(state, overdue);
  return new vscode.ThemeIcon(look.icon, new vscode.ThemeColor(look.color));
}

/** A criterion's icon: overdue first, then a measured leaf short of full points, else its state. */
export function criterionIcon(node: Pick<CriterionStatus, 'state' | 'overdue' | 'measure' | 'maxScore'>): vscode.ThemeIcon {
  if (!node.overdue && node.state !== 'waived' && node.measure && belowFullPoints(node.measure, node.maxScore)) {
    return new vscode.ThemeIcon(BELOW_FULL_LOOK.icon, new vscode.ThemeColor(BELOW_FULL_LOOK.color));
  }
  return stateIcon(node.state, node.overdue);
}

/** `62.0% · 1/2` for a measured leaf, `1/2` for any other. */
export function criterionDescription(node: CriterionStatus): string {
  return node.measure && node.state !== 'waived' ? coreMeasureText({ ...node, measure: node.measure }, uiLocale()) : scoreText(node);
}

export function stateLabel(look: Look): string {
  return coreStateLabel(uiLocale(), look);
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

export function formatNumber(n: number): string {
  return coreFormatNumber(n, uiLocale());
}

export function scoreText(node: Pick<CriterionStatus, 'state' | 'totals'>): string {
  return coreScoreText(node, uiLocale());
}

export function formatDate(iso: string | undefined): string {
  return coreFormatDate(iso, uiLocale());
}

export function requirementText(r: RequirementStatus): string {
  return vscode.l10n.t('{0}/{1} files', fileCountOf(r), r.min);
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
    md.appendMarkdown(`\n- $(${stateLook(r.met ? 'present' : 'missing', false).icon}) `);
    md.appendText(markdownStringText(r.title));
    md.appendMarkdown(` — ${requirementText(r)} · `);
    md.appendMarkdown('`' + r.path.replace(/`/g, "'") + '`');
    // A cached model (shown while refreshing) holds fewer files than its count: the rest are "more".
    const listed = r.files.slice(0, MAX_FILES_IN_TOOLTIP);
    for (const f of listed) {
      md.appendMarkdown('\n  - ');
      md.appendText(markdownStringText(f.path));
      md.appendMarkdown(` — _${gitLabel(f.git)}_`);
    }
    if (fileCountOf(r) > listed.length) md.appendMarkdown(`\n  - ${vscode.l10n.t('… and {0} more', fileCountOf(r) - listed.length)}`);
  }
}

function header(md: vscode.MarkdownString, id: string, title: string): void {
  md.appendMarkdown('**');
  md.appendText(markdownStringText(`${id} ${title}`));
  md.appendMarkdown('**\n\n');
}

function stateLine(state: State, overdue: boolean): string {
  return `$(${stateLook(state, overdue).icon}) ${stateLabel(state)}${overdue ? ` · **${stateLabel('overdue')}**` : ''}`;
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
  if (node.measure && node.state !== 'waived') appendMeasure(md, node);
  appendRequirements(md, node.requirements);
  return md;
}

function appendMeasure(md: vscode.MarkdownString, node: CriterionStatus): void {
  const m = node.measure!;
  const locale = uiLocale();
  md.appendMarkdown(`\n\n**${vscode.l10n.t('Rate')}**: ${rateOrWhy(m, locale)}`);
  if (m.fullAt !== null) md.appendMarkdown(` · ${vscode.l10n.t('full points from {0}', formatRate(m.fullAt, locale))}`);
  if (m.score !== null) md.appendMarkdown(` · ${vscode.l10n.t('rule scores {0}/{1}', formatNumber(m.score), formatNumber(node.maxScore))}`);
  if (belowFullPoints(m, node.maxScore)) md.appendMarkdown(` · $(${BELOW_FULL_LOOK.icon}) _${vscode.l10n.t('below full points')}_`);
  md.appendMarkdown(`\n\n${vscode.l10n.t('Data')}: `);
  md.appendMarkdown('`' + m.dataFile.replace(/`/g, "'") + '`');
  const table = periodsMarkdown(m, locale);
  if (table) md.appendMarkdown(`\n\n${table}\n`);
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
