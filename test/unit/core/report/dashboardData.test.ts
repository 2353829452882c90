import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { dashboardData, deadlineItems } from '../../../../src/core/report/dashboardData';
import { loadWorkspace } from '../../../../src/core/workspace/loadWorkspace';
import { contentSecurityPolicy, dashboardShell, makeNonce } from '../../../../src/extension/dashboard/html';
import { parsePageMessage } from '../../../../src/extension/dashboard/protocol';

const EXAMPLE = path.resolve(__dirname, '../../../../../examples/ward-2025/criteria.yaml');

describe('dashboard page shell and protocol', () => {
  it('the shell allows only our nonce script, media styles and fonts, and nothing from the network', () => {
    const nonce = makeNonce();
    assert.match(nonce, /^[A-Za-z0-9]{20,}$/);
    assert.notEqual(nonce, makeNonce());
    const csp = contentSecurityPolicy('https://file+.vscode-resource.vscode-cdn.net', nonce);
    assert.match(csp, /^default-src 'none'; /);
    assert.ok(csp.includes(`script-src 'nonce-${nonce}'`));
    assert.ok(csp.includes('style-src https://file+.vscode-resource.vscode-cdn.net;'));
    assert.ok(csp.includes('font-src https://file+.vscode-resource.vscode-cdn.net;'));
    assert.doesNotMatch(csp, /unsafe|\*|http:/);
    const html = dashboardShell({ cspSource: 'vscode-resource:', nonce, scriptUri: 's.js?a="b"', styleUri: 'd.css', codiconsUri: 'c.css', chartScriptUri: 'u.js', chartStyleUri: 'u.css', lang: 'vi' });
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    assert.deepEqual(scripts, [`<script nonce="${nonce}" src="u.js">`, `<script nonce="${nonce}" src="s.js?a=&quot;b&quot;">`], 'the chart library, then the page, each with the nonce, attributes escaped');
    assert.doesNotMatch(html, /<style|\sstyle=|\son\w+=/i, 'no inline styles or handlers');
    assert.match(html, /<html lang="vi">/);
  });

  it('accepts only well-formed page messages', () => {
    assert.deepEqual(parsePageMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parsePageMessage({ type: 'revealCriterion', entryUri: 'file:///a/criteria.yaml', id: '1.2', extra: 1 }), { type: 'revealCriterion', entryUri: 'file:///a/criteria.yaml', id: '1.2' });
    assert.deepEqual(parsePageMessage({ type: 'openFile', entryUri: 'file:///a', path: '1/x.pdf' }), { type: 'openFile', entryUri: 'file:///a', path: '1/x.pdf' });
    assert.deepEqual(parsePageMessage({ type: 'command', command: 'weeklyReport' }), { type: 'command', command: 'weeklyReport' });
    for (const bad of [null, 'ready', 42, {}, { type: 'revealCriterion', id: '1' }, { type: 'openFile', entryUri: 'x', path: 7 }, { type: 'command', command: 'workbench.action.terminal.new' }, { type: 'eval', code: 'x' }, { type: 'revealTask', entryUri: 'x', id: 'y'.repeat(5000) }]) {
      assert.equal(parsePageMessage(bad), undefined, JSON.stringify(bad)?.slice(0, 80));
    }
  });

  it('a criterion overdue only through a late task names that task', async () => {
    const { model } = await loadWorkspace(EXAMPLE, { asOf: '2025-11-20', useGit: false });
    const items = deadlineItems(model);
    const viaTask = items.filter((i) => i.kind === 'criterion' && i.overdue && i.daysLeft >= 0);
    assert.ok(viaTask.length > 0, 'the example has one (7.3 through NV-01)');
    for (const item of viaTask) {
      assert.ok(item.viaTasks.length > 0, item.id);
      for (const id of item.viaTasks) assert.ok(model.tasks.find((t) => t.id === id)?.overdue, `${id} is overdue`);
    }
    const data = dashboardData(model);
    assert.equal(JSON.stringify(JSON.parse(JSON.stringify(data))), JSON.stringify(data), 'plain JSON, nothing lost in postMessage');
  });
});
