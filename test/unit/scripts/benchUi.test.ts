// The UI bench's reading of VS Code's logs (bench/ui.mjs hostTimeline) and its reference extension
// (referenceExtension): the floor it reports is only as good as these.
import * as assert from 'node:assert/strict';
import { readFileSync, utimesSync } from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { cleanupTempDirs, git, initRepo, tempDir, writeFiles } from '../helpers';

const root = path.resolve(__dirname, '../../../..');

interface Timeline {
  launched?: number;
  started?: number;
  eagerDone?: number;
  activations: { at: number; id: string; startup: boolean; event: string }[];
  git: { by: string; at: number; ms?: number; args: string }[];
}
interface BenchUi {
  hostTimeline(sandbox: { userData: string }, readyAt: number, ourGit?: { at: string; args: string }[]): Timeline;
  referenceExtension(sandbox: { dir: string }, activation: 'ours' | 'star'): { id: string; path: string; container: string; channel: string; reference: boolean };
}
// bench/ui.mjs is an ES module; the tests compile to CommonJS, where `import()` would become `require()`.
const importEsm = new Function('url', 'return import(url)') as (url: string) => Promise<BenchUi>;
const benchUi = (): Promise<BenchUi> => importEsm(pathToFileURL(path.join(root, 'bench/ui.mjs')).href);

/** A log line as code-server writes it (local time). */
function line(at: Date, text: string): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${at.getFullYear()}-${p(at.getMonth() + 1)}-${p(at.getDate())} ${p(at.getHours())}:${p(at.getMinutes())}:${p(at.getSeconds())}.${p(at.getMilliseconds(), 3)} ${text}`;
}

describe('bench/ui.mjs', () => {
  afterEach(() => cleanupTempDirs());

  it('hostTimeline reads the last server session only, in ms from the workbench ready, with both extensions’ Git calls in order', async () => {
    const { hostTimeline } = await benchUi();
    const userData = tempDir('re-bench-ui-');
    const ready = new Date(2026, 10, 30, 21, 0, 0, 0).getTime();
    const at = (ms: number) => new Date(ready + ms);
    writeFiles(userData, {
      'logs/20261130T210000/remoteagent.log': line(at(400), '[info] [127.0.0.1][x][ExtensionHostConnection] <42> Launched Extension Host Process.\n'),
      'logs/20261130T210000/exthost1/remoteexthost.log': [
        line(at(4_000), '[info] Extension host with pid 42 started'),
        line(at(5_000), "[info] ExtensionService#_doActivateExtension bench.floor-reference-ours, startup: false, activationEvent: 'onView:floorReference_ours.rows'"),
        line(at(6_000), "[info] ExtensionService#_doActivateExtension vscode.git-base, startup: true, activationEvent: '*', root cause: vscode.git"),
        line(at(9_000), '[info] Eager extensions activated'),
        '',
      ].join('\n'),
      'logs/20261130T210000/exthost1/vscode.git/Git.log': [line(at(20_000), '[info] > git status -z -uall [12000ms]'), line(at(21_000), '[info] > git rev-parse --show-toplevel [10ms]'), ''].join('\n'),
    });
    // An earlier window's Git log, written last (the newest file of that name on disk): must not be read.
    const stale = path.join(userData, 'logs/20261130T205000/exthost1/vscode.git/Git.log');
    writeFiles(userData, { 'logs/20261130T205000/exthost1/vscode.git/Git.log': line(at(-60_000), '[info] > git status -z -uall [99999ms]\n') });
    utimesSync(stale, new Date(Date.now() + 60_000), new Date(Date.now() + 60_000));
    const t = hostTimeline({ userData }, ready, [{ at: at(7_500).toISOString(), args: 'ls-files -z -- evidence' }]);
    assert.equal(t.launched, 400);
    assert.equal(t.started, 4_000);
    assert.equal(t.eagerDone, 9_000);
    assert.deepEqual(t.activations, [
      { at: 5_000, id: 'bench.floor-reference-ours', startup: false, event: 'onView:floorReference_ours.rows' },
      { at: 6_000, id: 'vscode.git-base', startup: true, event: '*' },
    ]);
    // Git's log line comes when a command ends: it started its duration earlier.
    assert.deepEqual(t.git, [
      { by: 'ours', at: 7_500, args: 'ls-files -z -- evidence' },
      { by: 'vscode.git', at: 8_000, ms: 12_000, args: 'status -z -uall' },
      { by: 'vscode.git', at: 20_990, ms: 10, args: 'rev-parse --show-toplevel' },
    ]);
  });

  it('referenceExtension: our activation events or *, a view of its own that answers one row and marks it once', async () => {
    const { referenceExtension } = await benchUi();
    const dir = tempDir('re-bench-ref-');
    const ours = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { activationEvents: string[] };
    for (const activation of ['ours', 'star'] as const) {
      const ext = referenceExtension({ dir }, activation);
      const manifest = JSON.parse(readFileSync(path.join(ext.path, 'package.json'), 'utf8')) as {
        activationEvents: string[];
        contributes: { viewsContainers: { activitybar: { id: string; title: string }[] }; views: Record<string, { id: string }[]> };
      };
      assert.deepEqual(manifest.activationEvents, activation === 'star' ? ['*'] : ours.activationEvents);
      const container = manifest.contributes.viewsContainers.activitybar[0];
      assert.equal(container.title, ext.container);
      const view = manifest.contributes.views[container.id][0].id;
      assert.equal(ext.id, `bench.floor-reference-${activation}`);

      // Its extension.js against a stub `vscode`: the provider answers one row at once and logs its marks.
      const logged: string[] = [];
      let provider: { getChildren(item?: unknown): unknown[] } | undefined;
      let viewId = '';
      class TreeItem {
        constructor(readonly label: string) {}
      }
      const vscode = {
        TreeItem,
        window: {
          createOutputChannel: () => ({ info: (s: string) => logged.push(s), dispose: () => undefined }),
          createTreeView: (id: string, options: { treeDataProvider: typeof provider }) => ((viewId = id), (provider = options.treeDataProvider), { dispose: () => undefined }),
        },
      };
      const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
      const load = loader._load;
      loader._load = (request: string, ...rest: unknown[]) => (request === 'vscode' ? vscode : load.call(Module, request, ...rest));
      try {
        const main = path.join(ext.path, 'extension.js');
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const mod = require(main) as { activate(context: { subscriptions: unknown[] }): void };
        mod.activate({ subscriptions: [] });
      } finally {
        loader._load = load;
      }
      assert.equal(viewId, view);
      const rows = provider!.getChildren();
      assert.equal(rows.length, 1);
      assert.ok(rows[0] instanceof TreeItem);
      assert.deepEqual(provider!.getChildren(rows[0]), []);
      provider!.getChildren();
      const marks = logged.map((s) => (JSON.parse(s.slice('[trace] '.length)) as { mark: string }).mark);
      assert.deepEqual(marks, ['activate', 'e: first rows']);
    }
  });

  it('referenceExtension: with a folder open, lists it as bench/floor.cjs does (our events: its pipe; *: a file) and logs when done', async () => {
    const { referenceExtension } = await benchUi();
    const repo = initRepo();
    writeFiles(repo, { 'evidence/a.pdf': 'a', 'evidence/sub/b.pdf': 'b', 'other.txt': 'x' });
    git(repo, 'add', 'evidence/a.pdf', 'other.txt');
    git(repo, 'commit', '-qm', 'one');
    for (const activation of ['ours', 'star'] as const) {
      const ext = referenceExtension({ dir: tempDir('re-bench-ref-') }, activation);
      const logged: { mark: string; files?: number; code?: number; via?: string }[] = [];
      const vscode = {
        TreeItem: class {},
        workspace: { workspaceFolders: [{ uri: { scheme: 'file', fsPath: repo } }] },
        window: {
          createOutputChannel: () => ({ info: (s: string) => logged.push(JSON.parse(s.slice('[trace] '.length)) as { mark: string }), dispose: () => undefined }),
          createTreeView: () => ({ dispose: () => undefined }),
        },
      };
      const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
      const load = loader._load;
      loader._load = (request: string, ...rest: unknown[]) => (request === 'vscode' ? vscode : load.call(Module, request, ...rest));
      try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        (require(path.join(ext.path, 'extension.js')) as { activate(context: { subscriptions: unknown[] }): void }).activate({ subscriptions: [] });
      } finally {
        loader._load = load;
      }
      for (let i = 0; i < 200 && !logged.some((m) => m.mark === 'floor: listed'); i++) await new Promise((resolve) => setTimeout(resolve, 50));
      assert.deepEqual(logged.map((m) => m.mark), ['activate', 'floor: listing started', 'floor: listed']);
      const listed = logged[2];
      // The evidence folder's files, tracked and untracked; nothing outside it.
      assert.equal(listed.files, 2);
      assert.equal(listed.code, 0);
      assert.equal(listed.via, activation === 'star' ? 'file' : 'pipe');
    }
  });
});
