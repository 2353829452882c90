// Restricted mode (workspace not trusted): the trees still show criteria and files, from a folder walk,
// no Git process starts, and nothing is written.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ReformEvidenceApi } from '../../src/extension/extension';
import { allCriteria, AS_OF, cliStatus, expectedIcon, expectedScore, extensionApi, flatten, iconOf, useAsOf, waitFor, walk, workspaceDir } from './treeHelpers';

let api: ReformEvidenceApi;

describe('trees in restricted mode', function () {
  this.timeout(60_000);

  before(async () => {
    api = await extensionApi();
    await useAsOf(api, AS_OF);
    await vscode.commands.executeCommand('reformEvidence.filterAll');
  });

  it('runs untrusted', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('shows every criterion with the states of a folder walk (the CLI with --no-git), and the files', async () => {
    const json = cliStatus(['--no-git']);
    assert.equal(json.git, false);
    assert.equal(api.services.store.entries[0].loaded.model.git, false);
    const shown = flatten(await walk(api.trees.evidence));
    const criteria = shown.filter((s) => s.node.kind === 'criterion');
    assert.equal(criteria.length, allCriteria(json).length);
    for (const c of allCriteria(json)) {
      const s = criteria.find((x) => x.node.criterionId === c.id)!;
      assert.equal(s.item.description, expectedScore(c), `score of ${c.id}`);
      assert.equal(iconOf(s.item), expectedIcon(c.state, c.overdue, c), `icon of ${c.id}`);
    }
    const files = shown.filter((s) => s.node.kind === 'file');
    assert.ok(files.length > 20, 'matched files are listed');
    assert.ok(files.every((f) => f.item.description === 'not in Git'));
  });

  it('follows a new evidence file from the folder, without Git', async () => {
    const model = () => api.services.store.entries[0].loaded.model;
    // A leaf with no evidence whose first requirement takes any PDF of one folder.
    const leaf = allCriteria(model()).find((c) => c.leaf && c.state === 'missing' && /^[^*?{}[\]]+\/\*\.pdf$/.test(c.requirements[0]?.path ?? ''))!;
    assert.ok(leaf, 'the example has a missing leaf taking "<folder>/*.pdf"');
    const target = path.join(workspaceDir(), 'evidence', ...leaf.requirements[0].path.split('/').slice(0, -1), 'Tệp thử.pdf');
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, 'test');
    try {
      await waitFor(() => (allCriteria(model()).find((c) => c.id === leaf.id)?.requirements[0].files.length ?? 0) > 0, `the new file to count for ${leaf.id}`);
      const node = flatten(await walk(api.trees.evidence)).find((s) => s.node.kind === 'criterion' && s.node.criterionId === leaf.id)!;
      assert.notEqual(iconOf(node.item), 'circle-large-outline');
    } finally {
      await fs.rm(target, { force: true });
    }
  });

  it('has started no Git process', () => {
    assert.equal(api.gitProcessCount(), 0);
  });

  it('writes no starter criteria file', async () => {
    const starter = path.join(workspaceDir(), 'criteria.yaml');
    const before = await fs.readFile(starter, 'utf8');
    await vscode.commands.executeCommand('reformEvidence.createStarterCriteria');
    assert.equal(await fs.readFile(starter, 'utf8'), before);
    assert.equal(api.gitProcessCount(), 0);
  });
});
