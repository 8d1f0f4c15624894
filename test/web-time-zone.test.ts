// The web app's wall-time ⇄ instant conversion in the municipality's zone, whatever zone this process runs in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dayAt, dayEnd, dayStart, instantToDay, instantToLocalInput, localInputToInstant, timeOf } from '../web/src/tz.ts';

const BG = 'Europe/Belgrade';

test('a day in winter and in summer is read on the municipality clock (UTC+1, UTC+2)', () => {
  assert.equal(dayAt('2026-12-10', 23, 59, BG), '2026-12-10T22:59:00.000Z');
  assert.equal(dayAt('2026-07-10', 23, 59, BG), '2026-07-10T21:59:00.000Z');
  // The same day in another zone is another instant: the conversion does not use the process's zone.
  assert.equal(dayAt('2026-12-10', 23, 59, 'America/New_York'), '2026-12-11T04:59:00.000Z');
  assert.equal(dayAt('2026-12-10', 23, 59, 'UTC'), '2026-12-10T23:59:00.000Z');
});

test('the spring change: the day is 23 hours long and a skipped time moves forward by the gap', () => {
  // 29 March 2026: clocks in Belgrade go from 02:00 to 03:00.
  assert.equal(dayStart('2026-03-29', BG), '2026-03-28T23:00:00.000Z');
  assert.equal(dayEnd('2026-03-29', BG), '2026-03-29T21:59:59.999Z');
  assert.equal(localInputToInstant('2026-03-29T01:59', BG), '2026-03-29T00:59:00.000Z');
  assert.equal(localInputToInstant('2026-03-29T03:00', BG), '2026-03-29T01:00:00.000Z');
  // 02:30 does not exist there: it is read with the winter offset, i.e. 03:30 summer time.
  assert.equal(localInputToInstant('2026-03-29T02:30', BG), '2026-03-29T01:30:00.000Z');
  assert.equal(instantToLocalInput('2026-03-29T01:30:00.000Z', BG), '2026-03-29T03:30');
});

test('the autumn change: the day is 25 hours long and a repeated time is its first occurrence', () => {
  // 25 October 2026: clocks in Belgrade go from 03:00 back to 02:00.
  assert.equal(dayStart('2026-10-25', BG), '2026-10-24T22:00:00.000Z');
  assert.equal(dayEnd('2026-10-25', BG), '2026-10-25T22:59:59.999Z');
  assert.equal(localInputToInstant('2026-10-25T02:30', BG), '2026-10-25T00:30:00.000Z');
  assert.equal(localInputToInstant('2026-10-25T03:30', BG), '2026-10-25T02:30:00.000Z');
  assert.equal(instantToLocalInput('2026-10-25T01:30:00.000Z', BG), '2026-10-25T02:30');
});

test('instants become the day they are in the municipality, around midnight', () => {
  assert.equal(instantToDay('2026-12-09T23:30:00.000Z', BG), '2026-12-10');
  assert.equal(instantToDay('2026-12-09T22:59:59.999Z', BG), '2026-12-09');
  assert.equal(instantToDay('2026-12-31T23:00:00.000Z', BG), '2027-01-01');
  // Round trip through the input value.
  for (const v of ['2026-01-01T00:00', '2026-03-29T03:00', '2026-10-25T01:59', '2026-12-31T23:59']) {
    assert.equal(instantToLocalInput(localInputToInstant(v, BG) ?? '', BG), v);
  }
});

test('values that are no real date or time are refused, not shifted', () => {
  assert.equal(dayAt('112026-11-24', 23, 59, BG), null);
  assert.equal(dayAt('2026-02-30', 23, 59, BG), null);
  assert.equal(dayAt('', 23, 59, BG), null);
  assert.equal(dayEnd('2026-13-01', BG), null);
  assert.equal(localInputToInstant('2026-12-10T24:00', BG), null);
  assert.equal(localInputToInstant('2026-12-10', BG), null);
});

test('a time of day typed in the way people write it is read on a 24-hour clock, and nonsense is refused', () => {
  assert.equal(timeOf('9:30'), '09:30');
  assert.equal(timeOf(' 09.30 '), '09:30');
  assert.equal(timeOf('0930'), '09:30');
  assert.equal(timeOf('14h05'), '14:05');
  assert.equal(timeOf('7'), '07:00');
  assert.equal(timeOf('23:59'), '23:59');
  for (const bad of ['24:00', '9:60', '9:3', 'pola deset', '', '12:30 PM']) assert.equal(timeOf(bad), null, bad);
});
