/**
 * The unit report as an A4 PDF for a public meeting: the same sections as the web page, tables
 * that break across pages with their header repeated, page numbers, and DejaVu Sans embedded so
 * č, ć, đ, š, ž and Cyrillic print as written.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { ReportDocument, Section } from './unit-sections.ts';

const require = createRequire(import.meta.url);
// Read once: every PDF embeds a subset of these two fonts.
const REGULAR = readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'));
const BOLD = readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'));
const MARGIN = 42;
const FOOTER = 24;

export function renderPdf(doc: ReportDocument, o: { lang: string; pageLabel: (n: number, of: number) => string; now: Date }): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    lang: o.lang,
    displayTitle: true,
    info: { Title: doc.title, Subject: doc.subtitle, Creator: 'Glas', CreationDate: o.now },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  pdf.registerFont('regular', REGULAR).registerFont('bold', BOLD);
  const width = pdf.page.width - 2 * MARGIN;
  const bottom = () => pdf.page.height - MARGIN - FOOTER;

  pdf.font('bold').fontSize(16).fillColor('#1b1f24').text(doc.title, MARGIN, MARGIN, { width });
  pdf
    .font('regular')
    .fontSize(10)
    .fillColor('#333')
    .text(doc.subtitle, MARGIN, pdf.y + 2, { width });
  for (const line of doc.lines)
    pdf
      .fontSize(8.5)
      .fillColor('#555')
      .text(line, MARGIN, pdf.y + 1, { width });
  for (const s of doc.sections) section(pdf, s, width, bottom);

  const range = pdf.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    pdf.switchToPage(range.start + i);
    pdf
      .font('regular')
      .fontSize(8)
      .fillColor('#555')
      .text(`${doc.title} · ${o.pageLabel(i + 1, range.count)}`, MARGIN, pdf.page.height - MARGIN - 10, { width, align: 'right', lineBreak: false });
  }
  pdf.end();
  return done;
}

function section(pdf: PDFDocument, s: Section, width: number, bottom: () => number) {
  const fontSize = 8.5;
  const pad = 3;
  // Columns as wide as their longest cell or header word needs, within bounds, scaled to the page.
  const need = s.head.map((h, i) => Math.min(40, Math.max(7, ...h.split(/\s+/).map((w) => w.length + 1), ...s.rows.map((r) => (r[i]?.text.length ?? 0) + 1))));
  const sum = need.reduce((a, b) => a + b, 0);
  const cols = need.map((n) => (width * n) / sum);
  const xs = cols.map((_, i) => MARGIN + cols.slice(0, i).reduce((a, b) => a + b, 0));
  const rowHeight = (cells: string[], font: string) => {
    pdf.font(font).fontSize(fontSize);
    return Math.max(...cells.map((c, i) => pdf.heightOfString(c || ' ', { width: cols[i]! - 2 * pad }))) + 2 * pad;
  };
  const drawRow = (cells: string[], font: string, h: number, rule: string) => {
    const top = pdf.y;
    pdf.font(font).fontSize(fontSize).fillColor('#1b1f24');
    cells.forEach((c, i) => {
      pdf.text(c, xs[i]! + pad, top + pad, { width: cols[i]! - 2 * pad, align: s.numeric[i] ? 'right' : 'left' });
    });
    pdf
      .strokeColor(rule)
      .lineWidth(0.5)
      .moveTo(MARGIN, top + h)
      .lineTo(MARGIN + width, top + h)
      .stroke();
    pdf.y = top + h;
  };
  const head = () => drawRow(s.head, 'bold', rowHeight(s.head, 'bold'), '#1b1f24');

  const headH = rowHeight(s.head, 'bold');
  // Keep the heading with the table's header and first row.
  const firstRowH = s.rows.length
    ? rowHeight(
        s.rows[0]!.map((c) => c.text),
        'regular',
      )
    : 0;
  if (pdf.y + 40 + headH + firstRowH > bottom()) pdf.addPage();
  pdf
    .font('bold')
    .fontSize(12)
    .fillColor('#0b5cad')
    .text(s.title, MARGIN, pdf.y + 14, { width });
  if (s.note)
    pdf
      .font('regular')
      .fontSize(9)
      .fillColor('#333')
      .text(s.note, MARGIN, pdf.y + 3, { width });
  if (!s.rows.length) return;
  pdf.y += 6;
  head();
  for (const row of s.rows) {
    const cells = row.map((c) => c.text);
    const h = rowHeight(cells, 'regular');
    if (pdf.y + h > bottom()) {
      pdf.addPage();
      pdf.y = MARGIN;
      head();
    }
    drawRow(cells, 'regular', h, '#d0d5db');
  }
}
