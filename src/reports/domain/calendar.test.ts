import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addWeeks, formatIsoWeek, isoWeekOf, parseIsoWeek, parsePeriod, previousWeek, weekPeriod, weeksInYear } from './calendar.ts';

const TZ = 'Europe/Belgrade';

test('ISO weeks: the Thursday decides the year, and years have 52 or 53 weeks', () => {
  assert.equal(formatIsoWeek(isoWeekOf(new Date('2026-01-01T12:00:00Z'), TZ)), '2026-W01');
  assert.equal(formatIsoWeek(isoWeekOf(new Date('2027-01-01T12:00:00Z'), TZ)), '2026-W53');
  assert.equal(formatIsoWeek(isoWeekOf(new Date('2024-12-30T12:00:00Z'), TZ)), '2025-W01');
  assert.equal(weeksInYear(2026), 53);
  assert.equal(weeksInYear(2025), 52);
  assert.equal(parseIsoWeek('2025-W53'), null);
  assert.deepEqual(parseIsoWeek('2026-W53'), { year: 2026, week: 53 });
  assert.equal(formatIsoWeek(addWeeks({ year: 2026, week: 53 }, 1)), '2027-W01');
});

test('a week runs from Monday midnight to Monday midnight in the municipality time zone', () => {
  assert.deepEqual(weekPeriod({ year: 2026, week: 47 }, TZ), { start: new Date('2026-11-15T23:00:00Z'), end: new Date('2026-11-22T23:00:00Z') });
  // The week of the autumn clock change (25 October 2026) is 169 hours long.
  const p = weekPeriod({ year: 2026, week: 43 }, TZ);
  assert.equal((p.end.getTime() - p.start.getTime()) / 3_600_000, 169);
  // Sunday 23:30 local is still in the week; the Monday just after belongs to the next one.
  assert.equal(formatIsoWeek(isoWeekOf(new Date('2026-11-22T22:30:00Z'), TZ)), '2026-W47');
  assert.equal(formatIsoWeek(previousWeek(new Date('2026-11-22T23:10:00Z'), TZ)), '2026-W47');
});

test('report periods by name: year, quarter, month, week and a range of days', () => {
  assert.deepEqual(parsePeriod('2026-Q4', TZ), {
    label: '2026-Q4',
    year: 2026,
    start: new Date('2026-09-30T22:00:00Z'),
    end: new Date('2026-12-31T23:00:00Z'),
  });
  assert.deepEqual(parsePeriod('2026-12', TZ)?.end, new Date('2026-12-31T23:00:00Z'));
  assert.deepEqual(parsePeriod('2026', TZ)?.start, new Date('2025-12-31T23:00:00Z'));
  assert.deepEqual(parsePeriod('2026-07-01..2026-07-01', TZ), {
    label: '2026-07-01..2026-07-01',
    year: 2026,
    start: new Date('2026-06-30T22:00:00Z'),
    end: new Date('2026-07-01T22:00:00Z'),
  });
  for (const bad of ['2026-Q5', '2026-13', '2026-02-30..2026-03-01', '2026-03-02..2026-03-01', 'last week']) assert.equal(parsePeriod(bad, TZ), null, bad);
});

test('weeks across the new year: 31 December 2026 and 1 January 2027 are both in 2026-W53, local time deciding the day', () => {
  // 2026-12-31 23:59 Belgrade is 22:59 UTC; 2027-01-01 00:30 Belgrade is 23:30 UTC on 31 December.
  assert.equal(formatIsoWeek(isoWeekOf(new Date('2026-12-31T22:59:00Z'), TZ)), '2026-W53');
  assert.equal(formatIsoWeek(isoWeekOf(new Date('2026-12-31T23:30:00Z'), TZ)), '2026-W53');
  // Week 53 runs Monday 28 December 2026 to Monday 4 January 2027, local midnight to local midnight.
  assert.deepEqual(weekPeriod({ year: 2026, week: 53 }, TZ), { start: new Date('2026-12-27T23:00:00Z'), end: new Date('2027-01-03T23:00:00Z') });
  // Sunday 3 January 23:59 local is the last minute of 2026-W53; the Monday after is 2027-W01.
  assert.equal(formatIsoWeek(isoWeekOf(new Date('2027-01-03T22:59:00Z'), TZ)), '2026-W53');
  assert.equal(formatIsoWeek(isoWeekOf(new Date('2027-01-03T23:00:00Z'), TZ)), '2027-W01');
  // The week the weekly job publishes at the start of 2027-W01 is 2026-W53, and before that 2026-W52.
  assert.equal(formatIsoWeek(previousWeek(new Date('2027-01-03T23:15:00Z'), TZ)), '2026-W53');
  assert.equal(formatIsoWeek(previousWeek(new Date('2026-12-31T22:59:00Z'), TZ)), '2026-W52');
  assert.equal(formatIsoWeek(addWeeks({ year: 2027, week: 1 }, -1)), '2026-W53');
  assert.equal(parseIsoWeek('2027-W53'), null, '2027 has 52 weeks');
  assert.equal(weeksInYear(2027), 52);
});

test('weeks in which the clocks change are 167 and 169 hours long (2027-W12 and 2027-W43)', () => {
  const spring = weekPeriod(isoWeekOf(new Date('2027-03-28T00:30:00Z'), TZ), TZ);
  assert.equal(formatIsoWeek(isoWeekOf(new Date('2027-03-28T00:30:00Z'), TZ)), '2027-W12');
  assert.deepEqual(spring, { start: new Date('2027-03-21T23:00:00Z'), end: new Date('2027-03-28T22:00:00Z') });
  const autumn = weekPeriod(isoWeekOf(new Date('2027-10-31T00:30:00Z'), TZ), TZ);
  assert.equal(formatIsoWeek(isoWeekOf(new Date('2027-10-31T00:30:00Z'), TZ)), '2027-W43');
  assert.equal((autumn.end.getTime() - autumn.start.getTime()) / 3_600_000, 169);
  assert.equal(autumn.end.toISOString(), '2027-10-31T23:00:00.000Z');
});

test('29 February: its week, its day and a month that ends on it', () => {
  assert.equal(formatIsoWeek(isoWeekOf(new Date('2028-02-29T12:00:00Z'), TZ)), '2028-W09');
  assert.deepEqual(weekPeriod({ year: 2028, week: 9 }, TZ), { start: new Date('2028-02-27T23:00:00Z'), end: new Date('2028-03-05T23:00:00Z') });
  assert.deepEqual(parsePeriod('2028-02', TZ)?.end, new Date('2028-02-29T23:00:00Z'));
  assert.deepEqual(parsePeriod('2028-02-29..2028-02-29', TZ)?.start, new Date('2028-02-28T23:00:00Z'));
  assert.equal(parsePeriod('2027-02-29..2027-03-01', TZ), null, 'no 29 February in 2027');
  assert.deepEqual(parsePeriod('2028-Q1', TZ)?.end, new Date('2028-03-31T22:00:00Z'), 'the quarter ends at local midnight in summer time');
});
