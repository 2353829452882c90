// Small pure helpers shared by the reports: numbers, dates and escaping for HTML, Markdown and CSV.

/** A score as people write it: 1.5, 40, 0.25 (no binary noise). */
export function formatScore(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/** A share 0..1 as a whole percentage. */
export function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 100) : 100;
}

/** YYYY-MM-DD plus `days` (may be negative), in calendar days. */
export function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  const ms = (iso: string) => {
    const [y, m, d] = iso.split('-').map(Number);
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((ms(to) - ms(from)) / 86_400_000);
}

/** The calendar day of an ISO 8601 timestamp as its author wrote it (the local date, before the offset). */
export function dayOf(timestamp: string): string {
  return timestamp.slice(0, 10);
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe inside HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** Text safe inside a Markdown table cell or paragraph: no markup (~~ strikes through too), no raw HTML, no line breaks. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_[\]|#~]/g, (c) => '\\' + c)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. Text that a spreadsheet
 * would run as a formula (=, +, -, @ first) gets a leading apostrophe, so a criteria file cannot plant one.
 */
export function csvField(value: string | number | undefined): string {
  if (value === undefined) return '';
  let s = typeof value === 'number' ? formatScore(value) : value;
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = "'" + s;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV text for Excel: UTF-8 byte order mark (so Vietnamese shows correctly), CRLF line ends. */
export function toCsv(rows: Array<Array<string | number | undefined>>): string {
  return '\uFEFF' + rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/**
 * Text for a VS Code notification. Notifications turn `[label](https://…)`, `[label](command:…)` and
 * `[label](file:…)` into links, and a command link runs the command (with arguments) when clicked: a file or
 * criterion name must not become one. A zero-width space between `]` and `(` keeps the text as it looks.
 */
export function notificationText(text: string): string {
  return text.replace(/\]\(/g, ']\u200b(');
}

/**
 * Text for `vscode.MarkdownString.appendText`, which escapes Markdown but not HTML: a tooltip without
 * `supportHtml` drops every tag, so `<b>` in a title would silently vanish. As entities it shows as typed.
 */
export function markdownStringText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}
