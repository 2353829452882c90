// Adding evidence from the extension (trusted run): the command copies a file from outside the workspace into the
// requirement's folder and commits it with trailers; the model and the tree then show the criterion complete.
// It commits to the workspace copy and leaves the commit: 7.6 is a criterion no other suite names, and
// tree.test.ts compares with the CLI's state at its own start.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ReformEvidenceApi } from '../../src/extension/extension';
import { allCriteria, AS_OF, extensionApi, flatten, iconOf, useAsOf, waitFor, walk, workspaceDir } from './treeHelpers';

const TARGET = '7.6';

function git(args: string[]): string {
  return execFileSync('git', ['-c', 'core.quotePath=false', ...args], { cwd: workspaceDir(), encoding: 'utf8' });
}

/** The leading folders of a requirement glob that hold no wildcard: where added files must land. */
function fixedFolder(glob: string): string {
  const parts = glob.replace(/^\.\//, '').split('/');
  const fixed: string[] = [];
  for (const p of parts.slice(0, -1)) {
    if (/[*?[{]/.test(p)) break;
    fixed.push(p);
  }
  return fixed.join('/');
}

describe('Add evidence from the extension', function () {
  this.timeout(60_000);
  let api: ReformEvidenceApi;

  before(async () => {
    api = await extensionApi();
    await useAsOf(api, AS_OF);
    await vscode.commands.executeCommand('reformEvidence.filterAll');
    await vscode.commands.executeCommand('reformEvidence.groupByArea');
  });

  it('adds a file from outside the workspace to a missing leaf: a commit with trailers, the file in its folder, the criterion complete', async () => {
    const entry = api.services.store.entries[0];
    const before = allCriteria(entry.loaded.model).find((c) => c.id === TARGET)!;
    assert.equal(before.state, 'missing', `the example leaves ${TARGET} without evidence`);
    assert.equal(before.requirements.length, 1);
    const node = flatten(await walk(api.trees.evidence)).find((s) => s.node.kind === 'criterion' && s.node.criterionId === TARGET)!;
    assert.match(node.item.contextValue ?? '', /^reformEvidence\.criterion\.leaf/, 'the menu offers Add Evidence on this node');

    const outside = await fs.mkdtemp(path.join(os.tmpdir(), 'reform-evidence-add-'));
    const source = path.join(outside, 'Kế hoạch bảo đảm an toàn thông tin năm 2025.pdf');
    const content = `%PDF-1.4 added by the integration test ${Date.now()}\n`;
    await fs.writeFile(source, content);
    assert.ok(path.relative(workspaceDir(), source).startsWith('..'), 'the source is outside the workspace');
    const headBefore = git(['rev-parse', 'HEAD']).trim();

    await vscode.commands.executeCommand('reformEvidence.addEvidence', node.node, [vscode.Uri.file(source)]);

    assert.notEqual(git(['rev-parse', 'HEAD']).trim(), headBefore, 'a new commit');
    const changed = git(['show', '-z', '--name-only', '--format=', 'HEAD']).split('\0').filter(Boolean);
    assert.equal(changed.length, 1, 'the commit holds exactly the added file');
    const folder = `evidence/${fixedFolder(before.requirements[0].path)}`;
    assert.equal(path.posix.dirname(changed[0]), folder, "the file sits in the requirement's folder");
    assert.equal(await fs.readFile(path.join(workspaceDir(), ...changed[0].split('/')), 'utf8'), content, 'an exact copy');
    assert.equal(await fs.readFile(source, 'utf8'), content, 'the source is left in place');

    const message = git(['log', '-1', '--format=%B']);
    assert.match(message, new RegExp(`^Criterion: ${TARGET.replace('.', '\\.')}$`, 'm'));
    const sha = createHash('sha256').update(content).digest('hex');
    const hashLine = message.split('\n').find((l) => l.startsWith('Evidence-SHA256:'));
    assert.ok(hashLine, `an Evidence-SHA256 trailer in:\n${message}`);
    assert.ok(hashLine.includes(sha), 'the trailer carries the SHA-256 of the file');
    assert.ok(hashLine.normalize('NFC').endsWith(path.posix.basename(changed[0]).normalize('NFC')), 'and names the file');
    assert.equal(git(['status', '--porcelain', '--', 'evidence']).trim(), '', 'nothing left uncommitted');

    const state = () => allCriteria(api.services.store.entries[0].loaded.model).find((c) => c.id === TARGET)?.state;
    await waitFor(() => state() === 'committed', `${TARGET} committed in the model`);
    const leaf = flatten(await walk(api.trees.evidence)).find((s) => s.node.kind === 'criterion' && s.node.criterionId === TARGET)!;
    assert.equal(iconOf(leaf.item), 'pass-filled');
    assert.deepEqual(flatten(leaf.children).filter((s) => s.node.kind === 'file').map((s) => `evidence/${s.node.filePath}`), changed);
    await fs.rm(outside, { recursive: true, force: true });
  });
});
