import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvCell, minuteIso, roundToGrid } from './open-data.ts';

test('locations are moved to the centre of their grid cell: nearby points share it, and none moves more than half a diagonal', () => {
  const a = roundToGrid(44.6101, 17.3421, 50);
  const b = roundToGrid(44.61012, 17.34212, 50);
  assert.deepEqual(a, b);
  for (const [lat, lon] of [
    [44.6101, 17.3421],
    [45.4083, 19.8878],
    [46.0569, 14.5058],
  ] as const) {
    const r = roundToGrid(lat, lon, 50);
    const d = Math.hypot((r.lat - lat) * 111_320, (r.lon - lon) * 111_320 * Math.cos((lat * Math.PI) / 180));
    assert.ok(d <= 25 * Math.SQRT2 + 0.5, `${d}`);
  }
});

test('CSV cells are quoted only when they must be; timestamps are cut to the minute', () => {
  assert.equal(csvCell('a,b'), '"a,b"');
  assert.equal(csvCell('say "hi"'), '"say ""hi"""');
  assert.equal(csvCell(null), '');
  assert.equal(csvCell(false), 'false');
  assert.equal(minuteIso(new Date('2026-11-16T10:17:45.123Z')), '2026-11-16T10:17Z');
});
