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
  assert.deepEqual(parsePeriod('2026-Q4', TZ), { label: '2026-Q4', year: 2026, start: new Date('2026-09-30T22:00:00Z'), end: new Date('2026-12-31T23:00:00Z') });
  assert.deepEqual(parsePeriod('2026-12', TZ)?.end, new Date('2026-12-31T23:00:00Z'));
  assert.deepEqual(parsePeriod('2026', TZ)?.start, new Date('2025-12-31T23:00:00Z'));
  assert.deepEqual(parsePeriod('2026-07-01..2026-07-01', TZ), { label: '2026-07-01..2026-07-01', year: 2026, start: new Date('2026-06-30T22:00:00Z'), end: new Date('2026-07-01T22:00:00Z') });
  for (const bad of ['2026-Q5', '2026-13', '2026-02-30..2026-03-01', '2026-03-02..2026-03-01', 'last week']) assert.equal(parsePeriod(bad, TZ), null, bad);
});
