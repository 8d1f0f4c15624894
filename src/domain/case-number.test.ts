import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatCaseNumber, seriesKey, validateNumberPattern, yearIn } from './case-number.ts';

const ctx = { unit: 'PIS', type: 'UP', year: 2026 };

test('a pattern is filled with unit, zero-padded sequence and year', () => {
  assert.equal(formatCaseNumber('UP-I-{unit}-{seq:4}/{yyyy}', ctx, 7), 'UP-I-PIS-0007/2026');
  assert.equal(formatCaseNumber('{type}-{seq}/{yy}', ctx, 123), 'UP-123/26');
});

test('the series key leaves only the sequence open, so each unit and year counts on its own', () => {
  assert.equal(seriesKey('UP-I-{unit}-{seq:4}/{yyyy}', ctx), 'UP-I-PIS-{seq}/2026');
  assert.notEqual(seriesKey('{unit}-{seq}/{yyyy}', ctx), seriesKey('{unit}-{seq}/{yyyy}', { ...ctx, year: 2027 }));
});

test('patterns without {seq} or with unknown placeholders are refused with the reason', () => {
  assert.equal(validateNumberPattern('UP-{unit}/{yyyy}'), 'the pattern needs {seq}');
  assert.equal(validateNumberPattern('UP-{seq}-{month}'), 'unknown placeholder {month}');
  assert.equal(validateNumberPattern('UP-{seq}-{seq}'), '{seq} may appear only once');
  assert.equal(validateNumberPattern('UP-I-{unit}-{seq:3}/{yyyy}'), null);
});

test('the year is the municipality\'s: 23:30 UTC on 31 December is already next year in Belgrade', () => {
  assert.equal(yearIn(new Date('2026-12-31T23:30:00Z'), 'Europe/Belgrade'), 2027);
  assert.equal(yearIn(new Date('2026-12-31T23:30:00Z'), 'UTC'), 2026);
});
