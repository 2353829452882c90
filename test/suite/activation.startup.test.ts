// What happens on activation, in order: no workspace-wide search before the first model when the folder's
// top holds criteria.yaml, no Git call twice for one state, and the cached model shown before the fresh one.
// Runs right after activation.test.js (file order), before any other suite changes the workspace.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { cacheFileName } from '../../src/core/workspace/modelCache';
import type { ReformEvidenceApi } from '../../src/extension/extension';
import { ModelStore } from '../../src/extension/model/modelStore';
import { extensionApi, waitFor, workspaceDir } from './treeHelpers';

let api: ReformEvidenceApi;

describe('activation order and the model cache', function () {
  this.timeout(60_000);

  before(async () => {
    api = await extensionApi();
  });

  it('loads the top criteria.yaml before any workspace-wide search, and searches for others after', async () => {
    const { stats } = api.services.store;
    assert.ok(stats.firstModelAt !== undefined, 'a first model was published');
    assert.equal(stats.searchesBeforeFirstModel, 0, 'findFiles calls before the first model');
    await waitFor(() => stats.searches >= 1, 'the search for other criteria files after the first model');
  });

  it('runs no Git command twice for one state on activation (the listing starts once)', async () => {
    const { stats } = api.services.store;
    // Long enough for the .git events of our own listing (800 ms debounce) to have been handled.
    await new Promise((r) => setTimeout(r, 2500));
    const dir = workspaceDir();
    const until = stats.firstModelAt! + 2500;
    const ours = api.gitCommandLog().filter((c) => c.at <= until && (c.cwd === dir || c.cwd.startsWith(dir + path.sep)));
    assert.ok(ours.length > 0, 'the listing ran Git');
    const seen = new Map<string, number>();
    for (const c of ours) seen.set(`${c.cwd}\u0000${c.args.join(' ')}`, (seen.get(`${c.cwd}\u0000${c.args.join(' ')}`) ?? 0) + 1);
    const twice = [...seen].filter(([, n]) => n > 1).map(([k, n]) => `${n}× git ${k.split('\u0000')[1]}`);
    assert.deepEqual(twice, [], `Git commands run more than once: ${twice.join('; ')}`);
  });

  it('keeps the last model in the workspace storage, never in the repository, and shows it before the fresh one', async () => {
    const { store } = api.services;
    const storage = api.services.context.storageUri?.fsPath;
    assert.ok(storage, 'a workspace storage folder');
    assert.ok(!storage.startsWith(workspaceDir() + path.sep), 'the storage lies outside the workspace folder');
    const entry = store.entries[0];
    await waitFor(() => store.stats.cacheWrites >= 1, 'the cache to be written');
    assert.ok(existsSync(path.join(storage, cacheFileName(entry.uri.fsPath))));

    // A second store on the same storage stands for the next opening of the window.
    const log = vscode.window.createOutputChannel('Reform Evidence (test store)', { log: true });
    const next = new ModelStore(log, { storageDir: storage, version: String(vscode.extensions.getExtension('reform-evidence.reform-evidence')!.packageJSON.version) });
    try {
      let previewSeen = false;
      next.onDidChange(() => {
        if (next.showingPreview) previewSeen = true;
      });
      await next.whenReady();
      assert.equal(next.stats.cache, 'hit');
      assert.ok(previewSeen, 'the cached model was shown');
      assert.ok(next.stats.previewAt! <= next.stats.firstModelAt!, 'before the fresh model');
      assert.equal(next.showingPreview, false, 'replaced by the fresh model');
      assert.deepEqual(next.shownEntries[0].loaded.model.totals, entry.loaded.model.totals);
    } finally {
      next.dispose();
      log.dispose();
    }
  });
});
