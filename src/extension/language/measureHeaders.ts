// The headers of measures' data files, as the model store last read them (its table cache): no file is read here.
import type { CriterionNode } from '../../core/model/types';
import { dataFileOf } from '../../core/language/measures';
import type { CriteriaEntry } from '../model/modelStore';

export function headersOf(entry: CriteriaEntry | undefined): (node: CriterionNode) => readonly string[] | undefined {
  return (node) => {
    const spec = node.measure;
    if (!entry || !spec) return undefined;
    const read = entry.loaded.tables?.get(`${dataFileOf(entry.loaded.doc, spec)}\0${spec.sheet ?? ''}`)?.result;
    return read && 'table' in read ? read.table.headerTexts : undefined;
  };
}
