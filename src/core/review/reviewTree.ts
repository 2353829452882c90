// A review as a tree (the editor's Review view) and as marks on the Evidence tree: plain nodes with their words,
// codicons and what opening a row shows. Pure: the extension turns nodes into TreeItems and files into URIs.
import { changeText } from '../audit/criteriaDiff';
import { t, type Locale } from '../i18n/messages';
import { formatNumber as formatted } from '../present/numbers';
import { stateLook } from '../present/states';
import type { ItemChange, ItemSide } from './compareStatus';
import type { EvidenceChange, EvidenceChangeKind } from './evidenceChanges';
import { countsText, deltaText, evidencePath, itemChangeText, sideName, sideText, signed } from './render';
import type { Review } from './review';

/** A file on one side of the review: in a commit, or (no commit) in the work tree. */
export interface FileAt {
  commit?: string;
  /** Relative to evidenceRoot; undefined for the criteria file itself. */
  path?: string;
}

/** What opening a row shows: the two sides of a file, or one side (an added or a removed file). */
export type ReviewOpen = { kind: 'diff'; left: FileAt; right: FileAt } | { kind: 'open'; file: FileAt };

interface NodeBase {
  /** Stable within one review. */
  id: string;
  label: string;
  description?: string;
  tooltip?: string;
  /** A codicon id, and the theme colour to draw it in. */
  icon: string;
  color?: string;
}

export type ReviewGroup = 'tasks' | 'evidence' | 'criteriaFile' | 'untrailed';

export type ReviewTreeNode =
  | (NodeBase & { kind: 'summary'; lost: boolean })
  | (NodeBase & { kind: 'area'; areaId: string; children: ReviewTreeNode[] })
  | (NodeBase & { kind: 'group'; group: ReviewGroup; children: ReviewTreeNode[] })
  | (NodeBase & { kind: 'item'; change: ItemChange })
  | (NodeBase & { kind: 'evidence'; change: EvidenceChange; open: ReviewOpen })
  | (NodeBase & { kind: 'criteriaChange'; open: ReviewOpen })
  | (NodeBase & { kind: 'commit'; hash: string });

const EVIDENCE_ICONS: Record<EvidenceChangeKind, string> = { added: 'diff-added', modified: 'diff-modified', removed: 'diff-removed', renamed: 'diff-renamed' };

/** The look of a changed item: its state after the change (before, when it went away). */
function itemLook(change: ItemChange): { icon: string; color: string } {
  const side = (change.after ?? change.before) as ItemSide;
  return stateLook(side.state, side.overdue);
}

function itemNode(change: ItemChange, locale: Locale): ReviewTreeNode {
  const points = change.kind === 'criterion';
  const tooltip = [
    `${change.id} ${change.title}${change.owner ? ` [${change.owner}]` : ''}`,
    `${t(locale, 'review.col.before')}: ${sideText(change.before, locale, points)}`,
    `${t(locale, 'review.col.after')}: ${sideText(change.after, locale, points)}`,
    ...(points && change.delta !== 0 ? [`${t(locale, 'review.col.delta')}: ${signed(change.delta, locale)}`] : []),
  ].join('\n');
  return { kind: 'item', id: `item|${change.kind === 'task' ? 't' : 'c'}|${change.id}`, label: `${change.id} ${change.title}`, description: itemChangeText(change, locale), tooltip, ...itemLook(change), change };
}

/** What opening an evidence file of the review shows: its diff; an added file as it is now, a removed one as it was. */
export function evidenceOpen(change: EvidenceChange, review: Pick<Review, 'base' | 'head'>): ReviewOpen {
  const before: FileAt = { commit: review.base.commit, path: change.from ?? change.path };
  const after: FileAt = { commit: review.head.commit, path: change.path };
  if (change.kind === 'added') return { kind: 'open', file: after };
  if (change.kind === 'removed') return { kind: 'open', file: before };
  return { kind: 'diff', left: before, right: after };
}

function evidenceNode(change: EvidenceChange, index: number, review: Review, locale: Locale): ReviewTreeNode {
  const how = change.kind === 'renamed' && change.from !== undefined ? t(locale, 'review.tree.renamedFrom', change.from) : t(locale, `review.kind.${change.kind}`);
  const counts = countsText(change, locale);
  return {
    kind: 'evidence',
    id: `evidence|${index}|${change.path}`,
    label: change.path,
    description: `${how} · ${counts}`,
    tooltip: `${evidencePath(change)}\n${t(locale, `review.kind.${change.kind}`)}\n${t(locale, 'review.col.counts')}: ${counts}`,
    icon: EVIDENCE_ICONS[change.kind],
    change,
    open: evidenceOpen(change, review),
  };
}

/**
 * The Review view's rows: a summary (base → head, the total points), the changed criteria under their areas (with
 * the area's points), changed tasks, evidence files, criteria-file changes, and commits without an audit trailer.
 */
export function reviewTree(review: Review, locale: Locale): ReviewTreeNode[] {
  const c = review.comparison;
  const summaryTooltip = [
    t(locale, 'review.total', formatted(c.total.before, locale), formatted(c.total.after, locale), formatted(c.totals.after.max, locale), signed(c.total.gained, locale).replace('±0', '+0'), formatted(c.total.lost, locale)),
    ...(c.securedLost ? [t(locale, 'review.lostWarning', formatted(c.total.lost, locale))] : []),
    ...(review.errors.before + review.errors.after > 0 ? [t(locale, 'review.errors', review.errors.before, review.errors.after)] : []),
    t(locale, 'review.tree.asOf', review.asOf),
  ].join('\n');
  const nodes: ReviewTreeNode[] = [
    {
      kind: 'summary',
      id: 'summary',
      label: `${sideName(review.base, locale)} → ${sideName(review.head, locale)}`,
      description: deltaText(c.total, locale),
      tooltip: summaryTooltip,
      icon: c.securedLost ? 'warning' : 'git-compare',
      ...(c.securedLost ? { color: 'errorForeground' } : {}),
      lost: c.securedLost,
    },
  ];

  // Leaves carry the points; each goes under its area, the areas in the comparison's order.
  const byArea = new Map<string, ItemChange[]>();
  for (const leaf of c.criteria.filter((x) => x.leaf)) {
    const key = leaf.area ?? '';
    byArea.set(key, [...(byArea.get(key) ?? []), leaf]);
  }
  const areaIds = [...c.byArea.map((a) => a.id).filter((id) => byArea.has(id)), ...[...byArea.keys()].filter((id) => !c.byArea.some((a) => a.id === id))];
  for (const areaId of areaIds) {
    const delta = c.byArea.find((a) => a.id === areaId);
    nodes.push({
      kind: 'area',
      id: `area|${areaId}`,
      areaId,
      label: delta ? `${delta.id} ${delta.name}` : areaId,
      ...(delta ? { description: deltaText(delta, locale) } : {}),
      icon: 'symbol-namespace',
      children: byArea.get(areaId)!.map((x) => itemNode(x, locale)),
    });
  }
  if (c.tasks.length > 0) {
    nodes.push({ kind: 'group', group: 'tasks', id: 'group|tasks', label: t(locale, 'review.tasks', c.tasks.length), icon: 'tasklist', children: c.tasks.map((x) => itemNode(x, locale)) });
  }
  nodes.push({
    kind: 'group',
    group: 'evidence',
    id: 'group|evidence',
    label: t(locale, 'review.evidence', review.evidence.length),
    icon: 'files',
    children: review.evidence.map((e, i) => evidenceNode(e, i, review, locale)),
  });
  const criteriaDiff: ReviewOpen = { kind: 'diff', left: { commit: review.base.commit }, right: { commit: review.head.commit } };
  nodes.push({
    kind: 'group',
    group: 'criteriaFile',
    id: 'group|criteriaFile',
    label: t(locale, 'review.criteriaFile', review.criteriaChanges.length),
    icon: 'checklist',
    children: review.criteriaChanges.map((change, i) => ({ kind: 'criteriaChange', id: `criteriaChange|${i}`, label: changeText(change, locale), icon: 'edit', open: criteriaDiff })),
  });
  if (review.untrailed.length > 0) {
    nodes.push({
      kind: 'group',
      group: 'untrailed',
      id: 'group|untrailed',
      label: t(locale, 'review.untrailed', review.untrailed.length, review.commits),
      icon: 'git-commit',
      color: 'list.warningForeground',
      children: review.untrailed.map((u) => ({
        kind: 'commit',
        id: `commit|${u.hash}`,
        hash: u.hash,
        label: `${u.shortHash} ${u.unparsed ? t(locale, 'log.unparsed') : u.subject}`,
        description: u.unparsed ? undefined : `${u.author}, ${u.date.slice(0, 10)}`,
        tooltip: u.files.join('\n'),
        icon: 'git-commit',
      })),
    });
  }
  return nodes;
}

/** What the Evidence tree marks while a review is open. */
export interface ReviewMarks {
  /** Every criterion (leaf, parent or area) whose state, points or overdue flag changed, by id. */
  criteria: Map<string, ItemChange>;
  /** Evidence files there after the change that it added, changed or renamed (relative to evidenceRoot, NFC). */
  files: Map<string, EvidenceChangeKind>;
}

export function reviewMarks(review: Review): ReviewMarks {
  return {
    criteria: new Map(review.comparison.criteria.map((x) => [x.id, x])),
    files: new Map(review.evidence.filter((e) => e.kind !== 'removed').map((e) => [e.path.normalize('NFC'), e.kind])),
  };
}

/** The prefix of a changed criterion's description in the Evidence tree: `●`, with the points delta when any. */
export function criterionMarkPrefix(change: ItemChange, locale: Locale): string {
  return change.delta !== 0 ? `● ${signed(change.delta, locale)}` : '●';
}

/** "Changed since main (abc1234): partial, 0/2 → committed, 2/2 (+2)". */
export function criterionMarkText(change: ItemChange, review: Pick<Review, 'base'>, locale: Locale): string {
  return t(locale, 'review.mark.since', sideName(review.base, locale), itemChangeText(change, locale));
}

/** A changed file's badge (as in the text review: + added, ~ changed, → renamed). */
export const FILE_MARK_BADGES: Record<EvidenceChangeKind, string> = { added: '+', modified: '~', removed: '-', renamed: '→' };

/** "added since main (abc1234)". */
export function fileMarkText(kind: EvidenceChangeKind, review: Pick<Review, 'base'>, locale: Locale): string {
  return t(locale, 'review.mark.file', t(locale, `review.kind.${kind}`), sideName(review.base, locale));
}
