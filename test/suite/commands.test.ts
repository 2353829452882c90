// Every command of the extension once in the real VS Code (trusted workspace), the status bar and the
// dashboard host's file opening, asserting what each one does: files, settings, clipboard, Git, what opened.
//
// Questions the commands ask (quick picks, input boxes, the save dialog, notification buttons) are answered by
// replacing those functions of `vscode.window` for the duration of one test (`answering`): the extension and
// this suite share one `vscode` API object in the extension host. The rendered pickers are the UI tier's job.
import * as assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import picomatch from 'picomatch';
import * as vscode from 'vscode';
import type { ProgressPoint } from '../../src/core/history/progress';
import { progressView } from '../../src/core/report/progressChart';
import { starterCriteria } from '../../src/extension/commands/starterCriteria';
import type { ReformEvidenceApi } from '../../src/extension/extension';
import type { CriteriaEntry } from '../../src/extension/model/modelStore';
import { allCriteria, AS_OF, closeAllEditors, extensionApi, runCli, useAsOf, waitFor, workspaceDir } from './treeHelpers';

type Answer = (...args: any[]) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any
type Asked = 'showQuickPick' | 'showInputBox' | 'showSaveDialog' | 'showInformationMessage' | 'showWarningMessage' | 'showErrorMessage';

interface Call {
  fn: Asked;
  args: unknown[];
}

/** Runs `body` with the given window functions replaced; every call (answered or not) is recorded. */
async function answering<T>(answers: Partial<Record<Asked, Answer>>, body: (calls: Call[]) => Promise<T>): Promise<T> {
  const win = vscode.window as unknown as Record<Asked, Answer>;
  const names: Asked[] = ['showQuickPick', 'showInputBox', 'showSaveDialog', 'showInformationMessage', 'showWarningMessage', 'showErrorMessage'];
  const saved = new Map(names.map((n) => [n, win[n]]));
  const calls: Call[] = [];
  for (const n of names) {
    win[n] = async (...args: unknown[]) => {
      calls.push({ fn: n, args });
      return answers[n] ? answers[n](...args) : undefined;
    };
  }
  assert.notEqual(vscode.window.showQuickPick, saved.get('showQuickPick'), 'the window functions can be replaced in this host');
  try {
    return await body(calls);
  } finally {
    for (const n of names) win[n] = saved.get(n)!;
  }
}

interface Executed {
  command: string;
  args: unknown[];
}

/** Records every `vscode.commands.executeCommand` (the extension's own included) while `body` runs. */
async function recordingCommands<T>(body: (executed: Executed[]) => Promise<T>): Promise<T> {
  const commands = vscode.commands as unknown as { executeCommand: (command: string, ...args: unknown[]) => Thenable<unknown> };
  const original = commands.executeCommand;
  const executed: Executed[] = [];
  commands.executeCommand = (command: string, ...args: unknown[]) => {
    executed.push({ command, args });
    return original.call(vscode.commands, command, ...args);
  };
  try {
    return await body(executed);
  } finally {
    commands.executeCommand = original;
  }
}

function git(args: string[], cwd = workspaceDir()): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' } });
}

/** Picks the quick pick item for which `match` holds (items may be a promise). */
function pick(match: (item: any) => boolean): Answer { // eslint-disable-line @typescript-eslint/no-explicit-any
  return async (items: unknown) => ((await items) as unknown[]).find(match);
}

function messages(calls: Call[], fn: Asked): string[] {
  return calls.filter((c) => c.fn === fn).map((c) => String(c.args[0]));
}

function openTabUris(): string[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => {
    const input = t.input as { uri?: vscode.Uri; modified?: vscode.Uri; viewType?: string } | undefined;
    return input?.uri?.toString() ?? input?.modified?.toString() ?? input?.viewType ?? t.label;
  });
}

let api: ReformEvidenceApi;
let entry: CriteriaEntry;

function evidenceRoot(): string {
  return path.join(workspaceDir(), 'evidence');
}

function criteriaFile(): string {
  return path.join(workspaceDir(), 'criteria.yaml');
}

/** A new evidence file for a criterion the example leaves missing (removed again by the test). */
async function writeEvidence(relative: string, content: string): Promise<string> {
  const file = path.join(evidenceRoot(), ...relative.split('/'));
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, content);
  return file;
}

describe('Commands, status bar and dashboard host in the real VS Code', function () {
  this.timeout(90_000);

  before(async () => {
    api = await extensionApi();
    await useAsOf(api, AS_OF);
    await vscode.commands.executeCommand('reformEvidence.filterAll');
    entry = api.services.store.entries[0];
  });

  afterEach(async () => {
    await closeAllEditors();
  });

  describe('status bar', () => {
    it('shows the score of the criteria file and opens the dashboard when clicked', async () => {
      const { statusBar, panel } = api.dashboard;
      const totals = api.services.store.entries[0].loaded.model.totals;
      assert.equal(statusBar.visible, true);
      assert.equal(statusBar.item.text, `$(checklist) PAR ${totals.secured}/${totals.max} · ${totals.criteria - totals.complete} lacking`);
      assert.equal(statusBar.item.command, 'reformEvidence.openDashboard');
      assert.equal(panel.webviewPanel, undefined, 'no dashboard before the click');
      await vscode.commands.executeCommand(statusBar.item.command);
      await waitFor(() => openTabUris().some((u) => u.includes('reformEvidence.dashboard')), 'a dashboard tab');
      assert.equal((panel.webviewPanel as vscode.WebviewPanel | undefined)?.viewType, 'reformEvidence.dashboard');
    });

    it('is hidden without a criteria file; Create Starter Criteria File writes one, which it then shows', async () => {
      const original = criteriaFile();
      const aside = path.join(os.tmpdir(), `criteria-aside-${Date.now()}.yaml`);
      const originalId = entry.loaded.model.index.id;
      await fs.copyFile(original, aside);
      await fs.rm(original);
      try {
        await waitFor(() => api.services.store.entries.length === 0, 'no criteria file loaded');
        await waitFor(() => !api.dashboard.statusBar.visible, 'the status bar item hidden');

        const year = new Date().getFullYear();
        await answering({}, async (calls) => {
          await vscode.commands.executeCommand('reformEvidence.createStarterCriteria');
          assert.deepEqual(messages(calls, 'showErrorMessage'), []);
        });
        assert.equal(await fs.readFile(original, 'utf8'), starterCriteria(year), 'the starter file written');
        assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, original, 'and opened');
        await waitFor(() => api.services.store.entries[0]?.loaded.model.index.id === `chi-so-cchc-${year}`, 'the starter file loaded');
        await waitFor(() => api.dashboard.statusBar.visible, 'the status bar item shown again');
        const t = api.services.store.entries[0].loaded.model.totals;
        assert.equal(t.max, 5, 'the starter index is worth 5 points');
        assert.equal(api.dashboard.statusBar.item.text, `$(checklist) PAR ${t.secured}/5 · ${t.criteria - t.complete} lacking`);
      } finally {
        await closeAllEditors();
        await fs.copyFile(aside, original);
        await fs.rm(aside, { force: true });
        await waitFor(() => api.services.store.entries[0]?.loaded.model.index.id === originalId, 'the example loaded again');
        await useAsOf(api, AS_OF);
        entry = api.services.store.entries[0];
      }
      assert.equal(git(['status', '--porcelain']).trim(), '', 'the example is back as committed');
    });

    it('Create Starter Criteria File never overwrites an existing criteria file', async () => {
      const before = await fs.readFile(criteriaFile());
      const info = await answering({}, async (calls) => {
        await vscode.commands.executeCommand('reformEvidence.createStarterCriteria');
        return messages(calls, 'showInformationMessage');
      });
      assert.deepEqual(await fs.readFile(criteriaFile()), before, 'the file is unchanged');
      assert.deepEqual(info, ['criteria.yaml already exists: it was opened, not overwritten.']);
      assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, criteriaFile(), 'the existing file is opened');
    });
  });

  describe('dashboard host', () => {
    it('posts the weeks after the figures: exactly what `history --json --every week` gives, for the shown entry', async () => {
      await vscode.commands.executeCommand('reformEvidence.openDashboard');
      const panel = api.dashboard.panel;
      await waitFor(() => panel.webviewPanel !== undefined, 'the dashboard open');
      // The page says ready when it loads; saying it again here makes the host send everything once more.
      await panel.receive({ type: 'ready' });
      const posted = panel.lastProgress;
      assert.ok(posted, 'the weeks were posted');
      assert.equal(posted.entryUri, panel.entryUri);
      const out = runCli(['history', path.dirname(vscode.Uri.parse(posted.entryUri).fsPath), '--json', '--every', 'week', '--to', AS_OF]);
      const points = (JSON.parse(out) as { points: ProgressPoint[] }).points;
      assert.deepEqual(posted.progress, progressView(points));
      // The workspace has two commits (criteria, then evidence) inside these weeks: a chart, not a note.
      assert.equal(posted.progress.kind, 'chart');
    });

    it('opens only files inside the evidence folder, whatever the page asks', async () => {
      const entryUri = entry.uri.toString();
      const inside = allCriteria(entry.loaded.model).find((c) => c.id === '1.1.1')!.requirements[0].files[0].path;
      const linkDir = path.join(evidenceRoot(), 'Liên kết');
      const outsideFile = path.join(os.tmpdir(), `outside-${Date.now()}.pdf`);
      await fs.writeFile(outsideFile, '%PDF-1.4 outside\n');
      await fs.mkdir(linkDir, { recursive: true });
      await fs.symlink(outsideFile, path.join(linkDir, 'link-out.pdf'));
      await fs.symlink('/etc', path.join(linkDir, 'etc'));
      const crafted = [
        '../../etc/passwd',
        '../criteria.yaml',
        '..',
        '.',
        '/etc/passwd',
        outsideFile,
        'file:///etc/passwd',
        'command:workbench.action.reloadWindow',
        'command:reformEvidence.setMyUnit',
        'Liên kết/link-out.pdf',
        'Liên kết/etc/passwd',
        '1 Chỉ đạo điều hành/không có.pdf',
        `${inside.split('/')[0]}/../../criteria.yaml`,
      ];
      try {
        await answering({}, async (calls) =>
          recordingCommands(async (executed) => {
            const tabsBefore = openTabUris();
            for (const p of crafted) await api.dashboard.panel.receive({ type: 'openFile', entryUri, path: p });
            await api.dashboard.panel.receive({ type: 'openFile', entryUri: vscode.Uri.file('/etc/passwd').toString(), path: 'passwd' });
            await api.dashboard.panel.receive({ type: 'command', command: 'setMyUnit' });
            await new Promise((r) => setTimeout(r, 500));
            assert.deepEqual(executed, [], 'no command ran for a crafted message');
            assert.deepEqual(openTabUris(), tabsBefore, 'nothing opened');
            assert.deepEqual(calls, [], 'no dialog or notification');

            // The control: a real evidence file opens.
            await api.dashboard.panel.receive({ type: 'openFile', entryUri, path: inside });
            assert.deepEqual((executed as Executed[]).map((e) => [e.command, (e.args[0] as vscode.Uri).fsPath]), [['vscode.open', path.join(evidenceRoot(), ...inside.split('/'))]]);
          }),
        );
      } finally {
        await fs.rm(linkDir, { recursive: true, force: true });
        await fs.rm(outsideFile, { force: true });
      }
    });
  });

  describe('commands', () => {
    it('Copy Criterion Id puts the id on the clipboard', async () => {
      await vscode.env.clipboard.writeText('before');
      await vscode.commands.executeCommand('reformEvidence.copyCriterionId', { kind: 'criterion', entryUri: entry.uri.toString(), criterionId: '2.2.3' });
      assert.equal(await vscode.env.clipboard.readText(), '2.2.3');
      await vscode.commands.executeCommand('reformEvidence.copyCriterionId', { kind: 'task', entryUri: entry.uri.toString(), taskId: entry.loaded.model.tasks[0].id });
      assert.equal(await vscode.env.clipboard.readText(), entry.loaded.model.tasks[0].id);
    });

    it('Set My Unit writes the user settings, never the repository', async () => {
      const status = git(['status', '--porcelain', '--ignored']);
      const config = () => vscode.workspace.getConfiguration('reformEvidence').inspect<string>('myUnit');
      try {
        const offered = await answering({ showQuickPick: pick((i) => i.description === 'VP') }, async (calls) => {
          assert.equal(await vscode.commands.executeCommand('reformEvidence.setMyUnit'), 'VP');
          return (await (calls.find((c) => c.fn === 'showQuickPick')!.args[0] as Promise<vscode.QuickPickItem[]>)).map((i) => i.description);
        });
        assert.deepEqual(offered, [...entry.loaded.model.byUnit.map((u) => u.id), ''], 'every unit of the criteria file, and "No unit"');
        assert.equal(config()?.globalValue, 'VP');
        assert.equal(config()?.workspaceValue, undefined);
        assert.equal(config()?.workspaceFolderValue, undefined);
        assert.equal(git(['status', '--porcelain', '--ignored']), status, 'the repository is unchanged');
        await assert.rejects(fs.stat(path.join(workspaceDir(), '.vscode')), 'no .vscode folder');
      } finally {
        await vscode.workspace.getConfiguration('reformEvidence').update('myUnit', undefined, vscode.ConfigurationTarget.Global);
      }
    });

    it('Filter… applies the filter picked', async () => {
      try {
        await answering({ showQuickPick: pick((i) => i.filter === 'overdue') }, async (calls) => {
          await vscode.commands.executeCommand('reformEvidence.filter');
          assert.equal(calls.filter((c) => c.fn === 'showQuickPick').length, 1);
        });
        assert.equal(api.trees.options.filter, 'overdue');
      } finally {
        await vscode.commands.executeCommand('reformEvidence.filterAll');
      }
      assert.equal(api.trees.options.filter, 'all');
    });

    it('Reveal in Explorer and Open Evidence Folder reveal the file and the folder of the requirement', async () => {
      const leaf = allCriteria(entry.loaded.model).find((c) => c.id === '1.1.1')!;
      const file = path.join(evidenceRoot(), ...leaf.requirements[0].files[0].path.split('/'));
      const glob = leaf.requirements[0].path;
      const folder = path.join(evidenceRoot(), ...picomatch.scan(glob).base.split('/'));
      await fs.stat(folder);
      const revealed = await recordingCommands(async (executed) => {
        await vscode.commands.executeCommand('reformEvidence.revealInExplorer', { kind: 'file', entryUri: entry.uri.toString(), criterionId: '1.1.1', fileUri: vscode.Uri.file(file).toString() });
        await vscode.commands.executeCommand('reformEvidence.openEvidenceFolder', { kind: 'criterion', entryUri: entry.uri.toString(), criterionId: '1.1.1', requirementIndex: 0 });
        return executed.filter((e) => e.command === 'revealInExplorer').map((e) => (e.args[0] as vscode.Uri).fsPath);
      });
      assert.deepEqual(revealed, [file, folder]);
    });

    it('Show Evidence History lists the commits of a criterion and opens the diff of the one picked', async () => {
      const leaf = allCriteria(entry.loaded.model).find((c) => c.id === '1.1.1')!;
      const relative = `evidence/${leaf.requirements[0].files[0].path}`;
      const hash = git(['log', '-1', '--format=%h', '--', relative]).trim();
      assert.ok(hash, 'the example has a commit of that file');
      const picked = await answering({ showQuickPick: async (items: unknown) => ((await items) as Array<{ description?: string }>)[0] }, async (calls) => {
        await vscode.commands.executeCommand('reformEvidence.showHistory', { kind: 'criterion', entryUri: entry.uri.toString(), criterionId: '1.1.1' });
        return (await (calls[0].args[0] as Promise<Array<{ description: string }>>)).map((i) => i.description);
      });
      assert.ok(picked.some((d) => d.startsWith(`${hash} · `)), `the commit ${hash} is offered: ${picked.join(' | ')}`);
      await waitFor(() => vscode.window.tabGroups.activeTabGroup.activeTab?.input instanceof vscode.TabInputTextDiff, 'a diff editor');
      const input = vscode.window.tabGroups.activeTabGroup.activeTab!.input as vscode.TabInputTextDiff;
      assert.equal(input.modified.scheme, 'reform-evidence-git');
      assert.ok(input.modified.path.startsWith('/evidence/'), input.modified.path);
    });

    it('Compare Criteria File shows what changed against a revision', async () => {
      const original = await fs.readFile(criteriaFile(), 'utf8');
      const oldTitle = 'Xử lý các vấn đề phát hiện qua kiểm tra';
      assert.ok(original.includes(oldTitle));
      await fs.writeFile(criteriaFile(), original.replace(oldTitle, 'Tiêu đề đã đổi để so sánh'));
      try {
        await answering({}, async (calls) => {
          await vscode.commands.executeCommand('reformEvidence.diffCriteria', { entryUri: entry.uri.toString() }, 'HEAD');
          assert.deepEqual(messages(calls, 'showErrorMessage'), []);
        });
        const doc = vscode.window.activeTextEditor?.document;
        assert.equal(doc?.languageId, 'markdown');
        assert.match(doc!.getText(), /^# Criteria file criteria\.yaml: HEAD → working tree/);
        assert.match(doc!.getText(), /1\.3\.3/);
        assert.match(doc!.getText(), /Tiêu đề đã đổi để so sánh/);
      } finally {
        await fs.writeFile(criteriaFile(), original);
        await waitFor(() => api.services.store.entries[0]?.loaded.doc.byId.get('1.3.3')?.title === oldTitle, 'the original criteria file loaded again');
      }
    });

    it('Review Changes Against… opens the review of the working tree against the picked revision, and warns of a loss', async () => {
      const leaf = allCriteria(entry.loaded.model).find((c) => c.leaf && c.state === 'committed' && c.requirements.length === 1 && c.requirements[0].files.length === c.requirements[0].min);
      assert.ok(leaf, 'the example has a committed leaf with exactly the files it needs');
      const file = path.join(workspaceDir(), 'evidence', leaf.requirements[0].files[0].path);
      const bytes = await fs.readFile(file);
      await fs.rm(file);
      try {
        await waitFor(() => allCriteria(api.services.store.entries[0].loaded.model).find((c) => c.id === leaf.id)?.state !== 'committed', 'the model without the file');
        entry = api.services.store.entries[0];
        const warnings = await answering({ showQuickPick: async (items: unknown) => ((await items) as Array<{ label: string }>).find((i) => i.label === 'main' || i.label === 'master') }, async (calls) => {
          await vscode.commands.executeCommand('reformEvidence.reviewChanges', { entryUri: entry.uri.toString() });
          const offered = (await (calls.find((c) => c.fn === 'showQuickPick')!.args[0] as Promise<Array<{ label: string }>>)).map((i) => i.label);
          assert.ok(offered.includes('main') || offered.includes('master'), `the branch is offered: ${offered.join(' | ')}`);
          assert.deepEqual(messages(calls, 'showErrorMessage'), []);
          return messages(calls, 'showWarningMessage');
        });
        assert.deepEqual(warnings, [`This change loses ${leaf.secured} secured point(s).`]);
        // The review opens in the Review view; its title bar's Open as Markdown gives the document.
        assert.ok(api.review.state.current, 'the review is open');
        await vscode.commands.executeCommand('reformEvidence.openReviewMarkdown');
        const doc = vscode.window.activeTextEditor?.document;
        assert.equal(doc?.languageId, 'markdown');
        assert.ok(doc?.isUntitled);
        assert.match(doc!.getText(), /^## Review of criteria\.yaml: (main|master) \([0-9a-f]{7}\) → working tree/);
        assert.ok(doc!.getText().includes(`| ${leaf.id} `), `the lost criterion ${leaf.id} is listed`);
        assert.match(doc!.getText(), /\| removed \| /);
      } finally {
        await vscode.commands.executeCommand('reformEvidence.closeReview');
        await fs.writeFile(file, bytes);
        await waitFor(() => allCriteria(api.services.store.entries[0].loaded.model).find((c) => c.id === leaf.id)?.state === 'committed', 'the file back');
        entry = api.services.store.entries[0];
      }
    });

    it('Verify Audit Trail reports the evidence commits without trailers', async () => {
      // The example's evidence commit was made by plain Git, without trailers.
      const offending = git(['log', '-1', '--format=%h', '--', 'evidence']).trim();
      const warnings = await answering({}, async (calls) => {
        await vscode.commands.executeCommand('reformEvidence.verifyAuditTrail', { entryUri: entry.uri.toString() });
        return messages(calls, 'showWarningMessage');
      });
      assert.equal(warnings.length, 1);
      assert.match(warnings[0], /^\d+ evidence commit\(s\) lack trailers or have wrong hashes\.$/);
      const report = () => vscode.workspace.textDocuments.find((d) => d.isUntitled && d.getText().includes(offending));
      await waitFor(() => report() !== undefined, `a report naming ${offending} among ${vscode.workspace.textDocuments.map((d) => `${d.uri.toString()}: ${d.getText().slice(0, 200)}`).join(' | ')}`, 5000);
      assert.equal(vscode.window.activeTextEditor?.document, report(), 'the report is the active editor');
    });

    it('Self-Assessment Table as CSV, then Save As… writes it with its byte order mark', async () => {
      const target = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'reform-evidence-report-')), 'tu-danh-gia.csv');
      const result = await answering(
        {
          showQuickPick: pick((i) => i.format === 'csv'),
          showInformationMessage: (_message: string, ...items: string[]) => items.find((i) => i === 'Save As…'),
          showSaveDialog: () => vscode.Uri.file(target),
        },
        async () => {
          const r = await vscode.commands.executeCommand<{ format: string; text: string }>('reformEvidence.selfAssessment');
          await waitFor(() => fs.stat(target).then(() => true, () => false), 'the saved file');
          return r;
        },
      );
      assert.equal(result.format, 'csv');
      const bytes = await fs.readFile(target);
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte order mark first');
      assert.equal(bytes.toString('utf8'), result.text);
      assert.match(result.text, /1\.1\.1/);
      await fs.rm(path.dirname(target), { recursive: true, force: true });
    });

    it('Commit Pending Evidence commits a new file and, with git.pushAfterCommit, the commit reaches the remote', async () => {
      const remote = await fs.mkdtemp(path.join(os.tmpdir(), 'reform-evidence-remote-'));
      git(['init', '-q', '--bare', '-b', 'main'], remote);
      git(['remote', 'add', 'origin', remote]);
      git(['push', '-q', '-u', 'origin', 'main']);
      const headBefore = git(['rev-parse', 'HEAD']).trim();
      const file = await writeEvidence('4 Tổ chức bộ máy/4.2 Sắp xếp tổ chức bộ máy/Đề án sắp xếp.pdf', `%PDF-1.4 pending ${Date.now()}\n`);
      const settings = vscode.workspace.getConfiguration('reformEvidence');
      await settings.update('git.pushAfterCommit', true, vscode.ConfigurationTarget.Global);
      try {
        await waitFor(() => allCriteria(api.services.store.entries[0].loaded.model).find((c) => c.id === '4.2')?.state === 'present', '4.2 present');
        const info = await answering({}, async (calls) => {
          await vscode.commands.executeCommand('reformEvidence.commitPending', { entryUri: entry.uri.toString() });
          assert.deepEqual([...messages(calls, 'showErrorMessage'), ...messages(calls, 'showWarningMessage')], []);
          return messages(calls, 'showInformationMessage');
        });
        assert.deepEqual(info, ['Committed 1 commit(s) of pending evidence.']);
        const head = git(['rev-parse', 'HEAD']).trim();
        assert.notEqual(head, headBefore);
        assert.deepEqual(git(['show', '-z', '--name-only', '--format=', 'HEAD']).split('\0').filter(Boolean), [path.relative(workspaceDir(), file).split(path.sep).join('/')]);
        assert.match(git(['log', '-1', '--format=%B']), /^Criterion: 4\.2$/m);
        assert.equal(git(['rev-parse', 'main'], remote).trim(), head, 'the commit arrived in the remote');
      } finally {
        await settings.update('git.pushAfterCommit', undefined, vscode.ConfigurationTarget.Global);
        git(['reset', '-q', '--mixed', headBefore]);
        git(['remote', 'remove', 'origin']);
        await fs.rm(file, { force: true });
        await fs.rm(remote, { recursive: true, force: true });
        await waitFor(() => allCriteria(api.services.store.entries[0].loaded.model).find((c) => c.id === '4.2')?.state === 'missing', '4.2 missing again');
      }
    });
    it('Sync Evidence puts a local evidence commit on top of what another clone pushed, pushes it, and the tree shows the incoming file', async () => {
      const remote = await fs.mkdtemp(path.join(os.tmpdir(), 'reform-evidence-remote-'));
      const other = await fs.mkdtemp(path.join(os.tmpdir(), 'reform-evidence-other-'));
      git(['init', '-q', '--bare', '-b', 'main'], remote);
      git(['remote', 'add', 'origin', remote]);
      git(['push', '-q', '-u', 'origin', 'main']);
      const headBefore = git(['rev-parse', 'HEAD']).trim();
      const incoming = '4 Tổ chức bộ máy/4.2 Sắp xếp tổ chức bộ máy/Đề án từ đơn vị khác.pdf';
      const root = path.relative(workspaceDir(), evidenceRoot());
      try {
        // Another unit pushes a file; this window commits one of its own without pushing.
        git(['clone', '-q', remote, other], os.tmpdir());
        await fs.mkdir(path.join(other, root, path.dirname(incoming)), { recursive: true });
        await fs.writeFile(path.join(other, root, incoming), '%PDF-1.4 from another unit\n');
        git(['-c', 'user.name=Other', '-c', 'user.email=o@example.gov.vn', 'add', '.'], other);
        git(['-c', 'user.name=Other', '-c', 'user.email=o@example.gov.vn', 'commit', '-q', '-m', 'other unit'], other);
        git(['push', '-q'], other);
        git(['-c', 'user.name=Local', '-c', 'user.email=l@example.gov.vn', 'commit', '-q', '--allow-empty', '-m', 'local']);
        const info = await answering({}, async (calls) => {
          const result = await vscode.commands.executeCommand<{ received: number; sent: number; rebased: boolean }>('reformEvidence.syncEvidence', { entryUri: entry.uri.toString() });
          assert.deepEqual([result?.received, result?.sent, result?.rebased], [1, 1, true]);
          assert.deepEqual([...messages(calls, 'showErrorMessage'), ...messages(calls, 'showWarningMessage')], []);
          return messages(calls, 'showInformationMessage');
        });
        assert.deepEqual(info, ['Synced with origin/main: 1 commit(s) received, 1 commit(s) sent.']);
        assert.equal(git(['rev-parse', 'main'], remote).trim(), git(['rev-parse', 'HEAD']).trim(), 'the local commit reached the remote');
        assert.equal(git(['log', '-1', '--format=%s', 'HEAD~1']).trim(), 'other unit');
        await waitFor(() => allCriteria(api.services.store.entries[0].loaded.model).find((c) => c.id === '4.2')?.state === 'committed', '4.2 committed after the sync');
      } finally {
        git(['reset', '-q', '--hard', headBefore]);
        git(['remote', 'remove', 'origin']);
        await fs.rm(remote, { recursive: true, force: true });
        await fs.rm(other, { recursive: true, force: true });
        await waitFor(() => allCriteria(api.services.store.entries[0].loaded.model).find((c) => c.id === '4.2')?.state === 'missing', '4.2 missing again');
      }
    });
  });

  describe('fix buttons on errors', () => {
    it('Configure Identity asks name and e-mail, sets them in the repository and retries the commit', async () => {
      const headBefore = git(['rev-parse', 'HEAD']).trim();
      const saved = { name: git(['config', 'user.name']).trim(), email: git(['config', 'user.email']).trim() };
      git(['config', '--unset', 'user.name']);
      git(['config', '--unset', 'user.email']);
      const file = await writeEvidence('1 Chỉ đạo điều hành/1.5 Sáng kiến CCHC/Sáng kiến.pdf', `%PDF-1.4 identity ${Date.now()}\n`);
      const inputs = ['Nguyễn Thị Kiểm Thử', 'kiemthu@phuong.example'];
      try {
        const errors = await answering(
          {
            showErrorMessage: (_m: string, ...items: string[]) => items.find((i) => i === 'Configure Identity'),
            showInputBox: () => inputs.shift(),
          },
          async (calls) => {
            await vscode.commands.executeCommand('reformEvidence.commitPending', { entryUri: entry.uri.toString() });
            return calls.filter((c) => c.fn === 'showErrorMessage').map((c) => c.args.slice(1));
          },
        );
        assert.equal(errors.length, 1, 'one error, with the fix');
        assert.ok(errors[0].includes('Configure Identity'));
        assert.deepEqual(inputs, [], 'asked for the name and the e-mail');
        assert.equal(git(['config', '--local', 'user.name']).trim(), 'Nguyễn Thị Kiểm Thử');
        assert.equal(git(['log', '-1', '--format=%an <%ae>']).trim(), 'Nguyễn Thị Kiểm Thử <kiemthu@phuong.example>', 'the retried commit has the identity');
        assert.notEqual(git(['rev-parse', 'HEAD']).trim(), headBefore);
      } finally {
        git(['config', 'user.name', saved.name]);
        git(['config', 'user.email', saved.email]);
        git(['reset', '-q', '--mixed', headBefore]);
        await fs.rm(file, { force: true });
        await waitFor(() => allCriteria(api.services.store.entries[0].loaded.model).find((c) => c.id === '1.5')?.state === 'missing', '1.5 missing again');
      }
    });

    it('Reveal Lock File reveals a stale index.lock (and it is never deleted)', async () => {
      const lock = path.join(workspaceDir(), '.git', 'index.lock');
      const file = await writeEvidence('1 Chỉ đạo điều hành/1.7 Thi đua khen thưởng/Khen thưởng.pdf', `%PDF-1.4 lock ${Date.now()}\n`);
      await fs.writeFile(lock, '');
      const old = new Date(Date.now() - 10 * 60_000);
      await fs.utimes(lock, old, old);
      const headBefore = git(['rev-parse', 'HEAD']).trim();
      try {
        const revealed = await answering({ showErrorMessage: (_m: string, ...items: string[]) => items.find((i) => i === 'Reveal Lock File') }, async () =>
          recordingCommands(async (executed) => {
            await vscode.commands.executeCommand('reformEvidence.commitPending', { entryUri: entry.uri.toString() });
            return executed.filter((e) => e.command === 'revealFileInOS').map((e) => (e.args[0] as vscode.Uri).fsPath);
          }),
        );
        assert.deepEqual(revealed, [lock]);
        await fs.stat(lock);
        assert.equal(git(['rev-parse', 'HEAD']).trim(), headBefore, 'nothing committed');
      } finally {
        await fs.rm(lock, { force: true });
        await fs.rm(file, { force: true });
        await waitFor(() => allCriteria(api.services.store.entries[0].loaded.model).find((c) => c.id === '1.7')?.state === 'missing', '1.7 missing again');
      }
    });

    it('Retry after lockBusy (a live Git holding index.lock past the wait) commits once the lock is released', async () => {
      const lock = path.join(workspaceDir(), '.git', 'index.lock');
      const file = await writeEvidence('1 Chỉ đạo điều hành/1.7 Thi đua khen thưởng/Khen thưởng đợt 2.pdf', `%PDF-1.4 busy ${Date.now()}\n`);
      const headBefore = git(['rev-parse', 'HEAD']).trim();
      await waitFor(() => allCriteria(api.services.store.entries[0].loaded.model).find((c) => c.id === '1.7')?.state === 'present', '1.7 present');
      await fs.writeFile(lock, '');
      // A live Git program working in the repository (it waits on its stdin), so the fresh lock is not stale.
      const live = spawn('git', ['hash-object', '--stdin'], { cwd: workspaceDir(), stdio: ['pipe', 'ignore', 'ignore'] });
      const release = async () => {
        live.stdin.end();
        live.kill();
        await fs.rm(lock, { force: true });
      };
      // The extension runs in this process: the shortened wait reaches its Git calls (read when each is created).
      process.env.REFORM_EVIDENCE_LOCK_WAIT_MS = '1500';
      try {
        const calls = await answering(
          {
            showErrorMessage: async (_m: string, ...items: string[]) => {
              if (!items.includes('Retry')) return undefined;
              // The headline commit had to wait: the lock is still there when the error is shown.
              await fs.stat(lock);
              assert.equal(git(['rev-parse', 'HEAD']).trim(), headBefore, 'nothing committed while the lock was held');
              await release();
              return 'Retry';
            },
          },
          async (recorded) => {
            await vscode.commands.executeCommand('reformEvidence.commitPending', { entryUri: entry.uri.toString() });
            return recorded;
          },
        );
        const errors = calls.filter((c) => c.fn === 'showErrorMessage');
        assert.equal(errors.length, 1, 'one error: the retry succeeded');
        assert.match(String(errors[0].args[0]), /index\.lock held for more than 2 s/);
        assert.ok(errors[0].args.slice(1).includes('Retry'), 'the error offers Retry');
        assert.deepEqual(messages(calls, 'showInformationMessage'), ['Committed 1 commit(s) of pending evidence.']);
        assert.notEqual(git(['rev-parse', 'HEAD']).trim(), headBefore);
        assert.deepEqual(git(['show', '-z', '--name-only', '--format=', 'HEAD']).split('\0').filter(Boolean), [path.relative(workspaceDir(), file).split(path.sep).join('/')]);
      } finally {
        delete process.env.REFORM_EVIDENCE_LOCK_WAIT_MS;
        await release();
        git(['reset', '-q', '--mixed', headBefore]);
        await fs.rm(file, { force: true });
        await waitFor(() => allCriteria(api.services.store.entries[0].loaded.model).find((c) => c.id === '1.7')?.state === 'missing', '1.7 missing again');
      }
    });

    it('Initialize Repository creates a Git repository where there was none', async () => {
      const gitDir = path.join(workspaceDir(), '.git');
      // Beside the workspace: a rename stays on one file system.
      const aside = path.join(path.dirname(workspaceDir()), `git-aside-${Date.now()}`);
      await fs.rename(gitDir, aside);
      try {
        const errors = await answering(
          {
            showErrorMessage: (_m: string, ...items: string[]) => items.find((i) => i === 'Initialize Repository'),
          },
          async (calls) => {
            await vscode.commands.executeCommand('reformEvidence.verifyAuditTrail', { entryUri: entry.uri.toString() });
            return calls.filter((c) => c.fn === 'showErrorMessage').map((c) => c.args.slice(1));
          },
        );
        assert.equal(errors.length, 1);
        assert.ok(errors[0].includes('Initialize Repository'));
        assert.ok((await fs.stat(path.join(gitDir, 'HEAD'))).isFile(), 'a new repository');
        assert.equal(git(['rev-parse', '--show-toplevel']).trim(), workspaceDir());
      } finally {
        await fs.rm(gitDir, { recursive: true, force: true });
        await fs.rename(aside, gitDir);
        await vscode.commands.executeCommand('reformEvidence.refresh');
        await waitFor(() => allCriteria(api.services.store.entries[0].loaded.model).find((c) => c.id === '1.1.1')?.state === 'committed', 'the history back');
      }
    });
  });
});
