// Measures in the editor: the columns a data file has (completion, a problem on the criteria file's line of a
// header the file lacks) and the figure of a measure on hover. Pure: the caller gives the headers it read.
import * as path from 'node:path';
import { t, type Locale } from '../i18n/messages';
import type { CriteriaDoc, CriterionNode, CriterionStatus, MeasureSpec, Position, Problem } from '../model/types';
import { headerKey } from '../measure/values';
import { formatNumber, formatRate } from '../present/numbers';
import { rateOrWhy } from '../present/measures';
import { allNodes } from './tokens';
import { linesOf, rangeContains } from './text';

export type ColumnField = 'period' | 'numerator' | 'denominator';
export const COLUMN_FIELDS: readonly ColumnField[] = ['period', 'numerator', 'denominator'];
/** A field whose value completes from the data file: a column header, or (`sheet`) a sheet name. */
export type DataField = ColumnField | 'sheet';

/** The leaves whose `measure` mapping holds the position. */
export function measureAt(doc: CriteriaDoc, position: Position): CriterionNode | undefined {
  return allNodes(doc).find((n) => n.measure && rangeContains(n.measure.range, position));
}

/** The absolute path of a measure's data file. */
export function dataFileOf(doc: Pick<CriteriaDoc, 'baseDir' | 'index'>, spec: Pick<MeasureSpec, 'data'>): string {
  return path.resolve(doc.baseDir, doc.index.evidenceRoot, spec.data);
}

/**
 * The column field whose value the cursor is typing (`numerator: |`), when that line lies in a measure.
 * While the YAML is half typed the measure's range may end early: the line above inside it counts too.
 */
export function columnFieldAt(doc: CriteriaDoc, text: string, position: Position): { field: DataField; node: CriterionNode } | undefined {
  const line = linesOf(text)[position.line] ?? '';
  const m = /^(\s*)(period|numerator|denominator|sheet)\s*:/.exec(line);
  if (!m || position.character < m[0].length) return undefined;
  const node = measureAt(doc, position) ?? measureAt(doc, { line: Math.max(0, position.line - 1), character: m[1].length });
  return node ? { field: m[2] as DataField, node } : undefined;
}

/** Each header once, in the file's order, as completion labels. */
export function columnCandidates(headers: readonly string[]): string[] {
  const seen = new Set<string>();
  return headers.map((h) => h.trim()).filter((h) => h !== '' && !seen.has(headerKey(h)) && seen.add(headerKey(h)));
}

/**
 * RE161 on the criteria file's line of each header its data file lacks (the data file's own problem points at
 * the file's header row). `headersOf` gives the headers read, or undefined when the file was not read.
 */
export function missingColumnProblems(doc: CriteriaDoc, headersOf: (node: CriterionNode) => readonly string[] | undefined, locale: Locale): Problem[] {
  const problems: Problem[] = [];
  for (const node of allNodes(doc)) {
    const spec = node.measure;
    if (!spec || !spec.valid || node.children.length > 0) continue;
    const headers = headersOf(node);
    if (!headers) continue;
    const keys = new Set(headers.map(headerKey));
    for (const field of COLUMN_FIELDS) {
      const name = spec[field];
      if (keys.has(headerKey(name))) continue;
      problems.push({ severity: 'error', code: 'RE161', message: t(locale, 'RE161', name, headers.join(', ')), file: doc.file, range: spec.fields[field] ?? spec.range, data: { criterion: node.id, dataFile: spec.data } });
    }
  }
  return problems;
}

/** Hover of a measure: its rate (or why none), the rule's score and the points secured, the threshold. */
export function measureHoverMarkdown(node: CriterionNode, status: CriterionStatus | undefined, locale: Locale): string | undefined {
  const m = status?.measure;
  if (!m || !status) return undefined;
  const parts = [`**${t(locale, 'measure.rate')}**: ${rateOrWhy(m, locale)}`];
  if (m.score !== null) parts.push(t(locale, 'measure.ruleScore', formatNumber(m.score, locale), formatNumber(node.maxScore, locale)));
  parts.push(t(locale, 'hover.secured', formatNumber(status.totals.secured, locale), formatNumber(node.maxScore, locale)));
  if (m.fullAt !== null) parts.push(t(locale, 'measure.fullAt', formatRate(m.fullAt, locale)));
  const last = m.periods.at(-1);
  if (last) parts.push(`${last.period}: ${last.rate === null ? '—' : formatRate(last.rate, locale)}`);
  return parts.join(' · ');
}

/** The measured leaf whose `data:` line holds the position (its rules accepted the path). */
export function dataLineAt(doc: CriteriaDoc, position: Position): CriterionNode | undefined {
  return allNodes(doc).find((n) => n.measure?.valid && n.children.length === 0 && n.measure.fields.data?.start.line === position.line);
}
