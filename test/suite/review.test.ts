// Review Changes Against… in the real VS Code: the Review view's rows against the CLI's `review --json` of the
// same work tree, a file row opening its diff, Open as Markdown, and the Evidence tree's marks until Close Review.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CriterionStatus } from '../../src/core/model/types';
import type { Review } from '../../src/core/review/review';
import type { ReviewTreeNode } from '../../src/core/review/reviewTree';
import type { ReformEvidenceApi } from '../../src/extension/extension';
import { allCriteria, AS_OF, closeAllEditors, extensionApi, flatten, labelOf, runCli, useAsOf, waitFor, walk, workspaceDir } from './treeHelpers';

function git(args: string[]): string {
  return execFileSync('git', args, { cwd: workspaceDir(), encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } });
}

/** The English number as the review writes it (no grouping below 1,000). */
const num = (n: number) => String(Math.round(n * 100) / 100);
const signed = (n: number) => (n > 0 ? `+${num(n)}` : n < 0 ? `−${num(-n)}` : '±0');

const evidenceFile = (relative: string) => path.join(workspaceDir(), 'evidence', ...relative.split('/'));

function activeTabInput(): unknown {
  return vscode.window.tabGroups.activeTabGroup.activeTab?.input;
}

describe('Review view in the real VS Code', function () {
  this.timeout(120_000);
  let api: ReformEvidenceApi;
  const restore: Array<() => Promise<void>> = [];

  const model = () => api.services.store.entries[0].loaded.model;
  const leafNow = (id: string) => allCriteria(model()).find((c) => c.id === id);
  const rows = () => api.review.view.provider.getChildren();
  const childrenOf = (node: ReviewTreeNode | undefined) => (node ? api.review.view.provider.getChildren(node) : []);

  before(async () => {
    api = await extensionApi();
    await useAsOf(api, AS_OF);
    await vscode.commands.executeCommand('reformEvidence.filterAll');
    await vscode.commands.executeCommand('reformEvidence.groupByArea');
  });

  after(async () => {
    await vscode.commands.executeCommand('reformEvidence.closeReview');
    for (const undo of restore.reverse()) await undo();
    await closeAllEditors();
  });

  it('shows the review of the work tree against HEAD as the CLI computes it, opens diffs, and marks the Evidence tree until it is closed', async () => {
    // Three changes: a committed file modified, another leaf's only file removed, a new file added beside the first.
    const committed = allCriteria(model()).filter((c) => c.leaf && c.state === 'committed' && c.requirements.length === 1 && c.requirements[0].files.length === c.requirements[0].min && !c.measure);
    assert.ok(committed.length >= 2, 'the example has two committed leaves with exactly the files they need');
    const [changedLeaf, lostLeaf] = committed as [CriterionStatus, CriterionStatus];
    const modified = changedLeaf.requirements[0].files[0].path;
    const removed = lostLeaf.requirements[0].files[0].path;
    const ext = path.posix.extname(modified);
    const added = `${modified.slice(0, -ext.length)} (bổ sung)${ext}`;
    const [modifiedBytes, removedBytes] = await Promise.all([fs.readFile(evidenceFile(modified)), fs.readFile(evidenceFile(removed))]);
    restore.push(async () => {
      await fs.writeFile(evidenceFile(modified), modifiedBytes);
      await fs.writeFile(evidenceFile(removed), removedBytes);
      await fs.rm(evidenceFile(added), { force: true });
      await waitFor(() => git(['status', '--porcelain', '--', 'evidence']) === '' && leafNow(lostLeaf.id)?.state === 'committed' && leafNow(changedLeaf.id)?.state === 'committed', 'the example restored');
    });
    await fs.appendFile(evidenceFile(modified), '\n% reviewed copy\n');
    await fs.rm(evidenceFile(removed));
    await fs.writeFile(evidenceFile(added), '%PDF-1.4\n% bản bổ sung\n');
    await waitFor(
      () => leafNow(lostLeaf.id)?.state !== 'committed' && leafNow(changedLeaf.id)?.requirements[0].files.some((f) => f.path === added) === true && leafNow(changedLeaf.id)?.requirements[0].files.find((f) => f.path === modified)?.git === 'modified',
      'the model with the three changes',
    );

    const review = await vscode.commands.executeCommand<Review>('reformEvidence.reviewChanges', { entryUri: api.services.store.entries[0].uri.toString() }, 'HEAD');
    assert.ok(review, 'the command returns the review');
    const expected = JSON.parse(runCli(['review', 'HEAD', workspaceDir(), '--json', '--as-of', AS_OF])) as Review;
    const head = git(['rev-parse', 'HEAD']).trim();
    assert.equal(expected.base.commit, head);

    // The view is shown, and its rows say what the CLI says.
    await waitFor(() => api.review.view.view.visible, 'the Review view shown');
    const [summary, ...rest] = rows();
    assert.equal(summary.label, `HEAD (${head.slice(0, 7)}) → working tree`);
    const t = expected.comparison.total;
    assert.equal(summary.description, `${num(t.before)} → ${num(t.after)} (${signed(t.gained).replace('±0', '+0')} gained, ${num(t.lost)} lost)`);
    assert.ok(t.lost > 0, 'the removed file loses points');

    const leaves = expected.comparison.criteria.filter((c) => c.leaf);
    assert.ok(leaves.some((c) => c.id === lostLeaf.id), `${lostLeaf.id} is among the changed leaves`);
    const areaRows = rest.filter((n) => n.kind === 'area');
    assert.deepEqual(areaRows.map((n) => n.kind === 'area' && n.areaId), [...new Set(leaves.map((c) => c.area))].sort((a, b) => expected.comparison.byArea.findIndex((x) => x.id === a) - expected.comparison.byArea.findIndex((x) => x.id === b)));
    for (const areaRow of areaRows) {
      const area = expected.comparison.byArea.find((a) => areaRow.kind === 'area' && a.id === areaRow.areaId)!;
      assert.equal(areaRow.label, `${area.id} ${area.name}`);
      assert.equal(areaRow.description, `${num(area.before)} → ${num(area.after)} (${signed(area.gained).replace('±0', '+0')} gained, ${num(area.lost)} lost)`);
      const inArea = leaves.filter((c) => c.area === area.id);
      const shown = childrenOf(areaRow);
      assert.deepEqual(shown.map((n) => n.label), inArea.map((c) => `${c.id} ${c.title}`));
      shown.forEach((n, i) => {
        const c = inArea[i];
        assert.ok(n.description?.includes(' → '), `${c.id}: before → after in ${n.description}`);
        if (c.delta !== 0) assert.ok(n.description?.endsWith(`(${signed(c.delta)})`), `${c.id}: the delta ${signed(c.delta)} ends ${n.description}`);
      });
    }
    const evidenceGroup = rest.find((n) => n.id === 'group|evidence');
    assert.equal(evidenceGroup?.label, `Evidence files changed (${expected.evidence.length})`);
    const fileRows = childrenOf(evidenceGroup);
    assert.deepEqual(fileRows.map((n) => n.label), expected.evidence.map((e) => e.path));
    assert.deepEqual(new Map(expected.evidence.map((e) => [e.path, e.kind])), new Map([[added, 'added'], [modified, 'modified'], [removed, 'removed']]));
    assert.equal(rest.find((n) => n.id === 'group|criteriaFile')?.label, `Criteria file changes (${expected.criteriaChanges.length})`);

    // A changed file opens its diff: the committed version (reform-evidence-git) against the file on disk.
    const command = (relative: string) => {
      const row = fileRows.find((n) => n.label === relative)!;
      const item = api.review.view.provider.getTreeItem(row);
      assert.ok(item.command, `${relative} has a command`);
      return vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? []));
    };
    await command(modified);
    await waitFor(() => activeTabInput() instanceof vscode.TabInputTextDiff, 'a diff editor');
    const diff = activeTabInput() as vscode.TabInputTextDiff;
    assert.equal(diff.original.scheme, 'reform-evidence-git');
    assert.equal(diff.original.path, `/evidence/${modified}`);
    assert.equal(diff.modified.fsPath, evidenceFile(modified));
    // An added file opens as it is; a removed one as it was committed.
    await command(added);
    await waitFor(() => activeTabInput() instanceof vscode.TabInputText && (activeTabInput() as vscode.TabInputText).uri.fsPath === evidenceFile(added), 'the added file open');
    await command(removed);
    await waitFor(() => activeTabInput() instanceof vscode.TabInputText && (activeTabInput() as vscode.TabInputText).uri.scheme === 'reform-evidence-git', 'the removed file as committed');
    const removedDoc = vscode.window.activeTextEditor?.document;
    assert.equal(removedDoc?.getText(), removedBytes.toString('utf8'));

    // Open as Markdown (the title bar's button, and the summary row's click): the CLI's Markdown review of the same change.
    const summaryCommand = api.review.view.provider.getTreeItem(summary).command;
    assert.equal(summaryCommand?.command, 'reformEvidence.openReviewMarkdown');
    await vscode.commands.executeCommand(summaryCommand.command, ...(summaryCommand.arguments ?? []));
    await waitFor(() => vscode.window.activeTextEditor?.document.languageId === 'markdown', 'the Markdown review');
    assert.equal(vscode.window.activeTextEditor!.document.getText(), runCli(['review', 'HEAD', '--format', 'md', '--as-of', AS_OF]));

    // The Evidence tree marks the changed criteria; the changed files carry a badge.
    const changedIds = new Set(expected.comparison.criteria.map((c) => c.id));
    const marked = async () => flatten(await walk(api.trees.evidence)).filter((s) => s.node.kind === 'criterion' && String(s.item.description ?? '').startsWith('●'));
    const markedIds = (await marked()).map((s) => s.node.criterionId!);
    assert.deepEqual(new Set(markedIds), new Set([...changedIds].filter((id) => api.trees.evidence.isShown(api.services.store.entries[0], id))));
    assert.ok(markedIds.includes(changedLeaf.id) && markedIds.includes(lostLeaf.id));
    const lostRow = (await marked()).find((s) => s.node.criterionId === lostLeaf.id)!;
    const lostDelta = expected.comparison.criteria.find((c) => c.id === lostLeaf.id)!.delta;
    assert.ok(String(lostRow.item.description).startsWith(`● ${signed(lostDelta)} · `), `${lostLeaf.id}: ${lostRow.item.description}`);
    assert.ok(!flatten(await walk(api.trees.evidence)).some((s) => s.node.kind === 'criterion' && !changedIds.has(s.node.criterionId!) && String(s.item.description ?? '').startsWith('●')), 'unchanged criteria are not marked');
    const badge = (relative: string) => api.review.decorations.provideFileDecoration(vscode.Uri.file(evidenceFile(relative)))?.badge;
    assert.deepEqual([badge(added), badge(modified)], ['+', '~']);
    const unchanged = flatten(await walk(api.trees.evidence)).find((s) => s.node.kind === 'file' && s.node.filePath !== added && s.node.filePath !== modified);
    assert.ok(unchanged);
    assert.equal(badge(unchanged.node.filePath!), undefined, 'an unchanged file carries no review badge');
    // The Evidence tree's file row is the one the decoration applies to (its resourceUri).
    const addedRow = flatten(await walk(api.trees.evidence)).find((s) => s.node.kind === 'file' && s.node.filePath === added);
    assert.equal(addedRow?.item.resourceUri?.fsPath, evidenceFile(added));

    // Refresh Review: the same base again, after the modified file is put back.
    await fs.writeFile(evidenceFile(modified), modifiedBytes);
    await waitFor(() => leafNow(changedLeaf.id)?.requirements[0].files.find((f) => f.path === modified)?.git === 'committed', 'the modified file back');
    await vscode.commands.executeCommand('reformEvidence.refreshReview');
    const again = JSON.parse(runCli(['review', 'HEAD', workspaceDir(), '--json', '--as-of', AS_OF])) as Review;
    assert.deepEqual(again.evidence.map((e) => e.kind).sort(), ['added', 'removed']);
    assert.deepEqual(childrenOf(rows().find((n) => n.id === 'group|evidence')).map((n) => n.label), again.evidence.map((e) => e.path));
    assert.equal(badge(modified), undefined, 'the file put back carries no badge');
    assert.equal(badge(added), '+');

    // Close Review: the view empties and hides, the marks go.
    await vscode.commands.executeCommand('reformEvidence.closeReview');
    assert.deepEqual(rows(), []);
    assert.equal(api.review.state.current, undefined);
    assert.deepEqual(await marked(), []);
    assert.equal(badge(added), undefined);
    await waitFor(() => !api.review.view.view.visible, 'the Review view hidden');
    assert.ok(flatten(await walk(api.trees.evidence)).some((s) => s.node.kind === 'criterion' && labelOf(s.item).startsWith(`${lostLeaf.id} `)));
  });
});
