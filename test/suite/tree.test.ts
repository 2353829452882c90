// The Evidence and Tasks trees in the real extension host, checked against the CLI's JSON for the example ward.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { StatusModel } from '../../src/core/model/types';
import type { ReformEvidenceApi } from '../../src/extension/extension';
import {
  closeAllEditors,
  allCriteria, AS_OF, cliStatus, expectedIcon, expectedScore, extensionApi, flatten, iconOf, labelOf, useAsOf, waitFor, walk, workspaceDir, type Shown,
} from './treeHelpers';

let api: ReformEvidenceApi;
/** The CLI's view of the untouched example (the tests that change files ask the CLI again). */
let baseline: StatusModel;

function criterionNodes(shown: Shown[]): Shown[] {
  return flatten(shown).filter((s) => s.node.kind === 'criterion');
}

async function evidenceTree(): Promise<Shown[]> {
  return walk(api.trees.evidence);
}

async function criterionItem(id: string): Promise<vscode.TreeItem | undefined> {
  return criterionNodes(await evidenceTree()).find((s) => s.node.criterionId === id)?.item;
}

function git(args: string[]): string {
  return execFileSync('git', args, { cwd: workspaceDir(), encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 't@example', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 't@example' } });
}

describe('Evidence and Tasks trees', function () {
  this.timeout(60_000);

  before(async () => {
    api = await extensionApi();
    await useAsOf(api, AS_OF);
    await vscode.commands.executeCommand('reformEvidence.filterAll');
    await vscode.commands.executeCommand('reformEvidence.groupByArea');
    baseline = cliStatus();
  });

  it('shows every criterion, requirement and file with the state and score of the CLI', async () => {
    const json = baseline;
    const shown = await evidenceTree();
    // One folder, one criteria file: both levels are hidden and the areas are the roots.
    assert.deepEqual(shown.map((s) => s.node.criterionId), json.areas.map((a) => a.id));
    const byId = new Map(criterionNodes(shown).map((s) => [s.node.criterionId!, s]));
    const expected = allCriteria(json);
    assert.equal(byId.size, expected.length, 'one tree node per criterion');
    for (const c of expected) {
      const s = byId.get(c.id);
      assert.ok(s, `criterion ${c.id} is in the tree`);
      assert.equal(s.item.description, expectedScore(c), `score of ${c.id}`);
      assert.equal(iconOf(s.item), expectedIcon(c.state, c.overdue, c), `icon of ${c.id} (${c.state}${c.overdue ? ', overdue' : ''})`);
      assert.equal(labelOf(s.item), `${c.id} ${c.title}`);
      assert.match(s.item.contextValue ?? '', c.leaf ? /^reformEvidence\.criterion\.leaf/ : c.kind === 'area' ? /^reformEvidence\.area$/ : /^reformEvidence\.criterion\.parent$/);
      if (!c.leaf) {
        assert.deepEqual(s.children.map((x) => x.node.criterionId), c.children.map((x) => x.id), `children of ${c.id}`);
        continue;
      }
      assert.equal(s.children.length, c.requirements.length, `requirements of ${c.id}`);
      c.requirements.forEach((r, i) => {
        const req = s.children[i];
        assert.equal(req.node.kind, 'requirement');
        assert.equal(req.node.requirementIndex, i);
        assert.equal(req.node.criterionId, c.id);
        assert.equal(req.item.description, `${r.files.length}/${r.min} files`);
        assert.deepEqual(req.children.map((f) => f.node.filePath), r.files.map((f) => f.path), `files of ${c.id} #${i}`);
        for (const f of req.children) {
          assert.equal(f.item.command?.command, 'vscode.open');
          assert.ok(f.node.fileUri && vscode.Uri.parse(f.node.fileUri).fsPath.startsWith(path.join(workspaceDir(), 'evidence')));
        }
      });
    }
  });

  it('groups tasks by owning unit, overdue first then by due date, with the CLI states', async () => {
    const json = baseline;
    const shown = await walk(api.trees.tasks);
    const tasks = flatten(shown).filter((s) => s.node.kind === 'task');
    assert.equal(tasks.length, json.tasks.length);
    for (const unit of shown) {
      const mine = json.tasks.filter((t) => t.owner === unit.node.unitId);
      assert.deepEqual(unit.children.map((t) => t.node.taskId), mine.map((t) => t.id), `tasks of ${unit.node.unitId} in the CLI's order`);
      const overdueFlags = mine.map((t) => t.overdue);
      assert.deepEqual(overdueFlags, [...overdueFlags].sort((a, b) => Number(b) - Number(a)), 'overdue tasks first');
      for (const t of unit.children) {
        const task = json.tasks.find((x) => x.id === t.node.taskId)!;
        assert.equal(iconOf(t.item), expectedIcon(task.state, task.overdue), `icon of ${task.id}`);
        assert.equal(t.item.contextValue, 'reformEvidence.task');
      }
    }
    assert.ok(json.tasks.some((t) => t.overdue), 'the example has overdue tasks');
  });

  it('puts the number of criteria still needing evidence on the view badge', async () => {
    const json = baseline;
    const badge = api.trees.evidenceView.badge;
    assert.ok(badge);
    assert.equal(badge.value, json.totals.criteria - json.totals.complete);
    assert.match(badge.tooltip, new RegExp(`^${badge.value} `));
  });

  it('filters to missing evidence, to overdue, and to my unit', async () => {
    const json = baseline;
    const leaves = allCriteria(json).filter((c) => c.leaf);
    const leafIds = new Set(leaves.map((l) => l.id));
    const shownLeaves = async () => criterionNodes(await evidenceTree()).map((s) => s.node.criterionId!).filter((id) => leafIds.has(id)).sort();
    try {
      await vscode.commands.executeCommand('reformEvidence.filterMissing');
      assert.deepEqual(await shownLeaves(), leaves.filter((l) => l.state === 'missing' || l.state === 'partial').map((l) => l.id).sort());
      assert.ok(api.trees.evidenceView.message, 'the view says a filter is on');

      await vscode.commands.executeCommand('reformEvidence.filterOverdue');
      assert.deepEqual(await shownLeaves(), leaves.filter((l) => l.overdue).map((l) => l.id).sort());
      const tasks = flatten(await walk(api.trees.tasks)).filter((s) => s.node.kind === 'task').map((s) => s.node.taskId!).sort();
      assert.deepEqual(tasks, json.tasks.filter((t) => t.overdue).map((t) => t.id).sort());

      await vscode.workspace.getConfiguration('reformEvidence').update('myUnit', 'VP', vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('reformEvidence.filterMyUnit');
      const vp = cliStatus(['--unit', 'VP']);
      const shown = criterionNodes(await evidenceTree());
      assert.deepEqual(shown.map((s) => s.node.criterionId).sort(), allCriteria(vp).map((c) => c.id).sort());
      for (const c of allCriteria(vp)) assert.equal(shown.find((s) => s.node.criterionId === c.id)?.item.description, expectedScore(c), `unit score of ${c.id}`);
    } finally {
      await vscode.commands.executeCommand('reformEvidence.filterAll');
      await vscode.workspace.getConfiguration('reformEvidence').update('myUnit', undefined, vscode.ConfigurationTarget.Global);
    }
    assert.equal(api.trees.evidenceView.message, undefined);
    assert.equal(criterionNodes(await evidenceTree()).length, allCriteria(json).length);
  });

  it('groups by unit: each unit holds the leaves it owns, with the unit totals of the CLI', async () => {
    const json = baseline;
    try {
      await vscode.commands.executeCommand('reformEvidence.groupByUnit');
      assert.equal(api.trees.options.groupBy, 'unit');
      const shown = await evidenceTree();
      assert.deepEqual(shown.map((s) => s.node.unitId), json.byUnit.filter((u) => allCriteria(json).some((c) => c.leaf && c.owner === u.id)).map((u) => u.id));
      for (const unit of shown) {
        const totals = json.byUnit.find((u) => u.id === unit.node.unitId)!;
        assert.equal(labelOf(unit.item), totals.name);
        assert.equal(unit.item.description, `${totals.secured}/${totals.max - totals.waived}`);
        const owned = allCriteria(json).filter((c) => c.leaf && c.owner === unit.node.unitId).map((c) => c.id);
        assert.deepEqual(unit.children.map((c) => c.node.criterionId), owned);
      }
    } finally {
      await vscode.commands.executeCommand('reformEvidence.groupByArea');
    }
    assert.equal(api.trees.options.groupBy, 'area');
  });

  it('reveals a criterion for the dashboard, clearing a filter that hides it', async () => {
    const json = baseline;
    const hidden = allCriteria(json).find((c) => c.leaf && !c.overdue && c.state === 'committed')!;
    await vscode.commands.executeCommand('reformEvidence.filterOverdue');
    const entryUri = api.services.store.entries[0].uri.toString();
    const revealed = await vscode.commands.executeCommand<boolean>('reformEvidence.revealCriterion', entryUri, hidden.id);
    assert.equal(revealed, true);
    assert.equal(api.trees.options.filter, 'all');
    await waitFor(() => api.trees.evidenceView.selection[0]?.criterionId === hidden.id, `${hidden.id} selected`);
    assert.equal(await vscode.commands.executeCommand('reformEvidence.revealCriterion', entryUri, '99.99'), false);
  });

  it('opens the definition of a criterion with its id selected', async () => {
    const node = criterionNodes(await evidenceTree()).find((s) => s.node.criterionId === '1.2.1')!;
    assert.equal(node.item.command?.command, 'reformEvidence.openCriterionDefinition');
    await vscode.commands.executeCommand(node.item.command!.command, ...(node.item.command!.arguments ?? []));
    await waitFor(() => vscode.window.activeTextEditor?.document.uri.fsPath === api.services.store.entries[0].uri.fsPath, 'the criteria file in an editor');
    const editor = vscode.window.activeTextEditor!;
    assert.match(editor.document.getText(editor.selection), /^["']?1\.2\.1["']?$/);
    await closeAllEditors();
  });

  it('decorates evidence files and folders with the criteria they count for', async () => {
    const json = baseline;
    const leaf = allCriteria(json).find((c) => c.id === '1.1.1')!;
    const file = vscode.Uri.file(path.join(workspaceDir(), 'evidence', ...leaf.requirements[0].files[0].path.split('/')));
    const decoration = api.decorations.provideFileDecoration(file) as vscode.FileDecoration;
    assert.equal(decoration?.badge, '✓');
    assert.match(decoration.tooltip ?? '', /1\.1\.1/);
    const folder = vscode.Uri.file(path.join(workspaceDir(), 'evidence', '1 Chỉ đạo điều hành', '1.1 Kế hoạch CCHC'));
    const folderDecoration = api.decorations.provideFileDecoration(folder) as vscode.FileDecoration;
    assert.match(folderDecoration?.tooltip ?? '', /1\.1\.1/);
    const stray = vscode.Uri.file(path.join(workspaceDir(), 'evidence', 'Chưa phân loại', 'Scan_20251105 (2).pdf'));
    assert.equal((api.decorations.provideFileDecoration(stray) as vscode.FileDecoration)?.badge, '?');
    const outside = vscode.Uri.file(path.join(workspaceDir(), 'criteria.yaml'));
    assert.equal(api.decorations.provideFileDecoration(outside), undefined);
  });

  it('shows a new evidence file without a refresh, then its commit, like the CLI', async () => {
    const before = baseline;
    const target = allCriteria(before).find((c) => c.id === '1.3.3')!;
    assert.equal(target.state, 'missing', 'the example leaves 1.3.3 without evidence');
    const relative = '1 Chỉ đạo điều hành/1.3 Kiểm tra CCHC/Kết luận kiểm tra/Thông báo kết luận kiểm tra.pdf';
    const file = path.join(workspaceDir(), 'evidence', ...relative.split('/'));
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, '%PDF-1.4 test\n');
    await waitFor(async () => iconOf((await criterionItem('1.3.3'))!) === 'pass', '1.3.3 to become present (not committed)');
    const leaf = criterionNodes(await evidenceTree()).find((s) => s.node.criterionId === '1.3.3')!;
    assert.deepEqual(leaf.children[0].children.map((f) => [f.node.filePath, f.item.description]), [[relative, 'not committed']]);
    const decoration = api.decorations.provideFileDecoration(vscode.Uri.file(file)) as vscode.FileDecoration;
    assert.match(decoration?.tooltip ?? '', /1\.3\.3/);

    git(['add', '--', file]);
    git(['commit', '-q', '-m', 'Thêm kết luận kiểm tra', '--', file]);
    await waitFor(async () => iconOf((await criterionItem('1.3.3'))!) === 'pass-filled', '1.3.3 to become committed after the commit');
    const after = cliStatus();
    for (const c of allCriteria(after)) {
      const item = await criterionItem(c.id);
      assert.equal(item?.description, expectedScore(c), `score of ${c.id} after the commit`);
    }
    assert.equal(api.trees.evidenceView.badge?.value, after.totals.criteria - after.totals.complete);
  });

  it('follows edits of the criteria file as typed, and keeps the last good tree through a syntax error', async () => {
    const uri = api.services.store.entries[0].uri;
    const doc = await vscode.workspace.openTextDocument(uri);
    const original = doc.getText();
    const oldTitle = 'Xử lý các vấn đề phát hiện qua kiểm tra';
    const newTitle = 'Xử lý kết quả kiểm tra (đã sửa)';
    assert.ok(original.includes(oldTitle));
    const replaceAll = async (text: string) => {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
      assert.ok(await vscode.workspace.applyEdit(edit));
    };
    try {
      await replaceAll(original.replace(oldTitle, newTitle));
      await waitFor(async () => labelOf((await criterionItem('1.3.3')) ?? new vscode.TreeItem('')) === `1.3.3 ${newTitle}`, 'the new title in the tree');

      await replaceAll(original.replace(oldTitle, newTitle) + '\n  - id: "9"\n    title: [unclosed\n');
      await replaceAll('criteria: [\n  - id: "1"\n    title: "oops\n');
      await waitFor(() => api.services.store.entries[0].loaded.doc.problems.some((p) => p.code === 'RE001'), 'the syntax error to be parsed');
      const shown = await evidenceTree();
      assert.equal(shown.length, baseline.areas.length, 'the last good areas stay');
      assert.equal(labelOf(criterionNodes(shown).find((s) => s.node.criterionId === '1.3.3')!.item), `1.3.3 ${newTitle}`);
    } finally {
      await replaceAll(original);
      await vscode.commands.executeCommand('workbench.action.files.save');
      await closeAllEditors();
    }
    await waitFor(async () => labelOf((await criterionItem('1.3.3')) ?? new vscode.TreeItem('')) === `1.3.3 ${oldTitle}`, 'the original title back');
  });

  it('never overwrites an existing criteria file with the starter', async () => {
    const file = path.join(workspaceDir(), 'criteria.yaml');
    const before = await fs.readFile(file, 'utf8');
    await vscode.commands.executeCommand('reformEvidence.createStarterCriteria');
    assert.equal(await fs.readFile(file, 'utf8'), before);
    await closeAllEditors();
  });
});
