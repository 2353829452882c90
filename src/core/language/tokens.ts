// What sits at a position of a criteria file: a unit or criterion reference, or a definition.
import type { CriteriaDoc, CriterionNode, Position, Range, Task } from '../model/types';
import { rangeContains } from './text';

export type Token =
  | { kind: 'unitRef'; id: string; range: Range }
  | { kind: 'unitDef'; id: string; range: Range }
  | { kind: 'criterionRef'; id: string; range: Range; task: Task }
  | { kind: 'criterionDef'; id: string; range: Range; node: CriterionNode }
  | { kind: 'taskDef'; id: string; range: Range; task: Task };

/** Every criterion node in document order, duplicates included (byId keeps only the first). */
export function allNodes(doc: Pick<CriteriaDoc, 'areas'>): CriterionNode[] {
  const out: CriterionNode[] = [];
  const visit = (node: CriterionNode) => {
    out.push(node);
    node.children.forEach(visit);
  };
  doc.areas.forEach(visit);
  return out;
}

/** The token at `position`, from the ranges the parser recorded; undefined elsewhere. */
export function tokenAt(doc: CriteriaDoc, position: Position): Token | undefined {
  const at = (range: Range | undefined) => range !== undefined && rangeContains(range, position);
  for (const unit of doc.units.values()) {
    if (at(unit.range)) return { kind: 'unitDef', id: unit.id, range: unit.range };
  }
  for (const node of allNodes(doc)) {
    if (!rangeContains(node.range, position)) continue;
    if (at(node.idRange)) return { kind: 'criterionDef', id: node.id, range: node.idRange, node };
    if (node.owner && at(node.fields.owner)) return { kind: 'unitRef', id: node.owner, range: node.fields.owner! };
  }
  for (const task of doc.tasks) {
    if (!rangeContains(task.range, position)) continue;
    if (at(task.idRange)) return { kind: 'taskDef', id: task.id, range: task.idRange, task };
    if (task.owner && at(task.fields.owner)) return { kind: 'unitRef', id: task.owner, range: task.fields.owner! };
    const support = task.supportRanges.findIndex(at);
    if (support >= 0) return { kind: 'unitRef', id: task.support[support], range: task.supportRanges[support] };
    const criterion = task.criteriaRanges.findIndex(at);
    if (criterion >= 0) return { kind: 'criterionRef', id: task.criteria[criterion], range: task.criteriaRanges[criterion], task };
  }
  return undefined;
}

/** Where the thing a reference names is defined: a unit's key, a criterion's id (the first one when duplicated). */
export function definitionOf(doc: CriteriaDoc, token: Token): Range | undefined {
  switch (token.kind) {
    case 'unitRef':
      return doc.units.get(token.id)?.range;
    case 'criterionRef':
      return doc.byId.get(token.id)?.idRange;
    case 'criterionDef': {
      const first = doc.byId.get(token.id);
      return first && first !== token.node ? first.idRange : undefined;
    }
    default:
      return undefined;
  }
}
