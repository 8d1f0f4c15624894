import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addCountedTime, clockAt, countedBetween, firstResponseSchedule, type SlaPolicy } from './sla-clock.ts';
import { localTime } from '../../kernel/time.ts';

const HOUR = 3_600_000;
const working = (holidays: string[] = []): SlaPolicy => ({
  mode: 'working',
  timeZone: 'Europe/Belgrade',
  workingDays: [1, 2, 3, 4, 5],
  dayStart: 7 * 60,
  dayEnd: 15 * 60,
  holidays: new Set(holidays),
});
const calendar: SlaPolicy = { ...working(), mode: 'calendar' };
const belgrade = (iso: string) => new Date(`${iso}+01:00`); // winter time

test('calendar hours: 48 hours after Friday 14:00 is Sunday 14:00, weekend or not', () => {
  const due = addCountedTime(belgrade('2026-01-16T14:00:00'), 48 * HOUR, calendar);
  assert.equal(due.toISOString(), belgrade('2026-01-18T14:00:00').toISOString());
});

test('working hours: 48 working hours (six 8-hour days) from Friday 14:00 skip the weekend and end the next Monday but one at 14:00', () => {
  // Fri 14–15 (1 h), Mon–Fri 40 h → 41 h, Mon 7–14 (7 h) → 48 h.
  const due = addCountedTime(belgrade('2026-01-16T14:00:00'), 48 * HOUR, working());
  assert.equal(due.toISOString(), belgrade('2026-01-26T14:00:00').toISOString());
});

test('working hours: a holiday does not count — a Wednesday holiday pushes the deadline one working day later', () => {
  const start = belgrade('2026-01-16T14:00:00');
  const due = addCountedTime(start, 48 * HOUR, working(['2026-01-21']));
  assert.equal(due.toISOString(), belgrade('2026-01-27T14:00:00').toISOString());
});

test('working hours: a report filed on Saturday night starts counting on Monday at 07:00', () => {
  const due = addCountedTime(belgrade('2026-01-17T23:30:00'), 2 * HOUR, working());
  assert.equal(due.toISOString(), belgrade('2026-01-19T09:00:00').toISOString());
});

test('working hours: a report filed after closing time on Friday before a Monday holiday starts on Tuesday', () => {
  const due = addCountedTime(belgrade('2026-02-13T16:00:00'), 1 * HOUR, working(['2026-02-16']));
  assert.equal(due.toISOString(), belgrade('2026-02-17T08:00:00').toISOString());
});

test('working hours follow local time across the switch to summer time', () => {
  // 27–30 March 2026: Friday before, Monday after the last Sunday of March (CET → CEST).
  const due = addCountedTime(new Date('2026-03-27T14:00:00+01:00'), 2 * HOUR, working());
  assert.equal(due.toISOString(), new Date('2026-03-30T08:00:00+02:00').toISOString());
  assert.equal(localTime(2026, 3, 30, 7 * 60, 'Europe/Belgrade').toISOString(), '2026-03-30T05:00:00.000Z');
});

test('counted time between two instants matches the time added', () => {
  const start = belgrade('2026-01-16T14:00:00');
  const policy = working(['2026-01-21']);
  const due = addCountedTime(start, 48 * HOUR, policy);
  assert.equal(countedBetween(start, due, policy), 48 * HOUR);
  assert.equal(countedBetween(due, start, policy), -48 * HOUR);
});

test('the warning comes at 75 % of the counted time', () => {
  const start = belgrade('2026-01-12T07:00:00'); // Monday opening
  const s = firstResponseSchedule(start, 48, 75, working());
  // 36 working hours: Mon–Thu 32 h, then Fri 07–11.
  assert.equal(s.warnAt.toISOString(), belgrade('2026-01-16T11:00:00').toISOString());
  const c = firstResponseSchedule(start, 48, 75, calendar);
  assert.equal(c.warnAt.getTime() - start.getTime(), 36 * HOUR);
});

test('the clock is ok, then warning, then breached; an answer freezes it as answered (late or not)', () => {
  const dueAt = new Date('2026-01-03T12:00:00Z');
  const warnAt = new Date('2026-01-03T00:00:00Z');
  assert.equal(clockAt(new Date('2026-01-02T12:00:00Z'), { dueAt, warnAt, answeredAt: null }).state, 'ok');
  assert.equal(clockAt(new Date('2026-01-03T06:00:00Z'), { dueAt, warnAt, answeredAt: null }).state, 'warning');
  const breached = clockAt(new Date('2026-01-03T13:00:00Z'), { dueAt, warnAt, answeredAt: null });
  assert.equal(breached.state, 'breached');
  assert.equal(breached.remainingMs, -HOUR);
  const late = clockAt(new Date('2026-01-04T00:00:00Z'), { dueAt, warnAt, answeredAt: new Date('2026-01-03T14:00:00Z') });
  assert.deepEqual([late.state, late.answeredLate], ['answered', true]);
});

// Europe/Belgrade in 2027: summer time starts Sunday 28 March (02:00 CET → 03:00 CEST, at 01:00 UTC) and
// ends Sunday 31 October (03:00 CEST → 02:00 CET, at 01:00 UTC).
const allDay: SlaPolicy = { ...working(), workingDays: [1, 2, 3, 4, 5, 6, 7], dayStart: 0, dayEnd: 24 * 60 };

test('working hours across the spring switch: Friday 14:00 CET plus two working hours is Monday 08:00 CEST', () => {
  const start = new Date('2027-03-26T14:00:00+01:00');
  const due = addCountedTime(start, 2 * HOUR, working());
  assert.equal(due.toISOString(), '2027-03-29T06:00:00.000Z');
  assert.equal(countedBetween(start, due, working()), 2 * HOUR);
  // Filed on the switch night itself, 01:30 CET: counting starts at Monday's opening, 07:00 CEST.
  assert.equal(addCountedTime(new Date('2027-03-28T00:30:00Z'), HOUR, working()).toISOString(), '2027-03-29T06:00:00.000Z');
});

test('working hours across the autumn switch: Friday 14:00 CEST plus two working hours is Monday 08:00 CET', () => {
  const start = new Date('2027-10-29T14:00:00+02:00');
  const due = addCountedTime(start, 2 * HOUR, working());
  assert.equal(due.toISOString(), '2027-11-01T07:00:00.000Z');
  assert.equal(countedBetween(start, due, working()), 2 * HOUR);
  // Filed at 02:30 in the repeated hour (either pass): Monday 07:00 CET + 1 h.
  for (const filed of ['2027-10-31T00:30:00Z', '2027-10-31T01:30:00Z']) {
    assert.equal(addCountedTime(new Date(filed), HOUR, working()).toISOString(), '2027-11-01T07:00:00.000Z', filed);
  }
});

test('a working day that spans the whole local day is 23 hours long on the spring Sunday and 25 on the autumn one', () => {
  assert.equal(localTime(2027, 3, 28, 0, 'Europe/Belgrade').toISOString(), '2027-03-27T23:00:00.000Z');
  assert.equal(localTime(2027, 3, 28, 24 * 60, 'Europe/Belgrade').toISOString(), '2027-03-28T22:00:00.000Z');
  assert.equal(countedBetween(new Date('2027-03-27T23:00:00Z'), new Date('2027-03-28T22:00:00Z'), allDay), 23 * HOUR);
  assert.equal(localTime(2027, 10, 31, 0, 'Europe/Belgrade').toISOString(), '2027-10-30T22:00:00.000Z');
  assert.equal(localTime(2027, 10, 31, 24 * 60, 'Europe/Belgrade').toISOString(), '2027-10-31T23:00:00.000Z');
  assert.equal(countedBetween(new Date('2027-10-30T22:00:00Z'), new Date('2027-10-31T23:00:00Z'), allDay), 25 * HOUR);
  // Counted time is real time: 48 hours from 01:30 on either switch night are 48 hours later in UTC.
  for (const filed of ['2027-03-28T00:30:00Z', '2027-10-31T00:30:00Z']) {
    const at = new Date(filed);
    assert.equal(addCountedTime(at, 48 * HOUR, allDay).getTime() - at.getTime(), 48 * HOUR, filed);
    assert.equal(addCountedTime(at, 48 * HOUR, calendar).getTime() - at.getTime(), 48 * HOUR, filed);
  }
});

test('the warning and the deadline of a report filed on the spring switch night land on local working hours', () => {
  // Sunday 01:30 CET; 8 working hours → Monday 07:00–15:00 CEST; the warning at 75 % is Monday 13:00 CEST.
  const s = firstResponseSchedule(new Date('2027-03-28T00:30:00Z'), 8, 75, working());
  assert.equal(s.dueAt.toISOString(), '2027-03-29T13:00:00.000Z');
  assert.equal(s.warnAt.toISOString(), '2027-03-29T11:00:00.000Z');
});

test('29 February is an ordinary working day, and a holiday on it is skipped', () => {
  // Monday 28 Feb 2028 14:00 CET + 2 working hours: 15:00 closes after one, Tuesday 29 Feb 08:00 CET.
  const start = new Date('2028-02-28T14:00:00+01:00');
  assert.equal(addCountedTime(start, 2 * HOUR, working()).toISOString(), '2028-02-29T07:00:00.000Z');
  assert.equal(addCountedTime(start, 2 * HOUR, working(['2028-02-29'])).toISOString(), '2028-03-01T07:00:00.000Z');
});

test("working hours across the new year: a report filed at 23:59 on New Year's Eve with 1–2 January as holidays starts counting on Monday 4 January", () => {
  // 31 Dec 2026 is a Thursday; 1 Jan (Fri) and the weekend follow; 2027-01-04 is Monday.
  const due = addCountedTime(new Date('2026-12-31T22:59:00Z'), HOUR, working(['2027-01-01', '2027-01-02']));
  assert.equal(due.toISOString(), '2027-01-04T07:00:00.000Z');
});
