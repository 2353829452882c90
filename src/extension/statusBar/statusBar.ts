// The score in the status bar, e.g. "CCHC 40/100 · 33 thiếu". With several criteria files it shows the one of the
// active editor's folder (scores of different indices do not add up); the tooltip names it and counts the others.
import * as vscode from 'vscode';
import { formatNumber } from '../../core/present/numbers';
import { markdownStringText } from '../../core/report/format';
import type { Services } from '../services';
import { entryLabel } from '../model/modelStore';

/** The item and whether it is shown (a StatusBarItem cannot tell): the integration tests read both. */
export interface StatusBar {
  item: vscode.StatusBarItem;
  readonly visible: boolean;
}

export function registerStatusBar({ context, store }: Services): StatusBar {
  let visible = false;
  const item = vscode.window.createStatusBarItem('reformEvidence.score', vscode.StatusBarAlignment.Left, 20);
  item.name = vscode.l10n.t('Reform Evidence score');
  item.command = 'reformEvidence.openDashboard';

  const update = () => {
    const entry = store.activeEntry();
    if (!entry) {
      visible = false;
      item.hide();
      return;
    }
    const { totals: tot, index, asOf } = entry.loaded.model;
    const num = (n: number) => formatNumber(n, store.locale);
    const lacking = tot.criteria - tot.complete;
    item.text = `$(checklist) ${vscode.l10n.t('PAR {0}/{1} · {2} lacking', num(tot.secured), num(tot.max), lacking)}`;
    const tip = new vscode.MarkdownString(undefined, true);
    tip.appendText(markdownStringText(index.title || index.id));
    tip.appendMarkdown('\n\n');
    tip.appendText(vscode.l10n.t('As of {0}', asOf));
    tip.appendMarkdown('\n\n');
    tip.appendText(
      vscode.l10n.t(
        'Secured {0} of {1} points · at risk {2} · waived {3}',
        num(tot.secured),
        num(tot.max),
        num(tot.atRisk),
        num(tot.waived),
      ),
    );
    tip.appendMarkdown('\n\n');
    tip.appendText(vscode.l10n.t('{0} of {1} criteria with evidence ({2} missing, {3} partial) · {4} overdue', tot.complete, tot.criteria, tot.missing, lacking - tot.missing, tot.overdue));
    if (store.entries.length > 1) {
      tip.appendMarkdown('\n\n');
      tip.appendText(vscode.l10n.t('{0} ({1} criteria files in this window: the one of the active editor is shown)', entryLabel(entry), store.entries.length));
    }
    tip.appendMarkdown('\n\n');
    tip.appendMarkdown(`$(dashboard) ${vscode.l10n.t('Click to open the dashboard')}`);
    if (vscode.workspace.isTrusted) {
      // The item's menu: a link that runs Sync Evidence for this criteria file (only that command is enabled).
      const args = encodeURIComponent(JSON.stringify([{ entryUri: entry.uri.toString() }]));
      tip.appendMarkdown(`\n\n[$(sync) ${vscode.l10n.t('Sync Evidence')}](command:reformEvidence.syncEvidence?${args})`);
      tip.isTrusted = { enabledCommands: ['reformEvidence.syncEvidence'] };
    }
    item.tooltip = tip;
    item.backgroundColor = entry.loaded.model.problems.errors > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    item.accessibilityInformation = { label: vscode.l10n.t('Administrative reform index: {0} of {1} points secured, {2} criteria lacking evidence', num(tot.secured), num(tot.max), lacking) };
    visible = true;
    item.show();
  };

  context.subscriptions.push(item, store.onDidChange(update), vscode.window.onDidChangeActiveTextEditor(update));
  update();
  return {
    item,
    get visible() {
      return visible;
    },
  };
}
