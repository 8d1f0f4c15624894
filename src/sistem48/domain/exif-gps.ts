/**
 * Reads the GPS position from a photo's EXIF block (JPEG APP1 or PNG eXIf), and nothing else: the
 * photo itself is re-encoded without any metadata before it is stored.
 */
import type { Point } from './geo.ts';

function tiffGps(tiff: Buffer): Point | null {
  if (tiff.length < 8) return null;
  const order = tiff.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return null;
  const le = order === 'II';
  const u16 = (o: number) => (o + 2 <= tiff.length ? (le ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o)) : -1);
  const u32 = (o: number) => (o + 4 <= tiff.length ? (le ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o)) : -1);
  const entries = (ifd: number) => {
    const n = u16(ifd);
    const out = new Map<number, { type: number; count: number; valueOffset: number }>();
    if (n < 0 || n > 500) return out;
    for (let i = 0; i < n; i++) {
      const e = ifd + 2 + i * 12;
      const tag = u16(e);
      if (tag < 0) break;
      out.set(tag, { type: u16(e + 2), count: u32(e + 4), valueOffset: e + 8 });
    }
    return out;
  };
  const ifd0 = entries(u32(4));
  const gpsPointer = ifd0.get(0x8825);
  if (!gpsPointer) return null;
  const gps = entries(u32(gpsPointer.valueOffset));
  const ref = (tag: number) => {
    const e = gps.get(tag);
    return e ? String.fromCharCode(tiff[e.valueOffset] ?? 0) : '';
  };
  const dms = (tag: number): number | null => {
    const e = gps.get(tag);
    if (!e || e.type !== 5 || e.count !== 3) return null;
    const at = u32(e.valueOffset);
    const parts: number[] = [];
    for (let i = 0; i < 3; i++) {
      const num = u32(at + i * 8);
      const den = u32(at + i * 8 + 4);
      if (num < 0 || den <= 0) return null;
      parts.push(num / den);
    }
    return parts[0]! + parts[1]! / 60 + parts[2]! / 3600;
  };
  const lat = dms(2);
  const lon = dms(4);
  if (lat === null || lon === null) return null;
  const point = { lat: ref(1) === 'S' ? -lat : lat, lon: ref(3) === 'W' ? -lon : lon };
  if (!(Math.abs(point.lat) <= 90 && Math.abs(point.lon) <= 180) || (point.lat === 0 && point.lon === 0)) return null;
  return point;
}

export function readGpsFromImage(img: Buffer): Point | null {
  try {
    if (img[0] === 0xff && img[1] === 0xd8) {
      let o = 2;
      while (o + 4 <= img.length && img[o] === 0xff) {
        const marker = img[o + 1]!;
        if (marker === 0xda || marker === 0xd9) break;
        const len = img.readUInt16BE(o + 2);
        if (marker === 0xe1 && img.toString('latin1', o + 4, o + 10) === 'Exif\0\0') return tiffGps(img.subarray(o + 10, o + 2 + len));
        o += 2 + len;
      }
      return null;
    }
    if (img.length > 8 && img.readUInt32BE(0) === 0x89504e47) {
      let o = 8;
      while (o + 8 <= img.length) {
        const len = img.readUInt32BE(o);
        const type = img.toString('latin1', o + 4, o + 8);
        if (type === 'eXIf') return tiffGps(img.subarray(o + 8, o + 8 + len));
        if (type === 'IDAT' || type === 'IEND') break;
        o += 12 + len;
      }
    }
    return null;
  } catch {
    return null;
  }
}
