// The outline of a criteria file: units, the criteria tree, tasks.
import { t, type Locale } from '../i18n/messages';
import type { CriteriaDoc, CriterionNode, Range } from '../model/types';

export type SymbolKind = 'units' | 'unit' | 'area' | 'criterion' | 'leaf' | 'tasks' | 'task';

export interface CriteriaSymbol {
  name: string;
  detail: string;
  kind: SymbolKind;
  /** The whole entry. */
  range: Range;
  /** What is revealed when the symbol is picked (inside `range`). */
  selectionRange: Range;
  children: CriteriaSymbol[];
}

function span(ranges: Range[]): Range {
  return { start: ranges[0].start, end: ranges[ranges.length - 1].end };
}

function criterionSymbol(node: CriterionNode, locale: Locale): CriteriaSymbol {
  const detail = [t(locale, 'symbol.points', node.maxScore), node.owner].filter(Boolean).join(' · ');
  return {
    name: node.title ? `${node.id} ${node.title}` : node.id,
    detail,
    kind: node.parentId === undefined ? 'area' : node.children.length > 0 ? 'criterion' : 'leaf',
    range: node.range,
    selectionRange: node.idRange,
    children: node.children.map((child) => criterionSymbol(child, locale)),
  };
}

export function documentSymbols(doc: CriteriaDoc, locale: Locale): CriteriaSymbol[] {
  const symbols: CriteriaSymbol[] = [];
  const units = [...doc.units.values()];
  if (units.length > 0) {
    const children = units.map((unit): CriteriaSymbol => ({ name: unit.id, detail: unit.name, kind: 'unit', range: unit.range, selectionRange: unit.range, children: [] }));
    symbols.push({ name: t(locale, 'symbol.units'), detail: String(units.length), kind: 'units', range: span(units.map((u) => u.range)), selectionRange: units[0].range, children });
  }
  symbols.push(...doc.areas.map((area) => criterionSymbol(area, locale)));
  if (doc.tasks.length > 0) {
    const children = doc.tasks.map((task): CriteriaSymbol => ({
      name: task.title ? `${task.id} ${task.title}` : task.id,
      detail: [task.owner, task.due].filter(Boolean).join(' · '),
      kind: 'task',
      range: task.range,
      selectionRange: task.idRange,
      children: [],
    }));
    symbols.push({ name: t(locale, 'symbol.tasks'), detail: String(doc.tasks.length), kind: 'tasks', range: span(doc.tasks.map((x) => x.range)), selectionRange: doc.tasks[0].idRange, children });
  }
  return symbols;
}
