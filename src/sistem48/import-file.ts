/**
 * Reads a file of report history into records by line: CSV (UTF-8 with or without BOM, comma or
 * semicolon, quoted fields; csv-parse) or XLSX (its first worksheet; exceljs). Row 1 names the
 * columns. The rows' meaning is checked by domain/report-import.ts.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { columnName, type RawImportRecord } from './domain/report-import.ts';

export type ReadFileResult =
  | { ok: true; format: 'csv' | 'xlsx'; headers: string[]; records: RawImportRecord[] }
  | { ok: false; reason: 'not_utf8' | 'unreadable' | 'empty' };

const isZip = (data: Uint8Array) => data.length > 4 && data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04;

export async function readReportFile(data: Uint8Array): Promise<ReadFileResult> {
  return isZip(data) ? readXlsx(data) : readCsv(data);
}

/** The delimiter of the header line: the one of `;` and `,` it has more of outside quotes (a tie is a comma). */
export function headerDelimiter(text: string): ';' | ',' {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch === ';') semicolons++;
    else if (!quoted && ch === ',') commas++;
  }
  return semicolons > commas ? ';' : ',';
}

function readCsv(data: Uint8Array): ReadFileResult {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return { ok: false, reason: 'not_utf8' };
  }
  text = text.replace(/^\uFEFF/, '');
  if (!text.trim()) return { ok: false, reason: 'empty' };
  const bytes = Buffer.from(text, 'utf8');
  let parsed: { record: string[]; info: { bytes: number } }[];
  try {
    // With info, csv-parse gives { record, info } per record; its types describe the plain form only.
    parsed = parse(bytes, {
      delimiter: headerDelimiter(text),
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as typeof parsed;
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
  const [head, ...rows] = parsed;
  if (!head) return { ok: false, reason: 'empty' };
  const headers = head.record.map(columnName);
  // The line a record starts on, from the byte where it ends (csv-parse's own line count runs ahead
  // after a quoted CRLF): past the previous record and any blank lines, counting the line feeds before.
  let cursor = 0;
  let line = 1;
  let previousEnd = head.info.bytes;
  const startLine = (end: number) => {
    let start = previousEnd;
    while (start < bytes.length && (bytes[start] === 0x0a || bytes[start] === 0x0d)) start++;
    previousEnd = end;
    for (; cursor < start; cursor++) if (bytes[cursor] === 0x0a) line++;
    return line;
  };
  const records = rows.map((r) => {
    const values: Record<string, unknown> = {};
    headers.forEach((h, k) => {
      if (h && values[h] === undefined) values[h] = r.record[k] ?? '';
    });
    return { line: startLine(r.info.bytes), values };
  });
  return { ok: true, format: 'csv', headers, records };
}

/** A cell's value as text, number or date (rich text, links and formulas give what they show). */
function cellValue(v: ExcelJS.CellValue): unknown {
  if (v === null || v === undefined) return '';
  if (v instanceof Date || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((p) => p.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return cellValue((v.result ?? '') as ExcelJS.CellValue);
    if ('error' in v) return '';
  }
  return String(v);
}

async function readXlsx(data: Uint8Array): Promise<ReadFileResult> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(Buffer.from(data.buffer, data.byteOffset, data.byteLength) as unknown as ExcelJS.Buffer);
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
  const sheet = book.worksheets[0];
  if (!sheet || sheet.rowCount === 0) return { ok: false, reason: 'empty' };
  const head = sheet.getRow(1);
  const headers: string[] = [];
  for (let c = 1; c <= head.cellCount; c++) headers.push(columnName(String(cellValue(head.getCell(c).value))));
  const records: RawImportRecord[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    if (line === 1) return;
    const values: Record<string, unknown> = {};
    let any = false;
    headers.forEach((h, k) => {
      if (!h || values[h] !== undefined) return;
      const v = cellValue(row.getCell(k + 1).value);
      if (v !== '') any = true;
      values[h] = v;
    });
    if (any) records.push({ line, values });
  });
  return { ok: true, format: 'xlsx', headers, records };
}
