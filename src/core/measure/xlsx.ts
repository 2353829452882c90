// Reads the cells of one worksheet of an .xlsx from its already inflated parts (zipGuard.ts): sheet names,
// shared strings, date styles and cell values (a formula's cached value). exceljs takes some 100 ms and a
// 0.5 MB module per workbook, too slow for a province's hundreds of data files; exceljs still writes workbooks.
export interface XlsxCell {
  /** 0-based. */
  row: number;
  column: number;
  /** `B7`. */
  address: string;
  value: string | number | Date | null;
}

export type SheetResult = { cells: XlsxCell[] } | { missingSheet: string[] } | { error: string };

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
    e.startsWith('#x') ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : ENTITIES[e],
  );
}

/** One expression per attribute name, built once (attr runs for every cell). */
const ATTRIBUTE = new Map<string, RegExp>();

function attr(attributes: string, name: string): string | undefined {
  let re = ATTRIBUTE.get(name);
  if (!re) ATTRIBUTE.set(name, (re = new RegExp(`(?:^|\\s)${name}="([^"]*)"`)));
  const m = re.exec(attributes);
  return m ? decodeXml(m[1]) : undefined;
}

/** Text of every `<t>` in a string item or inline string (rich text runs joined), phonetic runs left out. */
function textOf(xml: string): string {
  let out = '';
  // The empty `<t …/>` first: the open form's `[^>]*` would take its `/` and read on to the next run's `</t>`.
  for (const m of xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '').matchAll(/<t(?:\s[^>]*)?\/>|<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)) out += decodeXml(m[1] ?? '');
  return out;
}

/** Built-in number formats that show a date or time (ECMA-376 §18.8.30). */
const DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** For each cell style index, whether its number format shows a date. */
function dateStyles(styles: string | undefined): boolean[] {
  if (!styles) return [];
  const custom = new Map<number, string>();
  for (const m of styles.matchAll(/<numFmt\b([^>]*)\/?>/g)) custom.set(Number(attr(m[1], 'numFmtId')), attr(m[1], 'formatCode') ?? '');
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '';
  return [...xfs.matchAll(/<xf\b([^>]*?)\/?>/g)].map((m) => {
    const id = Number(attr(m[1], 'numFmtId') ?? 0);
    if (DATE_FORMATS.has(id)) return true;
    const code = custom.get(id);
    // A date format has d, m or y outside quoted text and [colour]/[locale] brackets; "0.0%" has none.
    return code !== undefined && /[dmy]/i.test(code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, ''));
  });
}

function columnIndex(letters: string): number {
  let n = 0;
  for (const c of letters) n = n * 26 + (c.charCodeAt(0) - 64);
  return n - 1;
}

/** A serial day number of the workbook's date system as a UTC date. */
function serialDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - (date1904 ? -1462 : 0) - 25569) * 86400000));
}

const utf8 = (b: Buffer | undefined) => b?.toString('utf8');

export function readSheet(parts: Map<string, Buffer>, sheetName: string | undefined, same: (a: string, b: string) => boolean): SheetResult {
  const workbook = utf8(parts.get('xl/workbook.xml'));
  if (!workbook) return { error: 'no xl/workbook.xml: not a workbook' };
  const sheets = [...workbook.matchAll(/<sheet\b([^>]*?)\/?>/g)].map((m) => ({ name: attr(m[1], 'name') ?? '', rid: attr(m[1], 'r:id') ?? '' }));
  const sheet = sheetName === undefined ? sheets[0] : sheets.find((s) => same(s.name, sheetName));
  if (!sheet) return { missingSheet: sheets.map((s) => s.name) };
  const rels = utf8(parts.get('xl/_rels/workbook.xml.rels')) ?? '';
  const rel = [...rels.matchAll(/<Relationship\b([^>]*?)\/?>/g)].map((m) => m[1]).find((a) => attr(a, 'Id') === sheet.rid);
  const target = rel ? attr(rel, 'Target') ?? '' : '';
  const partName = target.startsWith('/') ? target.slice(1) : `xl/${target}`.replace(/\/\.\//g, '/');
  const xml = utf8(parts.get(partName));
  if (!xml) return { error: `no part ${partName} for sheet "${sheet.name}"` };
  const date1904 = /<workbookPr\b[^>]*\bdate1904="(1|true)"/.test(workbook);
  const shared = [...(utf8(parts.get('xl/sharedStrings.xml')) ?? '').matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)].map((m) => textOf(m[1] ?? ''));
  const isDate = dateStyles(utf8(parts.get('xl/styles.xml')));
  const cells: XlsxCell[] = [];
  for (const m of xml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const ref = attr(m[1], 'r');
    const at = ref ? /^([A-Z]+)(\d+)$/.exec(ref) : null;
    if (!at) continue;
    const type = attr(m[1], 't') ?? 'n';
    const inner = m[2] ?? '';
    const raw = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
    let value: XlsxCell['value'];
    if (type === 'inlineStr') value = textOf(/<is>([\s\S]*?)<\/is>/.exec(inner)?.[1] ?? '');
    else if (raw === undefined) value = null;
    else if (type === 's') value = shared[Number(raw)] ?? '';
    else if (type === 'str' || type === 'e') value = decodeXml(raw);
    else if (type === 'b') value = raw === '1' ? 'TRUE' : 'FALSE';
    else if (type === 'd') value = new Date(decodeXml(raw));
    else {
      const n = Number(raw);
      value = Number.isFinite(n) && isDate[Number(attr(m[1], 's') ?? 0)] ? serialDate(n, date1904) : n;
    }
    cells.push({ row: Number(at[2]) - 1, column: columnIndex(at[1]), address: ref!, value });
  }
  return { cells };
}
