import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatClock, inQuietHours, parseClock, releaseTime } from './quiet-hours.ts';

test('quiet hours across midnight hold a message until the window ends, in the municipality time zone', () => {
  // 23:30 in Belgrade (UTC+1 in November) is 22:30 UTC; 22:00–07:00 ends at 06:00 UTC the next day.
  const at = new Date('2026-11-21T22:30:00Z');
  assert.equal(releaseTime(at, 'Europe/Belgrade', 22 * 60, 7 * 60).toISOString(), '2026-11-22T06:00:00.000Z');
  const early = new Date('2026-11-22T04:15:00Z'); // 05:15 local
  assert.equal(releaseTime(early, 'Europe/Belgrade', 22 * 60, 7 * 60).toISOString(), '2026-11-22T06:00:00.000Z');
});

test('outside quiet hours, or without them, a message goes at once', () => {
  const noon = new Date('2026-11-21T11:00:00Z');
  assert.equal(releaseTime(noon, 'Europe/Belgrade', 22 * 60, 7 * 60), noon);
  assert.equal(releaseTime(noon, 'Europe/Belgrade', null, null), noon);
});

test('windows within one day and empty windows', () => {
  assert.equal(inQuietHours(13 * 60, 12 * 60, 14 * 60), true);
  assert.equal(inQuietHours(14 * 60, 12 * 60, 14 * 60), false);
  assert.equal(inQuietHours(3 * 60, 5 * 60, 5 * 60), false);
});

test('clock strings', () => {
  assert.equal(parseClock('22:00'), 1320);
  assert.equal(parseClock('7:00'), null);
  assert.equal(parseClock('24:00'), null);
  assert.equal(formatClock(425), '07:05');
});
