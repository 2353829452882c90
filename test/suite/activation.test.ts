// Runs inside the real extension host (code-server or desktop VS Code), not in plain mocha.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'reform-evidence.reform-evidence';

describe('extension activation', () => {
  it('is installed (loaded from extensionDevelopmentPath)', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not among ${vscode.extensions.all.length} loaded extensions`);
  });

  it('activates without throwing', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    await ext.activate();
    assert.equal(ext.isActive, true);
  });

  it('registers the reformEvidence.refresh command', async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('reformEvidence.refresh'), 'reformEvidence.refresh is registered');
  });
});
