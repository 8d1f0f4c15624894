/**
 * Small inline SVG charts. Each is an image with a title and a description for screen readers;
 * the pages always put the same numbers in a table beside it, so nothing is only in the picture.
 */
import { esc } from './html.ts';

let seq = 0;
const nextId = () => `c${++seq}`;
const ACCENT = '#0b5cad';
const GOOD = '#1a7f37';
const BAD = '#b42318';
const GRID = '#d0d5db';

const clip = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + '…' : s);

export interface Bar {
  label: string;
  value: number;
  display: string;
}

/** Horizontal bars, longest first as given. */
export function barChart(o: { title: string; desc: string; bars: Bar[]; width?: number }): string {
  const id = nextId();
  const width = o.width ?? 560;
  const labelW = Math.min(300, Math.max(60, Math.max(0, ...o.bars.map((b) => Math.min(42, b.label.length))) * 6.6 + 8));
  const valueW = 64;
  const rowH = 24;
  const height = Math.max(1, o.bars.length) * rowH + 8;
  const max = Math.max(1, ...o.bars.map((b) => b.value));
  const plotW = width - labelW - valueW;
  const rows = o.bars
    .map((b, i) => {
      const y = 4 + i * rowH;
      const w = Math.max(b.value > 0 ? 2 : 0, (b.value / max) * plotW);
      return (
        `<g><text x="${labelW - 6}" y="${y + 16}" text-anchor="end">${esc(clip(b.label, 42))}</text>` +
        `<rect x="${labelW}" y="${y + 3}" width="${w.toFixed(1)}" height="${rowH - 8}" fill="${ACCENT}" rx="2"></rect>` +
        `<text x="${(labelW + w + 6).toFixed(1)}" y="${y + 16}">${esc(b.display)}</text></g>`
      );
    })
    .join('');
  return (
    `<svg role="img" aria-labelledby="${id}t ${id}d" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="${id}t">${esc(o.title)}</title><desc id="${id}d">${esc(o.desc)}</desc>${rows}</svg>`
  );
}

/** One bar split into parts of a whole (e.g. answered in time / not in time). */
export function shareBar(o: {
  title: string;
  desc: string;
  parts: { label: string; value: number; display: string; good: boolean }[];
  width?: number;
}): string {
  const id = nextId();
  const width = o.width ?? 560;
  const total = o.parts.reduce((a, p) => a + p.value, 0);
  let x = 0;
  const segs = o.parts
    .map((p) => {
      const w = total ? (p.value / total) * width : 0;
      const s = `<rect x="${x.toFixed(1)}" y="0" width="${w.toFixed(1)}" height="28" fill="${p.good ? GOOD : BAD}"></rect>`;
      x += w;
      return s;
    })
    .join('');
  const legend = o.parts
    .map(
      (p, i) =>
        `<rect x="${i * 280}" y="38" width="12" height="12" fill="${p.good ? GOOD : BAD}"></rect><text x="${i * 280 + 18}" y="49">${esc(clip(`${p.label}: ${p.display}`, 40))}</text>`,
    )
    .join('');
  return (
    `<svg role="img" aria-labelledby="${id}t ${id}d" viewBox="0 0 ${width} 56" width="${width}" height="56" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="${id}t">${esc(o.title)}</title><desc id="${id}d">${esc(o.desc)}</desc>` +
    `${total ? segs : `<rect x="0" y="0" width="${width}" height="28" fill="${GRID}"></rect>`}${legend}</svg>`
  );
}

/** A line over weeks; missing values leave a gap. */
export function lineChart(o: {
  title: string;
  desc: string;
  points: { label: string; value: number | null }[];
  format: (v: number) => string;
  max?: number;
  width?: number;
}): string {
  const id = nextId();
  const width = o.width ?? 560;
  const height = 180;
  const left = 56;
  const right = 12;
  const top = 12;
  const bottom = 28;
  const values = o.points.map((p) => p.value).filter((v): v is number => v !== null);
  const max = o.max ?? Math.max(1, ...values) * 1.1;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const xAt = (i: number) => left + (o.points.length <= 1 ? plotW / 2 : (i / (o.points.length - 1)) * plotW);
  const yAt = (v: number) => top + plotH - (v / max) * plotH;
  const grid = [0, 0.5, 1]
    .map(
      (f) =>
        `<line x1="${left}" x2="${width - right}" y1="${yAt(max * f).toFixed(1)}" y2="${yAt(max * f).toFixed(1)}" stroke="${GRID}"></line>` +
        `<text x="${left - 6}" y="${(yAt(max * f) + 4).toFixed(1)}" text-anchor="end">${esc(o.format(max * f))}</text>`,
    )
    .join('');
  const segments: string[] = [];
  let current: string[] = [];
  o.points.forEach((p, i) => {
    if (p.value === null) {
      if (current.length) segments.push(current.join(' '));
      current = [];
      return;
    }
    current.push(`${xAt(i).toFixed(1)},${yAt(p.value).toFixed(1)}`);
  });
  if (current.length) segments.push(current.join(' '));
  const lines = segments.map((s) => `<polyline points="${s}" fill="none" stroke="${ACCENT}" stroke-width="2"></polyline>`).join('');
  const dots = o.points
    .map((p, i) => (p.value === null ? '' : `<circle cx="${xAt(i).toFixed(1)}" cy="${yAt(p.value).toFixed(1)}" r="3" fill="${ACCENT}"></circle>`))
    .join('');
  const step = Math.ceil(o.points.length / 8);
  const labels = o.points
    .map((p, i) =>
      i % step === 0 || i === o.points.length - 1 ? `<text x="${xAt(i).toFixed(1)}" y="${height - 8}" text-anchor="middle">${esc(p.label)}</text>` : '',
    )
    .join('');
  return (
    `<svg role="img" aria-labelledby="${id}t ${id}d" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="${id}t">${esc(o.title)}</title><desc id="${id}d">${esc(o.desc)}</desc>${grid}${lines}${dots}${labels}</svg>`
  );
}
