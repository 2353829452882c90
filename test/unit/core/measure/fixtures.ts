// Shared fixtures of the measure tests: the measured criterion (leaf 1.1, maxScore 2, owner VP), its measure
// lines, an .xlsx written by ExcelJS and a zip archive built byte by byte.
import { loadExcelJs } from '../../../../src/core/measure/table';
import { areaCriteria } from '../../helpers';

/** The three headers every measure of these tests reads. */
export const SPEC = { period: 'Tháng', numerator: 'Đã thanh toán', denominator: 'Phải nộp phí' };

/** The lines (indented under `measure:`) of a measure of `data` with SPEC's headers; `rule` adds lines (bands…). */
export function measureLines(data: string, rule = ''): string {
  return `          data: "${data}"
          period: Tháng
          numerator: Đã thanh toán
          denominator: Phải nộp phí
${rule}`;
}

export interface MeasuredCriteria {
  /** The `index:` flow mapping (default: year 2025, no evidenceRoot). */
  index?: string;
  /** Lines of leaf 1.1 written before its `measure:` (an `evidence:` list). */
  beforeMeasure?: string;
  /** The measure's lines, indented by ten spaces (default: `measureLines('3/tt.csv')`). */
  measure?: string;
  /** Text after the measure (more leaves of area 1). */
  after?: string;
}

/** A criteria file with one area "1" whose leaf 1.1 (maxScore 2, owner VP) carries `measure`. */
export function measuredCriteria({ index = '{ id: t, title: T, year: 2025 }', beforeMeasure = '', measure = measureLines('3/tt.csv'), after = '' }: MeasuredCriteria = {}): string {
  return areaCriteria({
    index,
    children: `      - id: "1.1"
        title: Tỷ lệ thanh toán trực tuyến
        maxScore: 2
        owner: VP
${beforeMeasure}        measure:
${measure}`,
    after,
  });
}

/** An .xlsx written by ExcelJS: `fill` adds the sheets. */
export async function workbookBytes(fill: (wb: import('exceljs').Workbook) => void): Promise<Buffer> {
  const { Workbook } = loadExcelJs();
  const wb = new Workbook();
  fill(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface ZipPart {
  name: string;
  data: Buffer | string;
  /** 0 stored (default), 8 deflated: the data is written as given either way. */
  method?: number;
  /** The inflated size the directory declares (default: the data's length). */
  size?: number;
  localExtra?: number;
  centralExtra?: number;
  comment?: number;
}

/** A zip archive of `parts`, with optional extra fields, entry comments and an archive comment. */
export function zipOf(parts: ZipPart[], archiveComment = 0): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const data = Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data);
    const method = p.method ?? 0;
    const size = p.size ?? data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(p.localExtra ?? 0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(p.centralExtra ?? 0, 30);
    central.writeUInt16LE(p.comment ?? 0, 32);
    central.writeUInt32LE(offset, 42);
    const localPart = Buffer.concat([local, name, Buffer.alloc(p.localExtra ?? 0, 0x41), data]);
    locals.push(localPart);
    centrals.push(Buffer.concat([central, name, Buffer.alloc(p.centralExtra ?? 0, 0x42), Buffer.alloc(p.comment ?? 0, 0x43)]));
    offset += localPart.length;
  }
  const centralPart = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(centralPart.length, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(archiveComment, 20);
  return Buffer.concat([...locals, centralPart, end, Buffer.alloc(archiveComment, 0x20)]);
}

/** A zip of stored parts (name → content), sizes true: passes the zip check. */
export const storedZip = (parts: Record<string, Buffer | string>): Buffer => zipOf(Object.entries(parts).map(([name, data]) => ({ name, data })));
