import { test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { readGpsFromImage } from './exif-gps.ts';
import { jpegWithGps } from '../../../test/sistem48/images.ts';

test('the GPS position is read from a JPEG APP1 EXIF block', async () => {
  const p = readGpsFromImage(await jpegWithGps(45.4083, 19.8878));
  assert.ok(p);
  assert.ok(Math.abs(p.lat - 45.4083) < 1e-4 && Math.abs(p.lon - 19.8878) < 1e-4, JSON.stringify(p));
  const south = readGpsFromImage(await jpegWithGps(-33.5, -70.25));
  assert.ok(south && south.lat < 0 && south.lon < 0);
});

test('images without EXIF, truncated or not images at all give no position', async () => {
  assert.equal(
    readGpsFromImage(
      await sharp({ create: { width: 8, height: 8, channels: 3, background: 'red' } })
        .jpeg()
        .toBuffer(),
    ),
    null,
  );
  assert.equal(
    readGpsFromImage(
      await sharp({ create: { width: 8, height: 8, channels: 3, background: 'red' } })
        .png()
        .toBuffer(),
    ),
    null,
  );
  assert.equal(readGpsFromImage((await jpegWithGps(45, 19)).subarray(0, 40)), null);
  assert.equal(readGpsFromImage(Buffer.from('hello')), null);
});
