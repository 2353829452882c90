// The portfolio as Markdown (terminal), a script-free HTML page with a heat map, CSV for Excel and .xlsx.
import { t, type Locale } from '../i18n/messages';
import { formatDate, formatNumber } from '../present/numbers';
import { escapeHtml, escapeMarkdown, percent, toCsv } from '../report/format';
import { htmlPage } from '../report/html';
import { loadExcelJs } from '../measure/table';
import { FAILED_LOOK, STATE_LOOKS, type StateLook } from '../present/states';
import { scoredOn, type Portfolio, type PortfolioWard } from './portfolio';

/**
 * A ward's look in a list, in the states' vocabulary: failed (not loaded, or its criteria file has errors),
 * overdue, every scored criterion with evidence (present), none (missing), some (partial).
 */
export function wardLook(w: PortfolioWard): StateLook {
  if (w.error !== undefined || w.problems.errors > 0) return FAILED_LOOK;
  if (w.totals.overdue > 0) return STATE_LOOKS.overdue;
  if (w.totals.criteria === 0 || w.totals.complete === w.totals.criteria) return STATE_LOOKS.present;
  return w.totals.complete === 0 ? STATE_LOOKS.missing : STATE_LOOKS.partial;
}

function verifyText(w: PortfolioWard, locale: Locale): string {
  if (w.error !== undefined) return '';
  if (!w.git) return t(locale, 'portfolio.noGit');
  if (!w.verify) return t(locale, 'portfolio.verifyNotRun');
  return w.verify.problems === 0 ? t(locale, 'portfolio.verifyOk', w.verify.commits) : t(locale, 'portfolio.verifyProblems', w.verify.problems, w.verify.offending.length);
}

function lastText(w: PortfolioWard, locale: Locale): string {
  if (w.error !== undefined) return '';
  if (!w.git) return t(locale, 'portfolio.noGit');
  return w.lastEvidence ? `${formatDate(w.lastEvidence.date.slice(0, 10), locale)} ${w.lastEvidence.shortHash}` : t(locale, 'portfolio.noCommit');
}

function noteText(w: PortfolioWard, locale: Locale): string {
  if (w.error !== undefined) return w.error;
  if (w.problems.errors > 0) return t(locale, 'portfolio.errors', w.problems.errors, w.firstError ?? '');
  return '';
}

/** A version as shown: a Git blob id shortened like Git's short hashes. */
const versionText = (version: string) => (/^[0-9a-f]{40,64}$/.test(version) ? version.slice(0, 12) : version);

function indexLabel(x: { id: string; year?: number; version?: string }, locale: Locale): string {
  const name = x.year !== undefined ? `${x.id} (${x.year})` : x.id;
  return x.version !== undefined ? t(locale, 'portfolio.indexVersion', name, versionText(x.version)) : name;
}

function indexText(w: PortfolioWard, locale: Locale): string {
  if (w.error !== undefined) return '';
  const on = w.index.extends;
  return on ? t(locale, 'portfolio.extendsIndex', indexLabel(scoredOn(w), locale), on.path) : indexLabel(scoredOn(w), locale);
}

/** One ranking row as plain values (numbers as numbers): the columns of every format. */
export interface RankingRow {
  rank: string;
  ward: string;
  index: string;
  secured?: number;
  max?: number;
  atRisk?: number;
  overdue?: number;
  complete?: number;
  criteria?: number;
  last: string;
  verify: string;
  note: string;
}

export function rankingRows(p: Portfolio, locale: Locale): RankingRow[] {
  return p.ranking.map((i) => {
    const w = p.wards[i];
    const loaded = w.error === undefined;
    return {
      rank: w.rank !== undefined ? String(w.rank) : '—',
      ward: w.path,
      index: indexText(w, locale),
      secured: loaded ? w.totals.secured : undefined,
      max: loaded ? w.totals.max - w.totals.waived : undefined,
      atRisk: loaded ? w.totals.atRisk : undefined,
      overdue: loaded ? w.totals.overdue : undefined,
      complete: loaded ? w.totals.complete : undefined,
      criteria: loaded ? w.totals.criteria : undefined,
      last: lastText(w, locale),
      verify: verifyText(w, locale),
      note: noteText(w, locale),
    };
  });
}

function header(locale: Locale): string[] {
  return [
    t(locale, 'portfolio.rank'),
    t(locale, 'portfolio.ward'),
    t(locale, 'portfolio.index'),
    t(locale, 'portfolio.securedOfMax'),
    t(locale, 'report.atRisk'),
    t(locale, 'report.overdue'),
    t(locale, 'report.withEvidence'),
    t(locale, 'portfolio.lastEvidence'),
    t(locale, 'portfolio.verify'),
    t(locale, 'portfolio.notes'),
  ];
}

const num = (n: number | undefined, locale: Locale) => (n === undefined ? '' : formatNumber(n, locale));
const securedCell = (r: RankingRow, locale: Locale) => (r.secured === undefined ? '' : `${num(r.secured, locale)}/${num(r.max, locale)}`);
const evidenceCell = (r: RankingRow, locale: Locale) => (r.criteria === undefined ? '' : `${num(r.complete, locale)}/${num(r.criteria, locale)} (${percent(r.complete ?? 0, r.criteria)}%)`);

/** The notes under the title: as-of date, how many ranked, and when the wards use different indexes. */
function notes(p: Portfolio, locale: Locale): string[] {
  const ranked = p.wards.filter((w) => w.rank !== undefined).length;
  const out = [t(locale, 'label.asOf', formatDate(p.asOf, locale)), t(locale, 'portfolio.summary', p.wards.length, ranked, p.wards.length - ranked)];
  // The same city's index at different versions (or also as a ward's own file) is said apart: it is easy to miss.
  const byName = new Map<string, string[]>();
  for (const x of p.indexes) {
    const name = x.year !== undefined ? `${x.id} (${x.year})` : x.id;
    byName.set(name, [...(byName.get(name) ?? []), x.version !== undefined ? versionText(x.version) : t(locale, 'portfolio.ownFile')]);
  }
  if (byName.size > 1) out.push(t(locale, 'portfolio.severalIndexes', p.indexes.length, p.indexes.map((x) => indexLabel(x, locale)).join(', ')));
  for (const [name, versions] of byName) if (versions.length > 1) out.push(t(locale, 'portfolio.severalVersions', name, versions.length, versions.join(', ')));
  if (ranked < p.wards.length) out.push(t(locale, 'portfolio.unrankedRule'));
  return out;
}

/** Ward rows of the matrix in ranking order, with their cells. */
function matrixRows(p: Portfolio): Array<{ ward: string; index: number; cells: Array<number | null> }> {
  return p.ranking.filter((i) => p.wards[i].error === undefined).map((i) => ({ ward: p.wards[i].path, index: i, cells: p.matrix.atRisk[i] }));
}

export function renderPortfolioMarkdown(p: Portfolio, locale: Locale): string {
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const lines = [`# ${escapeMarkdown(t(locale, 'portfolio.title'))}`, '', ...notes(p, locale).map((n) => escapeMarkdown(n) + '  '), '', `## ${escapeMarkdown(t(locale, 'portfolio.ranking'))}`, ''];
  const head = header(locale);
  lines.push(row(head.map(escapeMarkdown)), row(head.map((_, i) => (i === 0 || (i >= 3 && i <= 6) ? '---:' : '---'))));
  for (const r of rankingRows(p, locale)) {
    lines.push(row([r.rank, r.ward, r.index, securedCell(r, locale), num(r.atRisk, locale), num(r.overdue, locale), evidenceCell(r, locale), r.last, r.verify, r.note].map(escapeMarkdown)));
  }
  if (p.matrix.areas.length > 0) {
    lines.push('', `## ${escapeMarkdown(t(locale, 'portfolio.matrix'))}`, '', escapeMarkdown(t(locale, 'portfolio.matrixNote')), '');
    lines.push(row([t(locale, 'portfolio.ward'), ...p.matrix.areas.map((a) => a.id)].map(escapeMarkdown)), row(['---', ...p.matrix.areas.map(() => '---:')]));
    for (const m of matrixRows(p)) lines.push(row([escapeMarkdown(m.ward), ...m.cells.map((c) => (c === null ? '' : num(c, locale)))]));
  }
  return lines.join('\n') + '\n';
}

/** Heat colour of a cell: transparent at 0, full red at the matrix's largest value (inline style: no script). */
export function heatStyle(value: number, max: number): string {
  const alpha = max > 0 ? Math.round((value / max) * 85) / 100 : 0;
  const ink = alpha > 0.5 ? '#ffffff' : 'inherit';
  return `background:rgba(207,34,46,${alpha});color:${ink};print-color-adjust:exact;-webkit-print-color-adjust:exact`;
}

export interface PortfolioHtmlOptions {
  /**
   * A link for a ward's name (the editor's portfolio links each ward to its own dashboard); none by default.
   * Escaped here: any string is safe.
   */
  wardHref?: (ward: PortfolioWard) => string | undefined;
}

export function renderPortfolioHtml(p: Portfolio, locale: Locale, options: PortfolioHtmlOptions = {}): string {
  const title = t(locale, 'portfolio.title');
  const wardCell = (index: number, text: string) => {
    const href = options.wardHref?.(p.wards[index]);
    return href === undefined ? `<td>${escapeHtml(text)}</td>` : `<td><a href="${escapeHtml(href)}">${escapeHtml(text)}</a></td>`;
  };
  const head = header(locale)
    .map((h, i) => `<th${i === 0 || (i >= 3 && i <= 6) ? ' class="num"' : ''}>${escapeHtml(h)}</th>`)
    .join('');
  const cell = (text: string, numeric = false) => `<td${numeric ? ' class="num"' : ''}>${escapeHtml(text)}</td>`;
  const rows = rankingRows(p, locale).map(
    (r, k) =>
      '<tr>' +
      cell(r.rank, true) +
      wardCell(p.ranking[k], r.ward) +
      cell(r.index) +
      cell(securedCell(r, locale), true) +
      cell(num(r.atRisk, locale), true) +
      cell(num(r.overdue, locale), true) +
      cell(evidenceCell(r, locale), true) +
      cell(r.last) +
      cell(r.verify) +
      cell(r.note) +
      '</tr>',
  );
  const body = [`<h1>${escapeHtml(title)}</h1>`, ...notes(p, locale).map((n) => `<p class="sub">${escapeHtml(n)}</p>`)];
  body.push(`<h2>${escapeHtml(t(locale, 'portfolio.ranking'))}</h2>`, `<table><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`);
  if (p.matrix.areas.length > 0) {
    const areaHead = p.matrix.areas.map((a) => `<th class="num" title="${escapeHtml(a.title)}">${escapeHtml(a.id)}</th>`).join('');
    const matrix = matrixRows(p).map(
      (m) =>
        '<tr>' +
        wardCell(m.index, m.ward) +
        m.cells.map((c) => (c === null ? '<td class="num"></td>' : `<td class="num heat" style="${heatStyle(c, p.matrix.max)}">${escapeHtml(num(c, locale))}</td>`)).join('') +
        '</tr>',
    );
    const legend = p.matrix.areas.map((a) => `<li><b>${escapeHtml(a.id)}</b> ${escapeHtml(a.title)}</li>`).join('');
    body.push(
      `<h2>${escapeHtml(t(locale, 'portfolio.matrix'))}</h2>`,
      `<p class="note">${escapeHtml(t(locale, 'portfolio.matrixNote'))}</p>`,
      `<table class="heatmap"><thead><tr><th>${escapeHtml(t(locale, 'portfolio.ward'))}</th>${areaHead}</tr></thead><tbody>${matrix.join('')}</tbody></table>`,
      `<ul>${legend}</ul>`,
    );
  }
  body.push(`<p class="foot">${escapeHtml(t(locale, 'report.generated', formatDate(p.asOf, locale)))}</p>`);
  return htmlPage({ title, lang: locale, body: body.join('\n') });
}

function tableRows(p: Portfolio, locale: Locale): Array<Array<string | number | undefined>> {
  const areaOf = new Map(p.wards.map((w, i) => [w.path, p.matrix.atRisk[i]]));
  const head = [...header(locale).slice(0, 3), t(locale, 'report.secured'), t(locale, 'report.max'), t(locale, 'report.atRisk'), t(locale, 'report.overdue'), t(locale, 'report.withEvidence'), t(locale, 'report.criteria'), ...header(locale).slice(7)];
  const out: Array<Array<string | number | undefined>> = [[...head, ...p.matrix.areas.map((a) => `${t(locale, 'report.atRisk')} ${a.id}. ${a.title}`)]];
  for (const r of rankingRows(p, locale)) {
    const cells = r.secured === undefined ? [] : (areaOf.get(r.ward) ?? []);
    out.push([r.rank === '—' ? undefined : Number(r.rank), r.ward, r.index, r.secured, r.max, r.atRisk, r.overdue, r.complete, r.criteria, r.last, r.verify, r.note, ...cells.map((c) => (c === null ? undefined : c))]);
  }
  return out;
}

/**
 * CSV (UTF-8 with BOM, CRLF, formula-looking text quoted off by csvField): one line per ward in ranking order,
 * the totals split into numbers, then one column of points at risk per area (the matrix).
 */
export function renderPortfolioCsv(p: Portfolio, locale: Locale): string {
  return toCsv(tableRows(p, locale));
}

/** The same table as a workbook: numbers as numbers, ward paths and ids as text. */
export async function renderPortfolioXlsx(p: Portfolio, locale: Locale): Promise<Buffer> {
  const { Workbook } = loadExcelJs();
  const workbook = new Workbook();
  workbook.creator = 'Reform Evidence';
  const sheet = workbook.addWorksheet(t(locale, 'portfolio.title').slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  const [head, ...rows] = tableRows(p, locale);
  sheet.columns = head.map((h, i) => ({ header: String(h), width: i === 1 || i === 11 ? 40 : 12 }));
  sheet.getRow(1).font = { bold: true };
  for (const values of rows) {
    // Text cells are written as given: exceljs stores a string as a string, never as a formula.
    const row = sheet.addRow(values.map((v) => v ?? null));
    for (const c of [2, 3]) row.getCell(c).numFmt = '@';
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
