// Hover text (Markdown) for units, criteria and tasks, with their state from the one status model.
import { t, type Locale } from '../i18n/messages';
import type { CriteriaDoc, CriterionStatus, State, StatusModel } from '../model/types';
import { flattenCriteria } from '../status/computeStatus';
import type { Token } from './tokens';

/**
 * Escapes the characters Markdown would read as formatting in a title or name, `&` (an entity would show as
 * another character), and line breaks (a new line could start a list or underline a heading).
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_{}[\]()<>#+!|~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/\s*[\r\n]+\s*/g, ' ');
}

function stateLabel(locale: Locale, state: State, overdue: boolean): string {
  const label = t(locale, `state.${state}`);
  return overdue ? `${label} · ${t(locale, 'state.overdue')}` : label;
}

function unitLabel(doc: CriteriaDoc, id: string): string {
  const unit = doc.units.get(id);
  return unit && unit.name !== id ? `${id} (${escapeMarkdown(unit.name)})` : id;
}

function unitHover(doc: CriteriaDoc, model: StatusModel | undefined, id: string, locale: Locale): string | undefined {
  const unit = doc.units.get(id);
  if (!unit) return undefined;
  const parts = [`**${escapeMarkdown(unit.id)}** · ${escapeMarkdown(unit.name)}`];
  if (unit.head) parts.push(t(locale, 'hover.head', escapeMarkdown(unit.head)));
  const totals = model?.byUnit.find((u) => u.id === id);
  if (totals) parts.push(t(locale, 'hover.unitPoints', totals.max, totals.secured, totals.atRisk, totals.overdue));
  return parts.join('\n\n');
}

function criterionHover(doc: CriteriaDoc, model: StatusModel | undefined, id: string, locale: Locale): string | undefined {
  const node = doc.byId.get(id);
  if (!node) return undefined;
  const status: CriterionStatus | undefined = model ? flattenCriteria(model).find((c) => c.id === id) : undefined;
  const parts = [`**${escapeMarkdown(node.id)}** · ${escapeMarkdown(node.title)}`];
  const score = [t(locale, 'hover.maxScore', node.maxScore)];
  if (status) {
    if (!status.leaf) score.push(t(locale, 'hover.secured', status.secured, status.maxScore));
    score.push(stateLabel(locale, status.state, status.overdue));
  }
  parts.push(score.join(' · '));
  const who: string[] = [];
  if (node.owner) who.push(t(locale, 'hover.owner', unitLabel(doc, node.owner)));
  if (node.due) who.push(t(locale, 'label.due', node.due));
  if (who.length > 0) parts.push(who.join(' · '));
  if (node.notApplicable) parts.push(t(locale, 'hover.notApplicable', escapeMarkdown(node.notApplicable)));
  return parts.join('\n\n');
}

function taskHover(doc: CriteriaDoc, model: StatusModel | undefined, id: string, locale: Locale): string | undefined {
  const task = doc.tasks.find((x) => x.id === id);
  if (!task) return undefined;
  const status = model?.tasks.find((x) => x.id === id);
  const parts = [`${t(locale, 'hover.task')} **${escapeMarkdown(task.id)}** · ${escapeMarkdown(task.title)}`];
  const line = [t(locale, 'hover.owner', unitLabel(doc, task.owner))];
  if (task.due) line.push(t(locale, 'label.due', task.due));
  if (status) line.push(stateLabel(locale, status.state, status.overdue));
  parts.push(line.join(' · '));
  if (task.support.length > 0) parts.push(t(locale, 'hover.support', task.support.map((u) => unitLabel(doc, u)).join(', ')));
  if (task.criteria.length > 0) parts.push(t(locale, 'hover.criteria', task.criteria.map(escapeMarkdown).join(', ')));
  return parts.join('\n\n');
}

/** Markdown for the token, or undefined when it names nothing defined (the diagnostic says so). */
export function hoverMarkdown(doc: CriteriaDoc, model: StatusModel | undefined, token: Token, locale: Locale): string | undefined {
  switch (token.kind) {
    case 'unitRef':
    case 'unitDef':
      return unitHover(doc, model, token.id, locale);
    case 'criterionRef':
    case 'criterionDef':
      return criterionHover(doc, model, token.id, locale);
    case 'taskDef':
      return taskHover(doc, model, token.id, locale);
  }
}
