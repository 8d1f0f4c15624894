import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatCaseNumber, numberTemplate, seriesKey, validateNumberPattern, yearIn } from './case-number.ts';

const ctx = { unit: 'PIS', type: 'UP', year: 2026 };

test('a pattern is filled with unit, zero-padded sequence and year', () => {
  assert.equal(formatCaseNumber('UP-I-{unit}-{seq:4}/{yyyy}', ctx, 7), 'UP-I-PIS-0007/2026');
  assert.equal(formatCaseNumber('{type}-{seq}/{yy}', ctx, 123), 'UP-123/26');
});

test('the series key leaves only the sequence open, so each unit and year counts on its own', () => {
  assert.equal(seriesKey('UP-I-{unit}-{seq:4}/{yyyy}', ctx), 'UP-I-PIS-{seq}/2026');
  assert.notEqual(seriesKey('{unit}-{seq}/{yyyy}', ctx), seriesKey('{unit}-{seq}/{yyyy}', { ...ctx, year: 2027 }));
});

test('the template registration fills in where it takes the number gives the same number as formatCaseNumber, padded the same way', () => {
  for (const [pattern, seq] of [
    ['UP-I-{unit}-{seq:4}/{yyyy}', 7],
    ['UP-I-{unit}-{seq:3}/{yyyy}', 12345],
    ['{type}-{seq}/{yy}', 123],
  ] as const) {
    const { template, pad } = numberTemplate(pattern, ctx, 'seqPLACEHOLDER');
    assert.equal(template.replace('seqPLACEHOLDER', String(seq).padStart(pad, '0')), formatCaseNumber(pattern, ctx, seq));
  }
  assert.deepEqual(numberTemplate('UP-{seq:4}', ctx, 'X'), { template: 'UP-X', pad: 4 });
});

test('patterns without {seq} or with unknown placeholders are refused with the reason', () => {
  assert.equal(validateNumberPattern('UP-{unit}/{yyyy}'), 'the pattern needs {seq}');
  assert.equal(validateNumberPattern('UP-{seq}-{month}'), 'unknown placeholder {month}');
  assert.equal(validateNumberPattern('UP-{seq}-{seq}'), '{seq} may appear only once');
  assert.equal(validateNumberPattern('UP-I-{unit}-{seq:3}/{yyyy}'), null);
});

test("the year is the municipality's: 23:30 UTC on 31 December is already next year in Belgrade", () => {
  assert.equal(yearIn(new Date('2026-12-31T23:30:00Z'), 'Europe/Belgrade'), 2027);
  assert.equal(yearIn(new Date('2026-12-31T23:30:00Z'), 'UTC'), 2026);
});

test("the number's year changes at local midnight of the new year, an hour before UTC does, and a new series starts", () => {
  const pattern = 'UP-I-{unit}-{seq:3}/{yyyy}';
  const lastSecond = new Date('2026-12-31T22:59:59Z'); // 23:59:59 on 31 December in Belgrade
  const newYear = new Date('2026-12-31T23:00:00Z'); // 00:00 on 1 January in Belgrade
  assert.equal(yearIn(lastSecond, 'Europe/Belgrade'), 2026);
  assert.equal(yearIn(newYear, 'Europe/Belgrade'), 2027);
  assert.equal(yearIn(newYear, 'UTC'), 2026);
  assert.equal(yearIn(new Date('2027-01-01T00:00:00Z'), 'UTC'), 2027);
  const old = { unit: 'PIS', type: 'UP', year: yearIn(lastSecond, 'Europe/Belgrade') };
  const fresh = { ...old, year: yearIn(newYear, 'Europe/Belgrade') };
  assert.equal(formatCaseNumber(pattern, old, 412), 'UP-I-PIS-412/2026');
  assert.equal(formatCaseNumber(pattern, fresh, 1), 'UP-I-PIS-001/2027');
  assert.notEqual(seriesKey(pattern, old), seriesKey(pattern, fresh));
  assert.equal(formatCaseNumber('{seq}/{yy}', fresh, 1), '1/27');
});

test("other municipalities' years: a zone east of UTC turns earlier, one west of it later", () => {
  // Sarajevo and Podgorica share Belgrade's time; a municipality configured in UTC turns at 00:00 UTC.
  assert.equal(yearIn(new Date('2026-12-31T23:00:00Z'), 'Europe/Sarajevo'), 2027);
  assert.equal(yearIn(new Date('2026-12-31T23:00:00Z'), 'Europe/Podgorica'), 2027);
  assert.equal(yearIn(new Date('2026-12-31T23:59:59Z'), 'Atlantic/Azores'), 2026);
});

test('29 February belongs to its year like any day', () => {
  assert.equal(yearIn(new Date('2028-02-29T12:00:00Z'), 'Europe/Belgrade'), 2028);
});
