import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatClock, inQuietHours, localSecondOfDay, parseClock, releaseTime } from './quiet-hours.ts';

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

// Europe/Belgrade in 2027: summer time starts Sunday 28 March at 02:00 CET (01:00 UTC), clocks jump to
// 03:00; it ends Sunday 31 October at 03:00 CEST (01:00 UTC), clocks go back to 02:00.
const TZ = 'Europe/Belgrade';
const release = (iso: string, from: string, to: string) => releaseTime(new Date(iso), TZ, parseClock(from), parseClock(to)).toISOString();

test('spring night: a window ending at 07:00 ends at 07:00 summer time, six hours of real time after midnight, not seven', () => {
  // Sunday 00:00 CET = Saturday 23:00 UTC; 07:00 CEST = 05:00 UTC.
  assert.equal(release('2027-03-27T23:00:00Z', '22:00', '07:00'), '2027-03-28T05:00:00.000Z');
  // 01:30 CET (00:30 UTC) with a window to 03:30: 03:30 CEST is one real hour later.
  assert.equal(release('2027-03-28T00:30:00Z', '01:30', '03:30'), '2027-03-28T01:30:00.000Z');
  // Just after the switch (03:00 CEST), the window to 07:00 has four hours left.
  assert.equal(release('2027-03-28T01:00:00Z', '22:00', '07:00'), '2027-03-28T05:00:00.000Z');
});

test('spring night: a window ending in the skipped hour (02:30 never happens) ends at the switch, 03:00 summer time', () => {
  assert.equal(release('2027-03-28T00:30:00Z', '01:00', '02:30'), '2027-03-28T01:00:00.000Z');
  assert.equal(localSecondOfDay(new Date('2027-03-28T01:00:00Z'), TZ), 3 * 3600);
});

test('autumn night: a window ending at 07:00 ends at 07:00 winter time, eight hours of real time after midnight', () => {
  // Sunday 00:00 CEST = Saturday 22:00 UTC; 07:00 CET = 06:00 UTC.
  assert.equal(release('2027-10-30T22:00:00Z', '22:00', '07:00'), '2027-10-31T06:00:00.000Z');
  // 02:30 CEST (00:30 UTC) with a window to 04:30: 04:30 CET is three real hours later.
  assert.equal(release('2027-10-31T00:30:00Z', '02:30', '04:30'), '2027-10-31T03:30:00.000Z');
});

test('autumn night: in the repeated hour a window ends at the next reading of its end, whichever pass of the hour it is', () => {
  // First pass, 02:30 CEST (00:30 UTC): 02:45 comes a quarter of an hour later, still in summer time.
  assert.equal(release('2027-10-31T00:30:00Z', '02:00', '02:45'), '2027-10-31T00:45:00.000Z');
  // Second pass, 02:30 CET (01:30 UTC): the clock again reads 02:30, still quiet; 02:45 CET follows.
  assert.equal(localSecondOfDay(new Date('2027-10-31T01:30:00Z'), TZ), 2 * 3600 + 30 * 60);
  assert.equal(release('2027-10-31T01:30:00Z', '02:00', '02:45'), '2027-10-31T01:45:00.000Z');
});

test('on 29 February and across the new year the window ends the next local day', () => {
  assert.equal(release('2028-02-29T22:30:00Z', '22:00', '07:00'), '2028-03-01T06:00:00.000Z'); // 23:30 on 29 Feb → 07:00 on 1 Mar
  assert.equal(release('2026-12-31T22:59:00Z', '22:00', '07:00'), '2027-01-01T06:00:00.000Z'); // 23:59 on New Year's Eve
});
