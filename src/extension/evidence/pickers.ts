// The questions the evidence commands ask when a tree node did not answer them: which criterion or task.
import * as vscode from 'vscode';
import { recentCommits } from '../../core/audit/history';
import type { Git } from '../../core/git/git';
import type { Requirement } from '../../core/model/types';
import type { CriteriaEntry } from '../model/modelStore';

/** A leaf criterion or a task of the entry, by quick pick (labelled with its state). */
export async function pickTarget(entry: CriteriaEntry, withAreas = false): Promise<string | undefined> {
  const { doc, model } = entry.loaded;
  const states = new Map<string, string>();
  const visit = (nodes: typeof model.areas) => {
    for (const n of nodes) {
      states.set(n.id, n.state);
      visit(n.children);
    }
  };
  visit(model.areas);
  const items: Array<vscode.QuickPickItem & { id: string }> = [];
  for (const node of doc.byId.values()) {
    if (!withAreas && node.children.length > 0) continue;
    items.push({ id: node.id, label: `${node.id} ${node.title}`, description: [node.owner, states.get(node.id)].filter(Boolean).join(' · ') });
  }
  for (const task of doc.tasks) items.push({ id: task.id, label: `${task.id} ${task.title}`, description: task.owner });
  const picked = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Choose a criterion or task'), matchOnDescription: true });
  return picked?.id;
}

export function requirementsOf(entry: CriteriaEntry, id: string): Requirement[] {
  const node = entry.loaded.doc.byId.get(id);
  return node ? node.evidence : (entry.loaded.doc.tasks.find((t) => t.id === id)?.evidence ?? []);
}

/** Branches and tags, most recently committed first (names only: the core resolves whichever is picked). */
async function recentRefs(git: Git, count: number): Promise<Array<{ name: string; date: string; subject: string }>> {
  const output = await git.read(['for-each-ref', '--sort=-committerdate', `--count=${count}`, '--format=%(refname:short)%00%(committerdate:short)%00%(subject)%00', 'refs/heads', 'refs/tags']).catch(() => '');
  const refs: Array<{ name: string; date: string; subject: string }> = [];
  for (const line of output.split('\n')) {
    const [name, date, subject] = line.split('\0');
    if (name) refs.push({ name, date: date ?? '', subject: subject ?? '' });
  }
  return refs;
}

export interface RevisionPickOptions {
  /** Offer the branches and tags first (a review against a branch), then the recent commits of the file. */
  refs?: boolean;
  placeHolder?: string;
}

/** A recent commit of the criteria file (or a branch or tag), or what the user types in "Another revision…" (resolved by the core). */
export async function pickRevision(git: Git, relative: string, options: RevisionPickOptions = {}): Promise<string | undefined> {
  const other = vscode.l10n.t('Another revision…');
  const refs = options.refs ? (await recentRefs(git, 15)).map((r) => ({ label: r.name, description: r.date, detail: r.subject })) : [];
  const items = (await recentCommits(git, relative, 30)).map((c) => ({ label: c.shortHash, description: `${c.date.slice(0, 10)} · ${c.author}`, detail: c.subject }));
  const picked = await vscode.window.showQuickPick([...refs, ...items, { label: other, description: '', detail: vscode.l10n.t('A branch, tag or commit') }], {
    placeHolder: options.placeHolder ?? vscode.l10n.t('Compare the criteria file in the working tree with…'),
  });
  if (!picked) return undefined;
  return picked.label === other ? await vscode.window.showInputBox({ prompt: vscode.l10n.t('A branch, tag or commit'), value: 'HEAD~1' }) : picked.label;
}
