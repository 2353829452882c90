// A zip bomb is refused from the archive's central directory, before anything is inflated: the sizes each part
// declares are summed first. Each part that is read is then inflated with its declared size as the cap, so a
// directory that lies about a size is caught too, without ever holding more than the limit in memory.
import { zlib } from '../node/lazy';

export type ZipVerdict = { ok: true; parts: Map<string, Buffer>; rowsBySheet: Map<string, number> } | { ok: false; inflated: number } | { ok: false; error: string };

/** The parts a workbook is read from (the rest — images, themes, printer settings — is only checked). */
const KEPT = /^xl\/(workbook\.xml|_rels\/workbook\.xml\.rels|sharedStrings\.xml|styles\.xml|worksheets\/[^/]+\.xml)$/;

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

interface Entry {
  name: string;
  method: number;
  compressed: number;
  size: number;
  offset: number;
}

/** The entries the central directory lists, or a reason it cannot be read. */
export function centralDirectory(zip: Buffer): Entry[] | string {
  const from = Math.max(0, zip.length - 22 - 0xffff);
  let end = -1;
  for (let i = zip.length - 22; i >= from; i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) return 'not a zip archive (no central directory)';
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL) return 'damaged central directory';
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    entries.push({
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
      method: zip.readUInt16LE(at + 10),
      compressed: zip.readUInt32LE(at + 20),
      // 0xFFFFFFFF means a Zip64 size: more than 4 GB, so past any limit.
      size: zip.readUInt32LE(at + 24),
      offset: zip.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * Checks an .xlsx archive against `maxInflated` bytes; counts the rows of each worksheet part on the way.
 * `everyPart`: inflate (and so check) every part, for a caller that hands the archive to a reader of all of it (exceljs).
 */
export function checkZip(zip: Buffer, maxInflated: number, everyPart = false): ZipVerdict {
  const entries = centralDirectory(zip);
  if (typeof entries === 'string') return { ok: false, error: entries };
  const declared = entries.reduce((sum, e) => sum + e.size, 0);
  if (declared > maxInflated) return { ok: false, inflated: declared };
  const rowsBySheet = new Map<string, number>();
  const parts = new Map<string, Buffer>();
  for (const e of entries) {
    // Parts never read (themes, document properties, images) are never inflated either: they cannot bomb a reader
    // that leaves them alone (unless everyPart), and each inflate costs a zlib stream (a third of an .xlsx's reading time).
    if (!everyPart && !KEPT.test(e.name)) continue;
    if (e.offset + 30 > zip.length || zip.readUInt32LE(e.offset) !== LOCAL) return { ok: false, error: `damaged part ${e.name}` };
    const start = e.offset + 30 + zip.readUInt16LE(e.offset + 26) + zip.readUInt16LE(e.offset + 28);
    const data = zip.subarray(start, start + e.compressed);
    let content: Buffer;
    try {
      // One byte more than declared: inflating past it throws (ERR_BUFFER_TOO_LARGE) instead of growing on.
      content = e.method === 0 ? data : e.method === 8 ? zlib().inflateRawSync(data, { maxOutputLength: e.size + 1 }) : Buffer.alloc(0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return { ok: false, inflated: Math.max(declared, maxInflated + 1) };
      return { ok: false, error: `damaged part ${e.name}` };
    }
    if (content.length > e.size) return { ok: false, inflated: Math.max(declared, maxInflated + 1) };
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(e.name)) rowsBySheet.set(e.name, countRows(content));
    if (KEPT.test(e.name)) parts.set(e.name, content);
  }
  return { ok: true, parts, rowsBySheet };
}

/** `<row` elements of a worksheet part (SpreadsheetML writes one per non-empty row). */
function countRows(xml: Buffer): number {
  let rows = 0;
  for (let i = xml.indexOf('<row'); i >= 0; i = xml.indexOf('<row', i + 4)) {
    const next = xml[i + 4];
    if (next === 0x20 || next === 0x3e || next === 0x2f || next === 0x09 || next === 0x0a || next === 0x0d) rows++;
  }
  return rows;
}
