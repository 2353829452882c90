// Cells of the staff's monthly spreadsheets read as numbers and months. Pure functions.

/**
 * A count as a Vietnamese or English spreadsheet writes it: `1.234`, `1,234`, `1 234`, `1.234,5`, `1,234.5`.
 * With both separators the last one is the decimal mark; with one, it is a thousands separator when every group
 * after it has three digits (counts are whole numbers), else the decimal mark. Undefined when it is no number.
 */
export function parseNumber(text: string): number | undefined {
  let s = text.trim().replace(/[\s\u00a0\u202f']/g, '');
  if (s === '') return undefined;
  const sign = s.startsWith('-') ? -1 : 1;
  if (s.startsWith('-') || s.startsWith('+')) s = s.slice(1);
  if (!/^[0-9.,]+$/.test(s) || !/[0-9]/.test(s)) return undefined;
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  let normal: string;
  if (lastDot >= 0 && lastComma >= 0) {
    const [decimal, thousands] = lastDot > lastComma ? ['.', ','] : [',', '.'];
    const [whole, fraction] = [s.slice(0, s.lastIndexOf(decimal)), s.slice(s.lastIndexOf(decimal) + 1)];
    if (!isGrouped(whole, thousands) || fraction.includes(thousands)) return undefined;
    normal = whole.split(thousands).join('') + '.' + fraction;
  } else if (lastDot >= 0 || lastComma >= 0) {
    const sep = lastDot >= 0 ? '.' : ',';
    const parts = s.split(sep);
    if (parts.length > 2 || isGrouped(s, sep)) {
      if (!isGrouped(s, sep)) return undefined;
      normal = parts.join('');
    } else {
      normal = parts[0] + '.' + parts[1];
    }
  } else {
    normal = s;
  }
  if (!/^\d*\.?\d+$|^\d+\.$/.test(normal)) return undefined;
  const value = sign * Number(normal);
  return Number.isFinite(value) ? value : undefined;
}

/** `1.234.567` with `.`: digits in groups of three after a first group of one to three. */
function isGrouped(s: string, sep: string): boolean {
  const parts = s.split(sep);
  return parts.length > 1 && /^\d{1,3}$/.test(parts[0]) && parts.slice(1).every((p) => /^\d{3}$/.test(p));
}

const pad = (n: number) => String(n).padStart(2, '0');

function month(year: number, m: number): string | undefined {
  return year >= 1900 && year <= 2200 && m >= 1 && m <= 12 ? `${year}-${pad(m)}` : undefined;
}

/**
 * The month (YYYY-MM) a period cell names: `2025-01`, `01/2025`, `1/2025`, `Tháng 1/2025`, a date text
 * (`2025-01-15`, `15/01/2025`, day first as Vietnamese write it) or a date cell (its month, in UTC as
 * spreadsheets store it). Undefined when it names no month.
 */
export function parsePeriod(value: string | number | Date): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : month(value.getUTCFullYear(), value.getUTCMonth() + 1);
  if (typeof value === 'number') return undefined;
  const s = value.trim().normalize('NFC').replace(/^(tháng|thang|th\.?|t)\s*/i, '');
  let m = /^(\d{4})[-/.](\d{1,2})$/.exec(s);
  if (m) return month(Number(m[1]), Number(m[2]));
  m = /^(\d{1,2})[-/.](\d{4})$/.exec(s);
  if (m) return month(Number(m[2]), Number(m[1]));
  m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (m) return realDay(Number(m[1]), Number(m[2]), Number(m[3])) ? month(Number(m[1]), Number(m[2])) : undefined;
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[T ][\d:.]+)?$/.exec(s);
  if (m) return realDay(Number(m[3]), Number(m[2]), Number(m[1])) ? month(Number(m[3]), Number(m[2])) : undefined;
  return undefined;
}

function realDay(year: number, m: number, day: number): boolean {
  const date = new Date(Date.UTC(year, m - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === m - 1 && date.getUTCDate() === day;
}

/** Column letters of a 0-based column index: 0 → A, 26 → AA. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** A header as matched: trimmed, Unicode NFC, inner runs of white space as one space. */
export function headerKey(text: string): string {
  return text.normalize('NFC').trim().replace(/\s+/g, ' ');
}
