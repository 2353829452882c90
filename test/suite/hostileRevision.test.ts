// A hostile revision typed in "Another revision…" of Compare Criteria File (issue 15, item 1), in the real VS Code.
// Driving the quick pick and the input box is not practical from the extension host, so the command is called with
// the revision as its second argument: the value the input box returns reaches the same code from there.
// The Git documents the history opens (reform-evidence-git:) are checked the same way: their URI is anyone's to write.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ReformEvidenceApi } from '../../src/extension/extension';
import { extensionApi, workspaceDir } from './treeHelpers';

function git(args: string[]): string {
  return execFileSync('git', args, { cwd: workspaceDir(), encoding: 'utf8' });
}

describe('Hostile revisions in the extension', function () {
  this.timeout(60_000);
  let api: ReformEvidenceApi;
  let shown: string[];
  let restore: () => void;

  before(async () => {
    api = await extensionApi();
    await api.services.store.whenReady();
  });

  beforeEach(() => {
    // The extension and this suite share the `vscode` API object: its error notifications are recorded here.
    shown = [];
    const window = vscode.window as { showErrorMessage: (...args: unknown[]) => Thenable<unknown>; showWarningMessage: (...args: unknown[]) => Thenable<unknown> };
    const error = window.showErrorMessage;
    const warning = window.showWarningMessage;
    window.showErrorMessage = (message: unknown) => {
      shown.push(String(message));
      return Promise.resolve(undefined);
    };
    window.showWarningMessage = (message: unknown) => {
      shown.push(String(message));
      return Promise.resolve(undefined);
    };
    restore = () => {
      window.showErrorMessage = error;
      window.showWarningMessage = warning;
    };
  });

  afterEach(() => restore());

  it('Compare Criteria File with a revision spelled as a Git option writes nothing and says the revision is unknown', async () => {
    const entry = api.services.store.entries[0];
    const outside = mkdtempSync(path.join(os.tmpdir(), 're-hostile-rev-'));
    const head = git(['rev-parse', 'HEAD']);
    const status = git(['status', '--porcelain']);
    for (const rev of [`--output=${path.join(outside, 'x')}`, `-o${path.join(outside, 'y')}`, `--exec=touch ${path.join(outside, 'z')}`, 'nope']) {
      const before = vscode.workspace.textDocuments.length;
      await vscode.commands.executeCommand('reformEvidence.diffCriteria', { entryUri: entry.uri.toString() }, rev);
      assert.deepEqual(readdirSync(outside), [], `${rev}: no file written`);
      assert.equal(shown.length, 1, `${rev}: one notification: ${JSON.stringify(shown)}`);
      assert.ok(shown[0].includes(`Unknown revision "${rev}"`), `${rev}: a clear error: ${shown[0]}`);
      assert.equal(vscode.workspace.textDocuments.length, before, `${rev}: no diff document opened`);
      shown = [];
    }
    assert.equal(git(['rev-parse', 'HEAD']), head, 'no commit');
    assert.equal(git(['status', '--porcelain']), status, 'the work tree is unchanged');
  });

  it('Review Changes Against… with a revision spelled as a Git option writes nothing and says the revision is unknown', async () => {
    const entry = api.services.store.entries[0];
    const outside = mkdtempSync(path.join(os.tmpdir(), 're-hostile-review-'));
    const status = git(['status', '--porcelain']);
    for (const rev of [`--output=${path.join(outside, 'x')}`, `-o${path.join(outside, 'y')}`, 'nope']) {
      const before = vscode.workspace.textDocuments.length;
      await vscode.commands.executeCommand('reformEvidence.reviewChanges', { entryUri: entry.uri.toString() }, rev);
      assert.deepEqual(readdirSync(outside), [], `${rev}: no file written`);
      assert.equal(shown.length, 1, `${rev}: one notification: ${JSON.stringify(shown)}`);
      assert.ok(shown[0].includes(`Unknown revision "${rev}"`), `${rev}: a clear error: ${shown[0]}`);
      assert.equal(vscode.workspace.textDocuments.length, before, `${rev}: no review opened`);
      shown = [];
    }
    assert.equal(git(['status', '--porcelain']), status, 'the work tree is unchanged');
  });

  it('the same command with a real revision opens the diff (the control)', async () => {
    const entry = api.services.store.entries[0];
    await vscode.commands.executeCommand('reformEvidence.diffCriteria', { entryUri: entry.uri.toString() }, 'HEAD');
    assert.deepEqual(shown, []);
    const document = vscode.window.activeTextEditor?.document;
    assert.ok(document?.getText().includes('HEAD → '), `the diff against HEAD is shown: ${document?.getText().slice(0, 200)}`);
  });

  it('a reform-evidence-git document whose URI names a repository outside the workspace is refused; a hostile revision reads nothing', async () => {
    const elsewhere = mkdtempSync(path.join(os.tmpdir(), 're-elsewhere-'));
    execFileSync('git', ['init', '-q'], { cwd: elsewhere });
    const uri = (top: string, ref: string, file: string) => vscode.Uri.from({ scheme: 'reform-evidence-git', path: '/' + file, query: JSON.stringify({ top, ref }) });
    await assert.rejects(Promise.resolve(vscode.workspace.openTextDocument(uri(elsewhere, 'HEAD', 'x'))), /not a repository of the open workspace folders/);
    const marker = path.join(elsewhere, 'written');
    const hostile = await vscode.workspace.openTextDocument(uri(workspaceDir(), `--output=${marker}`, 'criteria.yaml'));
    assert.equal(hostile.getText(), '', 'nothing read');
    assert.equal(existsSync(marker), false, 'nothing written');
    const real = await vscode.workspace.openTextDocument(uri(workspaceDir(), 'HEAD', 'criteria.yaml'));
    assert.match(real.getText(), /reformEvidence: 1/, 'the control: the committed criteria file');
  });
});
