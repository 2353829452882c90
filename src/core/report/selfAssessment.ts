// The self-assessment table (bảng tự chấm điểm): every criterion with its scores, state and evidence files,
// each file with the commit that recorded it. As CSV for Excel and as a printable HTML page.
import { t, type Locale } from '../i18n/messages';
import type { CriterionStatus, FileRecord, GitFileState, State, StatusModel } from '../model/types';
import { roundScore } from '../model/score';
import { dayOf, escapeHtml, toCsv } from './format';
import { formatNumber, formatRate } from '../present/numbers';
import { htmlPage } from './html';
import { loadExcelJs } from '../measure/table';

export interface SelfAssessmentFile {
  /** Relative to evidenceRoot. */
  path: string;
  git: GitFileState;
  shortHash?: string;
  hash?: string;
  /** YYYY-MM-DD of the commit that last recorded the file. */
  date?: string;
}

export interface SelfAssessmentRow {
  id: string;
  title: string;
  /** 0 for an area. */
  depth: number;
  leaf: boolean;
  owner?: string;
  maxScore: number;
  /** Declared self score; for a parent without one, the sum of its children's when any has one. */
  selfScore?: number;
  /** Points backed by complete evidence (for a measured leaf: the score of its rate once complete). */
  secured: number;
  /** Measured leaves: the rate in percent (null without a figure); undefined for the others. */
  rate?: number | null;
  state: State;
  overdue: boolean;
  due?: string;
  notApplicable?: string;
  files: SelfAssessmentFile[];
}

export interface SelfAssessment {
  index: { id: string; title: string; year?: number };
  asOf: string;
  git: boolean;
  /** Whether commit data was available for the files. */
  history: boolean;
  rows: SelfAssessmentRow[];
  total: { maxScore: number; selfScore?: number; secured: number };
}

function selfScoreOf(node: CriterionStatus): number | undefined {
  if (node.selfScore !== undefined) return node.selfScore;
  const scores = node.children.map(selfScoreOf).filter((s): s is number => s !== undefined);
  return scores.length > 0 ? roundScore(scores.reduce((a, b) => a + b, 0)) : undefined;
}

function filesOf(node: CriterionStatus, records: ReadonlyMap<string, FileRecord> | undefined): SelfAssessmentFile[] {
  const seen = new Map<string, SelfAssessmentFile>();
  for (const file of node.requirements.flatMap((r) => r.files)) {
    if (seen.has(file.path)) continue;
    // A modified file's last commit recorded older content: it is shown, but flagged by its state.
    const record = file.git === 'untracked' ? undefined : records?.get(file.path);
    seen.set(file.path, { path: file.path, git: file.git, hash: record?.hash, shortHash: record?.shortHash, date: record ? dayOf(record.date) : undefined });
  }
  return [...seen.values()].sort((a, b) => a.path.localeCompare(b.path));
}

export function selfAssessment(model: StatusModel, fileRecords?: ReadonlyMap<string, FileRecord>): SelfAssessment {
  const rows: SelfAssessmentRow[] = [];
  const visit = (node: CriterionStatus, depth: number) => {
    rows.push({
      id: node.id,
      title: node.title,
      depth,
      leaf: node.leaf,
      owner: node.owner,
      maxScore: node.maxScore,
      selfScore: selfScoreOf(node),
      secured: node.totals.secured,
      ...(node.measure ? { rate: node.measure.rate } : {}),
      state: node.state,
      overdue: node.overdue,
      due: node.due,
      notApplicable: node.notApplicable,
      files: node.leaf ? filesOf(node, fileRecords) : [],
    });
    node.children.forEach((c) => visit(c, depth + 1));
  };
  model.areas.forEach((a) => visit(a, 0));
  const areaSelf = model.areas.map(selfScoreOf).filter((s): s is number => s !== undefined);
  return {
    index: { id: model.index.id, title: model.index.title, year: model.index.year },
    asOf: model.asOf,
    git: model.git,
    history: fileRecords !== undefined,
    rows,
    total: {
      maxScore: model.totals.max,
      selfScore: areaSelf.length > 0 ? roundScore(areaSelf.reduce((a, b) => a + b, 0)) : undefined,
      secured: model.totals.secured,
    },
  };
}

function stateText(row: SelfAssessmentRow, locale: Locale): string {
  if (row.state === 'waived') return row.notApplicable ? `${t(locale, 'state.waived')}: ${row.notApplicable}` : t(locale, 'state.waived');
  return t(locale, `state.${row.state}`) + (row.overdue ? ` · ${t(locale, 'state.overdue')}` : '');
}

function fileNote(file: SelfAssessmentFile, locale: Locale): string {
  return file.git === 'untracked' ? t(locale, 'report.uncommitted') : file.git === 'modified' ? t(locale, 'report.modified') : '';
}

/** `62.0%` (`62,0%` for Vietnamese readers, `62.0%` always in CSV), `—` for a measured leaf without a figure, empty for the others. */
function rateCell(row: SelfAssessmentRow, locale: Locale | 'csv'): string | undefined {
  if (row.rate === undefined) return undefined;
  return row.rate === null ? '—' : locale === 'csv' ? `${row.rate.toFixed(1)}%` : formatRate(row.rate, locale);
}

function header(locale: Locale): string[] {
  return [
    t(locale, 'report.id'),
    t(locale, 'report.criterion.title'),
    t(locale, 'report.unit'),
    t(locale, 'report.max'),
    t(locale, 'report.selfScore'),
    t(locale, 'report.securedPoints'),
    t(locale, 'report.rate'),
    t(locale, 'report.state'),
    t(locale, 'report.due'),
    t(locale, 'report.evidenceFiles'),
    t(locale, 'report.commit'),
    t(locale, 'report.commitDate'),
  ];
}

/** CSV (UTF-8 with BOM, CRLF): one line per criterion; a leaf's files, commits and dates one per line inside their cells. */
export function renderSelfAssessmentCsv(table: SelfAssessment, locale: Locale): string {
  const lines: Array<Array<string | number | undefined>> = [header(locale)];
  for (const row of table.rows) {
    lines.push([
      row.id,
      row.title,
      row.owner,
      row.maxScore,
      row.selfScore,
      row.secured,
      rateCell(row, 'csv'),
      stateText(row, locale),
      row.due,
      row.files.map((f) => f.path + (fileNote(f, locale) ? ` (${fileNote(f, locale)})` : '')).join('\n') || undefined,
      row.files.map((f) => f.shortHash ?? '—').join('\n') || undefined,
      row.files.map((f) => f.date ?? '—').join('\n') || undefined,
    ]);
  }
  lines.push(['', t(locale, 'report.total'), '', table.total.maxScore, table.total.selfScore, table.total.secured, '']);
  return toCsv(lines);
}

export function renderSelfAssessmentHtml(table: SelfAssessment, locale: Locale): string {
  const title = `${t(locale, 'report.selfTitle')} — ${table.index.title || table.index.id}`;
  const num = (n: number | undefined) => `<td class="num">${n === undefined ? '' : escapeHtml(formatNumber(n, locale))}</td>`;
  const head = header(locale)
    .map((h, i) => `<th${i >= 3 && i <= 6 ? ' class="num"' : ''}>${escapeHtml(h)}</th>`)
    .join('');
  const fileCell = (files: SelfAssessmentFile[], pick: (f: SelfAssessmentFile) => string) => `<td class="files">${files.map((f) => `<div>${escapeHtml(pick(f))}</div>`).join('')}</td>`;
  const rows = table.rows.map((row) => {
    const indent = row.depth > 0 ? ` style="padding-left:${8 + row.depth * 14}px"` : '';
    return (
      `<tr${row.depth === 0 ? ' class="area"' : ''}>` +
      `<td>${escapeHtml(row.id)}</td><td${indent}>${escapeHtml(row.title)}</td><td>${escapeHtml(row.owner ?? '')}</td>` +
      num(row.maxScore) +
      num(row.selfScore) +
      num(row.secured) +
      `<td class="num">${escapeHtml(rateCell(row, locale) ?? '')}</td>` +
      `<td class="state-${row.state}">${escapeHtml(stateText(row, locale))}</td><td>${escapeHtml(row.due ?? '')}</td>` +
      fileCell(row.files, (f) => f.path + (fileNote(f, locale) ? ` (${fileNote(f, locale)})` : '')) +
      fileCell(row.files, (f) => f.shortHash ?? '—') +
      fileCell(row.files, (f) => f.date ?? '—') +
      '</tr>'
    );
  });
  const total = `<tr class="area"><td></td><td>${escapeHtml(t(locale, 'report.total'))}</td><td></td>${num(table.total.maxScore)}${num(table.total.selfScore)}${num(table.total.secured)}<td colspan="6"></td></tr>`;
  const notes = [t(locale, 'label.asOf', table.asOf)];
  if (!table.history) notes.push(t(locale, 'report.noHistory'));
  const body = [
    `<h1>${escapeHtml(title)}</h1>`,
    ...notes.map((n) => `<p class="sub">${escapeHtml(n)}</p>`),
    `<table><thead><tr>${head}</tr></thead><tbody>${rows.join('')}${total}</tbody></table>`,
    `<p class="foot">${escapeHtml(t(locale, 'report.generated', table.asOf))}</p>`,
  ];
  return htmlPage({ title, lang: locale, body: body.join('\n') });
}

/**
 * The form as a real .xlsx (exceljs, loaded on first use): header row, widths, areas in bold, numbers as numbers,
 * rates as percentages, and criterion ids as text, so that "3.10" never becomes the number 3.1 (criterion 3.1).
 */
export async function renderSelfAssessmentXlsx(table: SelfAssessment, locale: Locale): Promise<Buffer> {
  const { Workbook } = loadExcelJs();
  const workbook = new Workbook();
  workbook.creator = 'Reform Evidence';
  const sheet = workbook.addWorksheet(t(locale, 'report.selfTitle').slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  const widths = [10, 60, 12, 10, 10, 10, 10, 24, 12, 60, 12, 12];
  sheet.columns = header(locale).map((h, i) => ({ header: h, width: widths[i] ?? 12 }));
  sheet.getRow(1).font = { bold: true };
  sheet.getColumn(1).numFmt = '@';
  const addRow = (values: Array<string | number | null | undefined>, bold: boolean) => {
    const row = sheet.addRow(values.map((v) => v ?? null));
    // An id stays text: a string value plus the text format, so Excel neither converts nor warns.
    row.getCell(1).numFmt = '@';
    row.getCell(7).numFmt = '0.0%';
    for (const c of [4, 5, 6]) row.getCell(c).numFmt = '0.##';
    for (const c of [10, 11, 12]) row.getCell(c).alignment = { wrapText: true, vertical: 'top' };
    if (bold) row.font = { bold: true };
  };
  for (const row of table.rows) {
    addRow([
      row.id,
      row.title,
      row.owner,
      row.maxScore,
      row.selfScore,
      row.secured,
      row.rate === undefined || row.rate === null ? undefined : row.rate / 100,
      stateText(row, locale),
      row.due,
      row.files.map((f) => f.path + (fileNote(f, locale) ? ` (${fileNote(f, locale)})` : '')).join('\n') || undefined,
      row.files.map((f) => f.shortHash ?? '—').join('\n') || undefined,
      row.files.map((f) => f.date ?? '—').join('\n') || undefined,
    ], row.depth === 0);
  }
  addRow(['', t(locale, 'report.total'), '', table.total.maxScore, table.total.selfScore, table.total.secured], true);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
