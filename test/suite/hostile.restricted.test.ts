// A hostile repository opened in Restricted Mode: its .git/config names a file-system monitor and a hooks folder
// whose programs write marker files (set up by scripts/run-integration.mjs --restricted before VS Code starts).
// Activation, refresh, file events, the dashboard, reports and hovers run no Git and none of those programs;
// every command that writes refuses; hostile titles and file names are plain text in the tree, tooltips and hovers.
import * as assert from 'node:assert/strict';
import { appendFileSync, chmodSync, existsSync, mkdirSync, promises as fs, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ReformEvidenceApi } from '../../src/extension/extension';
import { closeAllEditors, extensionApi, flatten, labelOf, useAsOf, AS_OF, waitFor, walk, workspaceDir } from './treeHelpers';

const SCRIPT = '<script>alert(1)</script>';
const IMG = '"><img src=x onerror=alert(1)>';
const COMMAND_LINK = '[x](command:workbench.action.terminal.new)';
const HOSTILE_TITLE = `${SCRIPT} **bold** ${COMMAND_LINK}`;
const HOSTILE_FILE = `${IMG} ${COMMAND_LINK}.pdf`;
const LEAF = '1.1.1';
const LEAF_TITLE = 'title: "Ban hành kế hoạch CCHC năm 2025 kịp thời, đúng yêu cầu"';
const LEAF_FOLDER = 'evidence/1 Chỉ đạo điều hành/1.1 Kế hoạch CCHC';

let api: ReformEvidenceApi;
let markers: string;

/** Where no runner armed the repository (test-electron), the suite arms it itself before the refresh. */
function armHere(dir: string): string {
  const base = path.join(os.tmpdir(), `re-hostile-${process.pid}`);
  const out = path.join(base, 'markers');
  mkdirSync(path.join(base, 'hooks'), { recursive: true });
  mkdirSync(out, { recursive: true });
  const script = (file: string, name: string) => {
    writeFileSync(file, `#!/bin/sh\necho "${name}" >> "${out}/${name}"\n`);
    chmodSync(file, 0o755);
  };
  script(path.join(base, 'fsmonitor'), 'fsmonitor');
  for (const hook of ['pre-commit', 'post-commit', 'post-index-change', 'reference-transaction']) script(path.join(base, 'hooks', hook), `hook-${hook}`);
  appendFileSync(path.join(dir, '.git/config'), `[core]\n\tfsmonitor = "${path.join(base, 'fsmonitor')}"\n\thooksPath = "${path.join(base, 'hooks')}"\n`);
  return out;
}

const ran = () => (existsSync(markers) ? readdirSync(markers).sort() : []);
const settle = (ms = 1500) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every file of the workspace (and the Git files a write would change) as path → size:mtime:bytes. */
function fingerprint(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (at: string, rel: string) => {
    for (const name of readdirSync(at)) {
      const full = path.join(at, name);
      const relative = rel ? `${rel}/${name}` : name;
      if (relative === '.git') {
        for (const f of ['HEAD', 'index', 'config', 'refs/heads/main']) if (existsSync(path.join(full, f))) out[`.git/${f}`] = readFileSync(path.join(full, f)).toString('base64');
        continue;
      }
      const stat = statSync(full);
      if (stat.isDirectory()) visit(full, relative);
      else out[relative] = readFileSync(full).toString('base64');
    }
  };
  visit(dir, '');
  return out;
}

describe('a hostile repository in restricted mode', function () {
  this.timeout(120_000);

  before(async () => {
    markers = process.env.REFORM_EVIDENCE_TEST_MARKERS ?? armHere(workspaceDir());
    api = await extensionApi();
    await useAsOf(api, AS_OF);
  });

  it('runs untrusted, in a repository whose .git/config names a file-system monitor and a hooks folder', () => {
    assert.equal(vscode.workspace.isTrusted, false);
    const config = readFileSync(path.join(workspaceDir(), '.git/config'), 'utf8');
    const monitor = /fsmonitor = "([^"]+)"/.exec(config)?.[1];
    assert.ok(monitor && /hooksPath = /.test(config), config);
    assert.ok(statSync(monitor).mode & 0o111, 'the monitor is an executable program');
  });

  it('activation, refresh, a new file, the dashboard, a report and a hover run no Git and none of its programs', async () => {
    await vscode.commands.executeCommand('reformEvidence.refresh');
    await api.services.store.whenReady();
    const added = path.join(workspaceDir(), LEAF_FOLDER, 'Phụ lục.pdf');
    await fs.writeFile(added, 'x');
    try {
      await waitFor(() => api.services.store.entries[0].loaded.matches.files.has(path.relative(path.join(workspaceDir(), 'evidence'), added).split(path.sep).join('/')), 'the new file to be matched');
    } finally {
      await fs.rm(added, { force: true });
    }
    await vscode.commands.executeCommand('reformEvidence.openDashboard');
    const report = (await vscode.commands.executeCommand('reformEvidence.weeklyReport', { format: 'md' })) as { text: string } | undefined;
    assert.ok(report?.text.includes(AS_OF), 'the weekly report is made from files alone');
    const criteria = await vscode.workspace.openTextDocument(path.join(workspaceDir(), 'criteria.yaml'));
    const line = criteria.getText().split('\n').findIndex((l) => l.includes(`id: "${LEAF}"`));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', criteria.uri, new vscode.Position(line, line >= 0 ? criteria.lineAt(line).text.indexOf(LEAF) + 1 : 0));
    assert.ok(hovers.length > 0, 'a hover on the criterion id');
    await settle();
    assert.deepEqual(ran(), [], 'no program of the repository ran');
    assert.equal(api.gitProcessCount(), 0, 'no Git process');
    await closeAllEditors();
  });

  it('add evidence, commit pending and create starter criteria refuse; no file, index or branch changes', async () => {
    const before = fingerprint(workspaceDir());
    await vscode.commands.executeCommand('reformEvidence.addEvidence', { criterionId: LEAF, entryUri: api.services.store.entries[0].uri.toString() });
    await vscode.commands.executeCommand('reformEvidence.commitPending');
    await vscode.commands.executeCommand('reformEvidence.createStarterCriteria');
    await settle();
    assert.deepEqual(fingerprint(workspaceDir()), before, 'the work tree, .git/index, HEAD and the branch are byte-identical');
    assert.deepEqual(ran(), []);
    assert.equal(api.gitProcessCount(), 0);
  });

  it('hostile titles, unit names and file names are plain text in the tree, its tooltips and the hover', async () => {
    const file = path.join(workspaceDir(), 'criteria.yaml');
    const original = await fs.readFile(file, 'utf8');
    assert.ok(original.includes(LEAF_TITLE), 'the example still has the leaf this test edits');
    const evidence = path.join(workspaceDir(), LEAF_FOLDER, HOSTILE_FILE);
    const entry = () => api.services.store.entries[0];
    try {
      await fs.writeFile(file, original.replace(LEAF_TITLE, `title: ${JSON.stringify(HOSTILE_TITLE)}`).replace('"Văn phòng HĐND và UBND"', JSON.stringify(IMG)));
      await fs.writeFile(evidence, '%PDF');
      await waitFor(() => entry().loaded.doc.byId.get(LEAF)?.title === HOSTILE_TITLE && entry().loaded.matches.files.has(`1 Chỉ đạo điều hành/1.1 Kế hoạch CCHC/${HOSTILE_FILE}`), 'the hostile title and file in the model');

      // The tree refreshes after the model (its change event): wait for the row itself, then check it.
      let shown = flatten(await walk(api.trees.evidence));
      const leafRow = () => shown.find((s) => s.node.kind === 'criterion' && s.node.criterionId === LEAF)!;
      await waitFor(async () => {
        shown = flatten(await walk(api.trees.evidence));
        return labelOf(leafRow().item).includes(HOSTILE_TITLE);
      }, 'the tree to show the hostile title');
      const leaf = leafRow();
      assert.ok(labelOf(leaf.item).includes(HOSTILE_TITLE), `the label is the plain title: ${labelOf(leaf.item)}`);
      const resolved = await api.trees.evidence.resolveTreeItem(leaf.item, leaf.node);
      const tooltip = resolved.tooltip;
      assert.ok(tooltip instanceof vscode.MarkdownString, 'a Markdown tooltip');
      assert.notEqual(tooltip.isTrusted, true, 'no command links');
      assert.notEqual(tooltip.supportHtml, true, 'no HTML');
      assert.ok(!tooltip.value.includes(COMMAND_LINK) && tooltip.value.includes('\\[x\\]\\(command:'), `the link is escaped: ${tooltip.value}`);
      assert.ok(!/<script|<img/.test(tooltip.value) && tooltip.value.includes('&lt;script'), `tags are entities: ${tooltip.value}`);
      assert.ok(!tooltip.value.includes('**bold**'), 'no bold from the title');

      const fileNode = shown.find((s) => s.node.kind === 'file' && labelOf(s.item) === HOSTILE_FILE);
      assert.ok(fileNode, 'the hostile file is listed under its plain name');

      const doc = await vscode.workspace.openTextDocument(file);
      const line = doc.getText().split('\n').findIndex((l) => l.includes(`id: "${LEAF}"`));
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(line, doc.lineAt(line).text.indexOf(LEAF) + 1));
      const hover = hovers.flatMap((h) => h.contents).find((c): c is vscode.MarkdownString => c instanceof vscode.MarkdownString && c.value.includes('alert'));
      assert.ok(hover, 'the hover shows the title');
      assert.notEqual(hover.isTrusted, true);
      assert.notEqual(hover.supportHtml, true);
      assert.ok(!hover.value.includes(COMMAND_LINK) && !hover.value.includes(SCRIPT), `escaped: ${hover.value}`);
      assert.equal(api.gitProcessCount(), 0);
      assert.deepEqual(ran(), []);
    } finally {
      await fs.writeFile(file, original);
      await fs.rm(evidence, { force: true });
      await waitFor(() => entry().loaded.doc.byId.get(LEAF)?.title !== HOSTILE_TITLE && !entry().loaded.matches.files.has(`1 Chỉ đạo điều hành/1.1 Kế hoạch CCHC/${HOSTILE_FILE}`), 'the example restored');
      await closeAllEditors();
    }
  });
});
