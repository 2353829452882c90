// The weekly briefing report and the self-assessment table, from the command palette or the dashboard.
// The report opens in an untitled editor (nothing is written); in a trusted workspace "Save As…" writes it.
import * as vscode from 'vscode';
import { baselineOnDate } from '../../core/history/statusOnDate';
import { weeklyProgress } from '../../core/history/weeklyProgress';
import { addDays } from '../../core/report/format';
import { WINDOW_DAYS } from '../../core/report/dashboardData';
import { renderSelfAssessmentCsv, renderSelfAssessmentHtml, renderSelfAssessmentXlsx, selfAssessment } from '../../core/report/selfAssessment';
import { renderWeeklyHtml, renderWeeklyMarkdown, weeklyData } from '../../core/report/weekly';
import { isRealDate } from '../../core/validate/paths';
import { registerEntryCommand } from '../commands/entryCommand';
import { readSettings } from '../config/settings';
import type { CriteriaEntry } from '../model/modelStore';
import type { Services } from '../services';
import { entryHistory } from './history';

export type ReportFormat = 'md' | 'html' | 'csv';

/** Arguments that skip the questions (from the dashboard, or a test); the criteria file is the entry command's. */
export interface ReportArgs {
  since?: string;
  format?: ReportFormat;
}

export interface ReportResult {
  format: ReportFormat;
  /** The report as saved (CSV with its BOM). */
  text: string;
  fileName: string;
  document: vscode.TextDocument;
  /** The same report as an Excel workbook, which "Save As…" offers too (the self-assessment: the form handed in). */
  workbook?: () => Promise<Uint8Array>;
}

/** The bytes "Save As…" writes: the workbook when the chosen name ends in .xlsx and there is one, else the text. */
export async function savedBytes(result: Pick<ReportResult, 'text' | 'workbook'>, target: vscode.Uri): Promise<Uint8Array> {
  if (result.workbook && /\.xlsx$/i.test(target.path)) return result.workbook();
  return new TextEncoder().encode(result.text);
}

/** Menus pass tree nodes or URIs as the first argument: keep only well-formed report arguments. */
export function reportArgs(value: unknown): ReportArgs {
  if (typeof value !== 'object' || value === null) return {};
  const v = value as Record<string, unknown>;
  return {
    since: typeof v.since === 'string' && isRealDate(v.since) ? v.since : undefined,
    format: v.format === 'md' || v.format === 'html' || v.format === 'csv' ? v.format : undefined,
  };
}

const LANGUAGES: Record<ReportFormat, string> = { md: 'markdown', html: 'html', csv: 'plaintext' };

async function askFormat(choices: Array<{ format: ReportFormat; label: string; detail: string }>): Promise<ReportFormat | undefined> {
  const picked = await vscode.window.showQuickPick(
    choices.map((c) => ({ ...c, label: c.label })),
    { placeHolder: vscode.l10n.t('Report format') },
  );
  return picked?.format;
}

async function askSince(asOf: string): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title: vscode.l10n.t('Weekly briefing report'),
    prompt: vscode.l10n.t('Show what changed since this date (YYYY-MM-DD), up to {0}', asOf),
    value: addDays(asOf, -WINDOW_DAYS),
    validateInput: (value) => (!isRealDate(value.trim()) ? vscode.l10n.t('Enter a real date as YYYY-MM-DD.') : value.trim() > asOf ? vscode.l10n.t('The date must not be after {0}.', asOf) : undefined),
  });
}

/** Shows the report in an untitled editor, then (trusted workspaces only) offers to save it. */
async function present(services: Services, result: Omit<ReportResult, 'document'>, interactive: boolean): Promise<ReportResult> {
  // The editor shows the text without the byte order mark; "Save As…" writes the exact bytes.
  const document = await vscode.workspace.openTextDocument({ content: result.text.replace(/^\uFEFF/, ''), language: LANGUAGES[result.format] });
  await vscode.window.showTextDocument(document, { preview: false });
  if (!interactive) return { ...result, document };
  if (!services.store.isTrusted()) {
    void vscode.window.showInformationMessage(vscode.l10n.t('The report is open in an unsaved editor. Saving files is off in Restricted Mode.'));
    return { ...result, document };
  }
  const saveAs = vscode.l10n.t('Save As…');
  void vscode.window.showInformationMessage(vscode.l10n.t('The report is ready.'), saveAs).then(async (choice) => {
    if (choice !== saveAs) return;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const filters: Record<string, string[]> = { [result.format.toUpperCase()]: [result.format] };
    if (result.workbook) filters[vscode.l10n.t('Excel workbook')] = ['xlsx'];
    const target = await vscode.window.showSaveDialog({ defaultUri: folder ? vscode.Uri.joinPath(folder, result.fileName) : undefined, filters });
    if (!target) return;
    try {
      await vscode.workspace.fs.writeFile(target, await savedBytes(result, target));
    } catch (error) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not save {0}: {1}', target.fsPath, error instanceof Error ? error.message : String(error)));
      return;
    }
    void vscode.window.showInformationMessage(vscode.l10n.t('Saved {0}.', vscode.workspace.asRelativePath(target)));
  });
  return { ...result, document };
}

export async function weeklyReportCommand(services: Services, entry: CriteriaEntry, args: ReportArgs = {}): Promise<ReportResult | undefined> {
  const model = entry.loaded.model;
  const interactive = args.format === undefined;
  const since = args.since ?? (interactive ? await askSince(model.asOf) : addDays(model.asOf, -WINDOW_DAYS));
  if (!since || !isRealDate(since.trim())) return undefined;
  const format =
    args.format ??
    (await askFormat([
      { format: 'md', label: vscode.l10n.t('Markdown'), detail: vscode.l10n.t('For the briefing notes; paste into a document or chat') },
      { format: 'html', label: vscode.l10n.t('HTML (printable)'), detail: vscode.l10n.t('A self-contained page to print or send') },
    ]));
  if (!format) return undefined;
  const trusted = services.store.isTrusted();
  const history = await entryHistory(entry, trusted, { since: since.trim() }, (e) => services.log.warn('Weekly report: no Git history', e));
  // The status at the start of the window, from the branch's commit of that day: the changes are the exact difference.
  const git = entry.loaded.git;
  const before = git && trusted ? await baselineOnDate(entry.uri.fsPath, since.trim(), { git, locale: services.store.locale, exclude: readSettings(vscode.workspace.getWorkspaceFolder(entry.uri)).exclude }) : undefined;
  const progress = git && trusted ? await weeklyProgress(entry.uri.fsPath, model.asOf, { git, locale: services.store.locale, exclude: readSettings(vscode.workspace.getWorkspaceFolder(entry.uri)).exclude }) : undefined;
  const data = weeklyData(model, { since: since.trim(), commits: history.commits, before, progress });
  const locale = services.store.locale;
  const text = format === 'html' ? renderWeeklyHtml(data, locale) : renderWeeklyMarkdown(data, locale);
  return present(services, { format, text, fileName: `${vscode.l10n.t('weekly-briefing')}-${model.asOf}.${format}` }, interactive);
}

export async function selfAssessmentCommand(services: Services, entry: CriteriaEntry, args: ReportArgs = {}): Promise<ReportResult | undefined> {
  const interactive = args.format === undefined;
  const format =
    args.format ??
    (await askFormat([
      { format: 'csv', label: vscode.l10n.t('CSV (Excel)'), detail: vscode.l10n.t('UTF-8 with BOM, so Excel shows Vietnamese correctly') },
      { format: 'html', label: vscode.l10n.t('HTML (printable)'), detail: vscode.l10n.t('A self-contained page to print or send') },
    ]));
  if (!format) return undefined;
  const history = await entryHistory(entry, services.store.isTrusted(), { files: true }, (e) => services.log.warn('Self-assessment: no Git history', e));
  const table = selfAssessment(entry.loaded.model, history.fileRecords);
  const locale = services.store.locale;
  const text = format === 'html' ? renderSelfAssessmentHtml(table, locale) : renderSelfAssessmentCsv(table, locale);
  const workbook = async () => new Uint8Array(await renderSelfAssessmentXlsx(table, locale));
  return present(services, { format, text, workbook, fileName: `${vscode.l10n.t('self-assessment')}-${entry.loaded.model.asOf}.${format}` }, interactive);
}

function noCriteria(): void {
  void vscode.window.showWarningMessage(vscode.l10n.t('No criteria file is loaded.'));
}

export function registerReportCommands(services: Services): void {
  services.context.subscriptions.push(
    registerEntryCommand(services, 'reformEvidence.weeklyReport', (entry, _arg, [args]) => weeklyReportCommand(services, entry, reportArgs(args)), { none: noCriteria }),
    registerEntryCommand(services, 'reformEvidence.selfAssessment', (entry, _arg, [args]) => selfAssessmentCommand(services, entry, reportArgs(args)), { none: noCriteria }),
  );
}
