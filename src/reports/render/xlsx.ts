/**
 * A report document as an Office Open XML spreadsheet (.xlsx) through exceljs: a cover sheet, then one
 * worksheet per section with its title, note and header in bold, numbers stored as numbers (shares as
 * percentages, money with two decimals). Replaces the hand-written ZIP/XML writer (issue 15): exceljs
 * writes shared strings, styles and the container the way spreadsheet programs expect, and reads the
 * files back in the tests.
 */
import ExcelJS from 'exceljs';
import type { ReportDocument } from './unit-sections.ts';

/** Excel's rules for sheet names: at most 31 characters, none of []:*?/\, unique regardless of case. */
function sheetName(title: string, used: Set<string>): string {
  const base =
    title
      .replace(/[[\]:*?/\\]/g, ' ')
      .trim()
      .slice(0, 28) || 'Sheet';
  let name = base;
  for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base.slice(0, 26)} ${i}`;
  used.add(name.toLowerCase());
  return name;
}

export async function renderXlsx(doc: ReportDocument, o: { now?: Date } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Glas';
  // A fixed date (or the report's own) keeps the output reproducible.
  const created = o.now ?? new Date('2026-01-01T00:00:00Z');
  wb.created = created;
  wb.modified = created;
  const used = new Set<string>();
  const cover = wb.addWorksheet(sheetName(doc.title, used));
  cover.addRow([doc.title]).font = { bold: true, size: 14 };
  cover.addRow([doc.subtitle]);
  for (const l of doc.lines) cover.addRow([l]);
  cover.getColumn(1).width = 100;
  for (const s of doc.sections) {
    const ws = wb.addWorksheet(sheetName(s.title, used));
    ws.addRow([s.title]).font = { bold: true, size: 14 };
    if (s.note) ws.addRow([s.note]);
    ws.addRow(s.head).font = { bold: true };
    for (const row of s.rows) {
      const added = ws.addRow(row.map((c, i) => (s.numeric[i] && c.value !== undefined && c.value !== null ? c.value : c.text)));
      row.forEach((c, i) => {
        if (!s.numeric[i] || c.value === undefined || c.value === null) return;
        const cell = added.getCell(i + 1);
        cell.numFmt = c.text.includes('%') ? '0.0%' : Number.isInteger(c.value) && !/[.,]\d\d$/.test(c.text) ? '#,##0' : '#,##0.00';
      });
    }
    s.head.forEach((h, i) => {
      ws.getColumn(i + 1).width = Math.min(60, Math.max(10, h.length + 2, ...s.rows.map((r) => (r[i]?.text.length ?? 0) + 2)));
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
