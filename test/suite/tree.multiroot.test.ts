// Multi-root: a .code-workspace with two wards (scripts/run-integration.mjs --multiroot). One model per
// folder, the Evidence tree's root level is the folders, each folder's scores are the CLI's for that folder.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { StatusModel } from '../../src/core/model/types';
import type { ReformEvidenceApi } from '../../src/extension/extension';
import type { CriteriaEntry } from '../../src/extension/model/modelStore';
import {
  closeAllEditors,
  allCriteria, AS_OF, expectedIcon, expectedScore, extensionApi, flatten, folders, iconOf, labelOf, runCli, useAsOf, waitFor, walk, type Shown,
} from './treeHelpers';

let api: ReformEvidenceApi;

/** `node dist/cli.js status <folder> --json --as-of …`. */
function cliStatusOf(folder: string): StatusModel {
  return JSON.parse(runCli(['status', folder, '--json', '--as-of', AS_OF])) as StatusModel;
}

function entryOfFolder(folder: vscode.WorkspaceFolder): CriteriaEntry {
  const found = api.services.store.entries.filter((e) => e.folder.uri.toString() === folder.uri.toString());
  assert.equal(found.length, 1, `one model for ${folder.name}`);
  return found[0];
}

/** The criterion nodes below one folder node of the Evidence tree. */
function criteriaUnder(folderNode: Shown): Map<string, Shown> {
  return new Map(flatten(folderNode.children).filter((s) => s.node.kind === 'criterion').map((s) => [s.node.criterionId!, s]));
}

async function folderRoots(): Promise<Shown[]> {
  return walk(api.trees.evidence);
}

describe('Multi-root workspace', function () {
  this.timeout(90_000);

  before(async () => {
    api = await extensionApi();
    await waitFor(() => api.services.store.entries.length === folders().length, 'one model per workspace folder');
    await useAsOf(api, AS_OF);
    await vscode.commands.executeCommand('reformEvidence.filterAll');
    await vscode.commands.executeCommand('reformEvidence.groupByArea');
  });

  it('loads one model per folder, each from its own criteria file', () => {
    const open = folders();
    assert.equal(open.length, 2);
    const entries = open.map(entryOfFolder);
    entries.forEach((e, i) => {
      assert.equal(path.dirname(e.uri.fsPath), open[i].uri.fsPath, `criteria file of ${open[i].name}`);
      assert.equal(e.loaded.doc.baseDir, open[i].uri.fsPath);
    });
    assert.notEqual(entries[0].loaded.model.index.id, entries[1].loaded.model.index.id, 'the two wards are different indices');
  });

  it('shows the folders as the root level, each with its own criteria and the CLI scores of that folder', async () => {
    const roots = await folderRoots();
    assert.deepEqual(roots.map((r) => r.node.kind), ['folder', 'folder']);
    assert.deepEqual(roots.map((r) => vscode.Uri.parse(r.node.folderUri!).fsPath), folders().map((f) => f.uri.fsPath));
    assert.deepEqual(roots.map((r) => labelOf(r.item)), folders().map((f) => path.basename(f.uri.fsPath)));
    const statuses = folders().map((f) => cliStatusOf(f.uri.fsPath));
    assert.notDeepEqual(statuses[0].totals, statuses[1].totals, 'the second ward lacks evidence the first has');
    roots.forEach((root, i) => {
      const json = statuses[i];
      // One criteria file per folder: the file level is hidden, the areas sit right under the folder.
      assert.deepEqual(root.children.map((c) => c.node.criterionId), json.areas.map((a) => a.id), `areas of ${root.node.folderUri}`);
      assert.ok(root.children.every((c) => c.node.entryUri === entryOfFolder(folders()[i]).uri.toString()), 'nodes point at their folder\'s criteria file');
      const shown = criteriaUnder(root);
      const expected = allCriteria(json);
      assert.equal(shown.size, expected.length);
      for (const c of expected) {
        const s = shown.get(c.id);
        assert.ok(s, `${c.id} under folder ${i + 1}`);
        assert.equal(s.item.description, expectedScore(c), `score of ${c.id} in folder ${i + 1}`);
        assert.equal(iconOf(s.item), expectedIcon(c.state, c.overdue, c), `icon of ${c.id} in folder ${i + 1}`);
      }
      assert.deepEqual(entryOfFolder(folders()[i]).loaded.model.totals, json.totals, `model totals of folder ${i + 1}`);
    });
  });

  it('a file added to the second folder changes only that folder\'s model', async () => {
    const [first, second] = folders();
    const before = cliStatusOf(first.uri.fsPath);
    const firstModel = entryOfFolder(first).loaded.model;
    assert.equal(allCriteria(entryOfFolder(second).loaded.model).find((c) => c.id === '1.3.3')?.state, 'missing', 'the second ward lacks 1.3.3');
    const relative = '1 Chỉ đạo điều hành/1.3 Kiểm tra CCHC/Kết luận kiểm tra/Thông báo kết luận kiểm tra.pdf';
    const file = path.join(second.uri.fsPath, 'evidence', ...relative.split('/'));
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, '%PDF-1.4 multi-root test\n');
    await waitFor(() => allCriteria(entryOfFolder(second).loaded.model).find((c) => c.id === '1.3.3')?.state === 'present', '1.3.3 present in the second folder');

    const after = cliStatusOf(second.uri.fsPath);
    assert.deepEqual(entryOfFolder(second).loaded.model.totals, after.totals, 'second folder: the CLI totals with the new file');
    assert.equal(entryOfFolder(first).loaded.model, firstModel, 'the first folder\'s model was not rebuilt');
    assert.deepEqual(cliStatusOf(first.uri.fsPath).totals, before.totals);
    const roots = await folderRoots();
    assert.equal(criteriaUnder(roots[0]).get('1.3.3')?.item.description, expectedScore(allCriteria(before).find((c) => c.id === '1.3.3')!));
    assert.equal(iconOf(criteriaUnder(roots[1]).get('1.3.3')!.item), 'pass');
    assert.equal(iconOf(criteriaUnder(roots[0]).get('1.3.3')!.item), expectedIcon('missing', allCriteria(before).find((c) => c.id === '1.3.3')!.overdue));
  });

  it('the status bar and dashboard pick the entry of the active editor\'s folder', async () => {
    const [first, second] = folders();
    const { statusBar, panel } = api.dashboard;
    const scoreText = (folder: vscode.WorkspaceFolder) => {
      const t = entryOfFolder(folder).loaded.model.totals;
      return `$(checklist) PAR ${t.secured}/${t.max} · ${t.criteria - t.complete} lacking`;
    };
    assert.notEqual(scoreText(first), scoreText(second), 'the two wards have different scores');
    try {
      for (const folder of [second, first, second]) {
        await vscode.window.showTextDocument(vscode.Uri.joinPath(folder.uri, 'criteria.yaml'));
        assert.equal(api.services.store.activeEntry()?.uri.toString(), entryOfFolder(folder).uri.toString(), `the entry of ${folder.name}`);
        await waitFor(() => statusBar.item.text === scoreText(folder), `the status bar to show ${folder.name}: ${scoreText(folder)} (shows ${statusBar.item.text})`);
        // appendText escapes the text as Markdown: undo it to read the sentence.
        const tooltip = (statusBar.item.tooltip as vscode.MarkdownString).value.replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1');
        assert.ok(tooltip.includes(`${folder.name}: criteria.yaml (2 criteria files in this window`), `the tooltip names ${folder.name}: ${tooltip}`);
        assert.equal(statusBar.visible, true);
      }
      // The dashboard, opened from an editor of the second folder, speaks about the second folder.
      await vscode.window.showTextDocument(vscode.Uri.joinPath(second.uri, 'criteria.yaml'));
      await vscode.commands.executeCommand(statusBar.item.command as string);
      // The page says `ready` once loaded, when the panel (not the editor) has the focus.
      await waitFor(() => panel.webviewPanel?.active === true, 'the dashboard active');
      const webview = panel.webviewPanel!.webview;
      const posted: Array<{ type: string; view?: { entryUri: string } }> = [];
      const original = webview.postMessage.bind(webview);
      webview.postMessage = (message: { type: string; view?: { entryUri: string } }) => {
        posted.push(message);
        return original(message);
      };
      await panel.receive({ type: 'ready' });
      assert.equal(posted.find((m) => m.type === 'init')?.view?.entryUri, entryOfFolder(second).uri.toString(), 'the dashboard shows the second folder');
    } finally {
      api.dashboard.panel.webviewPanel?.dispose();
      await closeAllEditors();
    }
  });
});
