// The problems of the measures' data files, without listing the whole evidence folder (for `check`).
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { compileRequirements, matchAll } from '../evidence/match';
import type { Locale } from '../i18n/messages';
import type { CriteriaDoc, EvidenceFile, Problem } from '../model/types';
import { todayIso } from '../validate/paths';
import { computeMeasures } from './compute';

export async function dataFileProblems(doc: CriteriaDoc, options: { locale?: Locale; asOf?: string }): Promise<Problem[]> {
  const files: EvidenceFile[] = [];
  for (const node of doc.byId.values()) {
    if (!node.measure?.valid || node.children.length > 0) continue;
    const full = path.resolve(doc.baseDir, doc.index.evidenceRoot, node.measure.data);
    if ((await fs.lstat(full).catch(() => undefined))?.isFile()) files.push({ path: node.measure.data, git: 'none' });
  }
  if (files.length === 0) return [];
  const matches = matchAll(compileRequirements(doc), files);
  return (await computeMeasures(doc, matches, { asOf: options.asOf ?? todayIso(), locale: options.locale })).problems;
}
