// Restricted mode and the model cache: reading and writing it is allowed (it lies in the extension's workspace
// storage, outside the repository, and reading its key reads .git/HEAD and the index's mtime as files, without
// running Git); the key holds the trust, so a model listed with Git is never shown in an untrusted window.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { cacheFileName } from '../../src/core/workspace/modelCache';
import type { ReformEvidenceApi } from '../../src/extension/extension';
import { ModelStore } from '../../src/extension/model/modelStore';
import { extensionApi, waitFor, workspaceDir } from './treeHelpers';

let api: ReformEvidenceApi;

describe('the model cache in restricted mode', function () {
  this.timeout(60_000);

  before(async () => {
    api = await extensionApi();
  });

  it('keeps the folder-walk model in the workspace storage and shows it on the next opening, without Git', async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    const { store } = api.services;
    const storage = api.services.context.storageUri?.fsPath;
    assert.ok(storage && !storage.startsWith(workspaceDir() + path.sep), 'the storage lies outside the workspace folder');
    await waitFor(() => store.stats.cacheWrites >= 1, 'the cache to be written');
    assert.ok(existsSync(path.join(storage, cacheFileName(store.entries[0].uri.fsPath))));

    const log = vscode.window.createOutputChannel('Reform Evidence (restricted test store)', { log: true });
    const next = new ModelStore(log, { storageDir: storage, version: String(vscode.extensions.getExtension('reform-evidence.reform-evidence')!.packageJSON.version) });
    try {
      let previewGit: boolean | undefined;
      next.onDidChange(() => {
        if (next.showingPreview) previewGit = next.shownEntries[0].loaded.model.git;
      });
      await next.whenReady();
      assert.equal(next.stats.cache, 'hit');
      assert.equal(previewGit, false, 'the cached model shown is the folder walk of restricted mode');
      assert.equal(api.gitProcessCount(), 0, 'no Git process in restricted mode');
    } finally {
      next.dispose();
      log.dispose();
    }
  });
});
