#!/usr/bin/env node
// Writes the monthly data files of examples/ward-2025 (invented figures, January–October 2025): CSV as a
// Vietnamese Excel saves it, and real .xlsx through exceljs. The figures are fixed; the .xlsx bytes differ
// from run to run (zip entry times), so commit them only when the figures change. `node scripts/make-example-data.mjs`
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const evidence = path.join(root, 'examples/ward-2025/evidence');
const ExcelJS = createRequire(import.meta.url)('exceljs');
const MONTHS = Array.from({ length: 10 }, (_, i) => i + 1);
const FIXED = new Date(Date.UTC(2025, 10, 3));

/** n × rate, as whole cases, with a small monthly wobble so the chart has a shape. */
const series = (base, rates) => MONTHS.map((m, i) => {
  const denominator = base + ((m * 37) % 23);
  return [m, Math.round(denominator * rates[i]), denominator];
});

/** Semicolon CSV with a BOM, CRLF and thousands separators, as "CSV UTF-8" from a Vietnamese Excel. */
function writeCsv(relative, headers, rows, { semicolon = true, bom = true } = {}) {
  const sep = semicolon ? ';' : ',';
  const number = (n) => (semicolon ? n.toLocaleString('de-DE') : String(n));
  const lines = [headers.join(sep), ...rows.map(([m, n, d]) => [semicolon ? `${String(m).padStart(2, '0')}/2025` : `2025-${String(m).padStart(2, '0')}`, number(n), number(d)].join(sep))];
  const file = path.join(evidence, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, (bom ? '\uFEFF' : '') + lines.join(semicolon ? '\r\n' : '\n') + (semicolon ? '\r\n' : '\n'));
}

/** An .xlsx with a notes sheet first and the figures on sheet "Số liệu": month as a date cell, the rate as a formula. */
async function writeXlsx(relative, headers, rows) {
  const wb = new ExcelJS.Workbook();
  wb.created = FIXED;
  wb.modified = FIXED;
  wb.creator = 'Reform Evidence example';
  const notes = wb.addWorksheet('Ghi chú');
  notes.getCell('A1').value = 'Số liệu hư cấu, xuất từ Hệ thống thông tin giải quyết TTHC (ví dụ).';
  const ws = wb.addWorksheet('Số liệu');
  ws.addRow([...headers, 'Tỷ lệ (%)']).font = { bold: true };
  rows.forEach(([m, n, d], i) => {
    const row = ws.addRow([new Date(Date.UTC(2025, m - 1, 1)), n, d, { formula: `ROUND(B${i + 2}/C${i + 2}*100,1)`, result: Math.round((n / d) * 1000) / 10 }]);
    row.getCell(1).numFmt = 'mm/yyyy';
  });
  ws.columns.forEach((c, i) => (c.width = i === 0 ? 12 : 24));
  const file = path.join(evidence, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
}

const TTHC = '3 Thủ tục hành chính';
// PAR Index rate criteria (criteria.yaml). Some above, some below their full-points threshold.
writeCsv(`${TTHC}/3.4 Kết quả giải quyết TTHC/Số liệu/Giải quyết đúng hạn 2025.csv`, ['Tháng', 'Hồ sơ đúng hạn', 'Hồ sơ đã giải quyết'],
  series(1180, [0.95, 0.955, 0.96, 0.965, 0.962, 0.97, 0.972, 0.968, 0.975, 0.98]));
await writeXlsx(`${TTHC}/3.5 Dịch vụ công trực tuyến/Hồ sơ trực tuyến/Số liệu/Hồ sơ trực tuyến 2025.xlsx`, ['Tháng', 'Hồ sơ nộp trực tuyến', 'Hồ sơ tiếp nhận'],
  series(1180, [0.48, 0.5, 0.52, 0.55, 0.57, 0.58, 0.6, 0.61, 0.63, 0.65]));
await writeXlsx(`${TTHC}/3.5 Dịch vụ công trực tuyến/Thanh toán trực tuyến/Số liệu/Thanh toán trực tuyến 2025.xlsx`, ['Tháng', 'Đã thanh toán trực tuyến', 'Hồ sơ phải nộp phí'],
  series(310, [0.5, 0.52, 0.55, 0.58, 0.6, 0.62, 0.64, 0.66, 0.7, 0.72]));
await writeXlsx(`${TTHC}/3.6 Số hóa hồ sơ/Số liệu/Dữ liệu số hóa 2025.xlsx`, ['Tháng', 'Hồ sơ được số hóa', 'Hồ sơ tiếp nhận'],
  series(1180, [0.6, 0.62, 0.65, 0.66, 0.68, 0.7, 0.72, 0.73, 0.75, 0.76]));
writeCsv('7 Chính quyền số/7.1 Quản lý văn bản/Số liệu/Văn bản ký số 2025.csv', ['Tháng', 'Văn bản ký số', 'Văn bản đi'],
  series(140, [0.9, 0.91, 0.92, 0.93, 0.93, 0.94, 0.95, 0.95, 0.96, 0.97]), { semicolon: false, bom: false });
writeCsv('8 Tác động của CCHC/8.1 Sự hài lòng/Số liệu/Hài lòng 2025.csv', ['Tháng', 'Phiếu hài lòng', 'Phiếu khảo sát'],
  series(240, [0.9, 0.91, 0.92, 0.93, 0.93, 0.94, 0.94, 0.95, 0.95, 0.96]));

// The service-quality index (chat-luong-phuc-vu.yaml): one file per group.
const CL = 'Chỉ số chất lượng phục vụ';
writeCsv(`${CL}/1 Công khai minh bạch.csv`, ['Tháng', 'TTHC công khai đúng hạn', 'TTHC phải công khai'], series(40, [1, 1, 0.97, 1, 1, 0.98, 1, 1, 1, 1]));
writeCsv(`${CL}/2 Tiến độ giải quyết.csv`, ['Tháng', 'Hồ sơ đúng hạn', 'Hồ sơ đã giải quyết'], series(1180, [0.95, 0.955, 0.96, 0.965, 0.962, 0.97, 0.972, 0.968, 0.975, 0.98]));
await writeXlsx(`${CL}/3 Dịch vụ công trực tuyến.xlsx`, ['Tháng', 'Hồ sơ nộp trực tuyến', 'Hồ sơ tiếp nhận'], series(1180, [0.48, 0.5, 0.52, 0.55, 0.57, 0.58, 0.6, 0.61, 0.63, 0.65]));
writeCsv(`${CL}/4 Mức độ hài lòng.csv`, ['Tháng', 'Đánh giá hài lòng', 'Lượt đánh giá'], series(300, [0.86, 0.87, 0.88, 0.88, 0.89, 0.9, 0.9, 0.91, 0.92, 0.92]));
await writeXlsx(`${CL}/5 Số hóa hồ sơ.xlsx`, ['Tháng', 'Hồ sơ được số hóa', 'Hồ sơ tiếp nhận'], series(1180, [0.6, 0.62, 0.65, 0.66, 0.68, 0.7, 0.72, 0.73, 0.75, 0.76]));
console.log('wrote the example data files under examples/ward-2025/evidence');
