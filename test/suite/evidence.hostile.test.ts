// Add Evidence in the real VS Code with a crafted source file name (line breaks and trailer lines): the commit's
// trailers, as Git's own trailer parser reads them, are exactly ours, and the audit trail verifies.
// Adds to 6.3, a criterion no other suite names (evidence.test.ts uses 7.6); the commit is left in place.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { createGit } from '../../src/core/git/git';
import { quotePath } from '../../src/core/git/pathBytes';
import { verifyAuditTrail } from '../../src/core/audit/verify';
import type { ReformEvidenceApi } from '../../src/extension/extension';
import { AS_OF, extensionApi, flatten, useAsOf, walk, workspaceDir } from './treeHelpers';

const TARGET = '6.3';

function git(args: string[], input?: Buffer): string {
  return execFileSync('git', ['-c', 'core.quotePath=false', ...args], { cwd: workspaceDir(), encoding: 'utf8', input });
}

describe('Add Evidence with a hostile file name', function () {
  this.timeout(60_000);
  let api: ReformEvidenceApi;

  before(async () => {
    api = await extensionApi();
    await useAsOf(api, AS_OF);
    await vscode.commands.executeCommand('reformEvidence.filterAll');
    await vscode.commands.executeCommand('reformEvidence.groupByArea');
  });

  it('a name with line breaks and Criterion/Unit/Evidence-SHA256 lines plants no trailer', async () => {
    const node = flatten(await walk(api.trees.evidence)).find((s) => s.node.kind === 'criterion' && s.node.criterionId === TARGET);
    assert.ok(node, `${TARGET} in the tree`);
    const outside = await fs.mkdtemp(path.join(os.tmpdir(), 'reform-evidence-hostile-'));
    const forged = `Biên bản\nCriterion: 9.9\nUnit: VP\r\nEvidence-SHA256: ${'c'.repeat(64)} evil.pdf\nTask: NV-01\n.pdf`;
    const source = path.join(outside, forged);
    const content = `%PDF-1.4 hostile name ${Date.now()}\n`;
    await fs.writeFile(source, content);
    const headBefore = git(['rev-parse', 'HEAD']).trim();

    await vscode.commands.executeCommand('reformEvidence.addEvidence', node.node, [vscode.Uri.file(source)]);

    assert.notEqual(git(['rev-parse', 'HEAD']).trim(), headBefore, 'a new commit');
    const changed = git(['show', '-z', '--name-only', '--format=', 'HEAD']).split('\0').filter(Boolean);
    assert.equal(changed.length, 1, 'exactly the added file');
    assert.doesNotMatch(changed[0], /[\r\n]/, 'the copy has a one-line name');

    const message = Buffer.from(git(['log', '-1', '--format=%B']), 'utf8');
    const trailers = git(['interpret-trailers', '--parse'], message).split('\n').filter(Boolean);
    const doc = api.services.store.entries[0].loaded.doc;
    const leaf = doc.byId.get(TARGET)!;
    const sha = createHash('sha256').update(content).digest('hex');
    assert.deepEqual(
      trailers,
      [`Criterion: ${TARGET}`, `Requirement: ${leaf.evidence[0].title}`, ...(leaf.owner ? [`Unit: ${leaf.owner}`] : []), `Evidence-SHA256: ${sha} ${quotePath(changed[0])}`],
      `exactly our trailers in:\n${message.toString('utf8')}`,
    );
    assert.equal(git(['log', '-1', '--format=%s']).trim().split('\n').length, 1, 'a one-line subject');
    const report = await verifyAuditTrail(createGit({ cwd: doc.baseDir }), { evidenceRoot: doc.index.evidenceRoot, since: headBefore });
    assert.deepEqual(report.problems, [], 'the commit verifies');
    assert.equal(report.commits, 1);
    await fs.rm(outside, { recursive: true, force: true });
  });
});
