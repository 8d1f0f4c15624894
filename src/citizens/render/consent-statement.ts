/**
 * The consent statement the citizen signs at the counter (Stari Grad), as an A4 PDF in the citizen's
 * language and script: the consent text and its version, each channel with its contact, the case,
 * date, signature lines, and a QR code that opens the municipality's Viber chat with a one-time link
 * that ties the citizen's Viber user to their party (and so their cases). DejaVu Sans is embedded so
 * č, ć, đ, š, ž and Cyrillic print as written.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import qrcode from 'qrcode-generator';

const require = createRequire(import.meta.url);
const REGULAR = readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'));
const BOLD = readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'));
const MARGIN = 56;

export interface ConsentStatement {
  lang: string;
  title: string;
  municipality: string;
  text: string;
  caseLine: string | null;
  channelsHeading: string;
  channels: { label: string; value: string }[];
  version: string;
  date: string;
  signature: string;
  clerk: string;
  viber: { url: string; caption: string } | null;
  now: Date;
}

export function renderConsentStatement(s: ConsentStatement): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    lang: s.lang,
    displayTitle: true,
    info: { Title: s.title, Creator: 'Glas', CreationDate: s.now },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  pdf.registerFont('regular', REGULAR).registerFont('bold', BOLD);
  const width = pdf.page.width - 2 * MARGIN;
  let y = MARGIN;
  /** One paragraph at the left margin, then `after` points of space. */
  const para = (text: string, o: { font?: 'regular' | 'bold'; size?: number; color?: string; after?: number; align?: 'left' | 'justify' } = {}) => {
    pdf
      .font(o.font ?? 'regular')
      .fontSize(o.size ?? 11)
      .fillColor(o.color ?? '#1b1f24');
    const opts = { width, align: o.align ?? 'left', lineGap: 2 } as const;
    pdf.text(text, MARGIN, y, opts);
    y += pdf.heightOfString(text, opts) + (o.after ?? 6);
  };
  para(s.municipality, { size: 10, color: '#555d66' });
  para(s.title, { font: 'bold', size: 16, after: 4 });
  if (s.caseLine) para(s.caseLine, { after: 10 });
  para(s.text, { align: 'justify', after: 14 });
  para(s.channelsHeading, { font: 'bold', size: 12 });
  for (const c of s.channels) para(`${c.label}: ${c.value}`, { after: 3 });
  y += 8;
  para(s.version, { size: 9, color: '#555d66', after: 12 });
  if (s.viber) {
    const qr = qrcode(0, 'M');
    qr.addData(s.viber.url, 'Byte');
    qr.make();
    const n = qr.getModuleCount();
    const size = 120;
    const cell = size / n;
    for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (qr.isDark(r, c)) pdf.rect(MARGIN + c * cell, y + r * cell, cell, cell);
    pdf.fill('#000');
    pdf
      .font('regular')
      .fontSize(10)
      .fillColor('#1b1f24')
      .text(s.viber.caption, MARGIN + size + 16, y + 8, { width: width - size - 16 });
    y += size + 16;
  }
  y += 12;
  para(s.date, { after: 48 });
  pdf.lineWidth(0.8).strokeColor('#1b1f24');
  pdf
    .moveTo(MARGIN, y)
    .lineTo(MARGIN + 200, y)
    .stroke();
  pdf
    .moveTo(MARGIN + width - 200, y)
    .lineTo(MARGIN + width, y)
    .stroke();
  pdf.font('regular').fontSize(9).fillColor('#1b1f24');
  pdf.text(s.signature, MARGIN, y + 4, { width: 200 });
  pdf.text(s.clerk, MARGIN + width - 200, y + 4, { width: 200 });
  pdf.end();
  return done;
}
