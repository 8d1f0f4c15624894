/** Types for npm pdfkit 0.20.2 (its own are not shipped); only what the unit report PDF uses is declared. */
declare module 'pdfkit' {
  import type { Readable } from 'node:stream';

  interface Margins {
    top: number;
    bottom: number;
    left: number;
    right: number;
  }
  interface PDFDocumentOptions {
    size?: string | [number, number];
    margins?: Margins;
    bufferPages?: boolean;
    autoFirstPage?: boolean;
    lang?: string;
    displayTitle?: boolean;
    info?: { Title?: string; Author?: string; Subject?: string; Creator?: string; CreationDate?: Date };
  }
  interface TextOptions {
    width?: number;
    height?: number;
    align?: 'left' | 'right' | 'center' | 'justify';
    lineBreak?: boolean;
    ellipsis?: boolean | string;
    lineGap?: number;
  }

  class PDFDocument extends Readable {
    constructor(options?: PDFDocumentOptions);
    page: { width: number; height: number; margins: Margins };
    x: number;
    y: number;
    registerFont(name: string, src: string | Buffer): this;
    font(name: string): this;
    fontSize(size: number): this;
    fillColor(color: string): this;
    strokeColor(color: string): this;
    lineWidth(width: number): this;
    text(text: string, x?: number, y?: number, options?: TextOptions): this;
    heightOfString(text: string, options?: TextOptions): number;
    moveTo(x: number, y: number): this;
    lineTo(x: number, y: number): this;
    stroke(): this;
    rect(x: number, y: number, w: number, h: number): this;
    fill(color?: string): this;
    addPage(options?: PDFDocumentOptions): this;
    bufferedPageRange(): { start: number; count: number };
    switchToPage(n: number): this;
    end(): void;
  }
  export default PDFDocument;
}
