// Measured leaves in the Evidence tree of the real extension host: the CLI's figures in the description and the
// tooltip, and the description following a data file saved in the editor.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CriterionStatus, StatusModel } from '../../src/core/model/types';
import type { ReformEvidenceApi } from '../../src/extension/extension';
import type { TreeNode } from '../../src/extension/tree/nodes';
import { allCriteria, AS_OF, cliStatus, closeAllEditors, expectedIcon, expectedScore, extensionApi, flatten, iconOf, useAsOf, waitFor, walk, workspaceDir } from './treeHelpers';

let api: ReformEvidenceApi;
let baseline: StatusModel;

function measured(model: StatusModel): CriterionStatus[] {
  return allCriteria(model).filter((c) => c.leaf && c.measure);
}

async function criterionShown(id: string): Promise<{ node: TreeNode; item: vscode.TreeItem } | undefined> {
  return flatten(await walk(api.trees.evidence)).find((s) => s.node.kind === 'criterion' && s.node.criterionId === id);
}

function tooltipText(item: vscode.TreeItem): string {
  const t = item.tooltip;
  return t instanceof vscode.MarkdownString ? t.value : String(t ?? '');
}

describe('Measured criteria in the Evidence tree', function () {
  this.timeout(60_000);

  before(async () => {
    api = await extensionApi();
    await useAsOf(api, AS_OF);
    await vscode.commands.executeCommand('reformEvidence.filterAll');
    await vscode.commands.executeCommand('reformEvidence.groupByArea');
    baseline = cliStatus();
  });

  it('shows the rate and score of the CLI in the description, and the months in the tooltip', async () => {
    const leaves = measured(baseline);
    assert.ok(leaves.length >= 4, `the example has ${leaves.length} measured leaves`);
    assert.ok(leaves.some((c) => c.measure!.rate !== null), 'some rate is known');
    for (const c of leaves) {
      const shown = await criterionShown(c.id);
      assert.ok(shown, `${c.id} is in the tree`);
      assert.equal(shown.item.description, expectedScore(c), `description of ${c.id}`);
      assert.match(String(shown.item.description), c.measure!.rate === null ? /·/ : /^\d+\.\d% · /, `rate first in ${c.id}`);
      assert.equal(iconOf(shown.item), expectedIcon(c.state, c.overdue, c), `icon of ${c.id}`);
      const resolved = await api.trees.evidence.resolveTreeItem(shown.item, shown.node);
      const md = tooltipText(resolved);
      for (const p of c.measure!.periods) {
        const rate = p.rate === null ? '—' : `${p.rate.toFixed(1)}%`;
        assert.ok(md.includes(`| ${p.period} | ${rate} | ${p.numerator} | ${p.denominator} |`), `tooltip of ${c.id} has ${p.period}: ${md}`);
      }
      if (c.measure!.fullAt !== null) assert.ok(md.includes(`full points from ${c.measure!.fullAt.toFixed(1)}%`), `threshold in the tooltip of ${c.id}`);
    }
    // The example tells a story: some indicators short of full points, some not.
    const icons = await Promise.all(leaves.map(async (c) => iconOf((await criterionShown(c.id))!.item)));
    assert.ok(icons.includes('graph-line') && icons.some((i) => i !== 'graph-line'), `icons: ${icons.join(', ')}`);
  });

  describe('a data file saved in the editor', () => {
    let file = '';
    let original = '';
    let id = '';

    before(async () => {
      const csv = measured(baseline).find((c) => c.measure!.dataFile.endsWith('.csv') && c.measure!.periods.length > 0 && c.measure!.rate !== null);
      assert.ok(csv, 'a measured leaf read from a CSV');
      id = csv.id;
      file = path.join(workspaceDir(), 'evidence', csv.measure!.dataFile);
      original = await fs.readFile(file, 'utf8');
    });

    after(async () => {
      if (!original) return;
      await closeAllEditors();
      await fs.writeFile(file, original);
      const restored = cliStatus();
      await waitFor(async () => (await criterionShown(id))?.item.description === expectedScore(allCriteria(restored).find((c) => c.id === id)!), 'the tree back to the original figures');
    });

    it('updates the description within a second', async () => {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
      await vscode.window.showTextDocument(doc);
      const before = (await criterionShown(id))!.item.description;
      // Every month's numerator becomes 0: the rate falls to 0.0%.
      const lines = doc.getText().split(/\r?\n/);
      const sep = lines[0].includes(';') ? ';' : ',';
      const edit = new vscode.WorkspaceEdit();
      for (let i = 1; i < lines.length; i++) {
        const cells = lines[i].split(sep);
        if (cells.length < 3) continue;
        const changed = [cells[0], '0', ...cells.slice(2)].join(sep);
        edit.replace(doc.uri, new vscode.Range(i, 0, i, lines[i].length), changed);
      }
      assert.ok(await vscode.workspace.applyEdit(edit), 'edit applied');
      assert.ok(await doc.save(), 'saved');
      const saved = Date.now();
      await waitFor(async () => (await criterionShown(id))?.item.description !== before, `the description of ${id} to change`, 1000);
      const took = Date.now() - saved;
      const expected = expectedScore(allCriteria(cliStatus()).find((c) => c.id === id)!);
      assert.match(expected, /^0\.0% · /, 'the CLI reads 0.0% from the saved file');
      assert.equal((await criterionShown(id))?.item.description, expected, 'the new description is the CLI figure');
      console.log(`      (tree updated ${took} ms after the save)`);
    });
  });
});
