/** Test images: JPEGs carrying an EXIF GPS position, built byte by byte. */
import sharp from 'sharp';

/** A minimal TIFF/EXIF block with IFD0 → GPS IFD holding latitude/longitude as degrees, minutes, seconds. */
export function gpsExif(lat: number, lon: number): Buffer {
  const b = Buffer.alloc(200);
  b.write('II', 0, 'latin1');
  b.writeUInt16LE(42, 2);
  b.writeUInt32LE(8, 4);
  b.writeUInt16LE(1, 8); // IFD0: one entry
  b.writeUInt16LE(0x8825, 10);
  b.writeUInt16LE(4, 12);
  b.writeUInt32LE(1, 14);
  b.writeUInt32LE(26, 18);
  b.writeUInt32LE(0, 22);
  const gps = 26;
  b.writeUInt16LE(4, gps);
  const entry = (i: number, tag: number, type: number, count: number, value: number) => {
    const o = gps + 2 + i * 12;
    b.writeUInt16LE(tag, o);
    b.writeUInt16LE(type, o + 2);
    b.writeUInt32LE(count, o + 4);
    b.writeUInt32LE(value, o + 8);
  };
  const rational = 100;
  const dms = (v: number, at: number) => {
    const a = Math.abs(v);
    const d = Math.floor(a);
    const m = Math.floor((a - d) * 60);
    const s = Math.round(((a - d) * 60 - m) * 60 * 1000);
    [
      [d, 1],
      [m, 1],
      [s, 1000],
    ].forEach(([n, den], i) => {
      b.writeUInt32LE(n!, at + i * 8);
      b.writeUInt32LE(den!, at + i * 8 + 4);
    });
  };
  entry(0, 1, 2, 2, (lat < 0 ? 'S' : 'N').charCodeAt(0));
  entry(1, 2, 5, 3, rational);
  entry(2, 3, 2, 2, (lon < 0 ? 'W' : 'E').charCodeAt(0));
  entry(3, 4, 5, 3, rational + 24);
  dms(lat, rational);
  dms(lon, rational + 24);
  return b.subarray(0, rational + 48);
}

/** A JPEG with the EXIF block inserted as APP1 right after SOI. */
export async function jpegWithGps(lat: number, lon: number, size = 64): Promise<Buffer> {
  const jpeg = await sharp({ create: { width: size, height: size, channels: 3, background: '#884422' } })
    .jpeg()
    .toBuffer();
  const exif = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), gpsExif(lat, lon)]);
  const app1 = Buffer.alloc(4);
  app1[0] = 0xff;
  app1[1] = 0xe1;
  app1.writeUInt16BE(exif.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), app1, exif, jpeg.subarray(2)]);
}
