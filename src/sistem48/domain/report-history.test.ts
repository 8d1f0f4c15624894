import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateReportHistory } from './report-history.ts';
import { HISTORY_CATEGORIES } from './report-history-texts.ts';

const NOW = new Date('2026-06-15T08:00:00Z');
const rows = generateReportHistory({ seed: 5, count: 3000, now: NOW });

test('the same seed and clock give the same rows; another seed other rows', () => {
  assert.deepEqual(generateReportHistory({ seed: 5, count: 50, now: NOW }), rows.slice(0, 50));
  assert.notDeepEqual(generateReportHistory({ seed: 6, count: 50, now: NOW }), rows.slice(0, 50));
});

test('rows carry the import columns, dated in the two years before the clock, closed after they were answered', () => {
  const columns = ['received_at', 'category', 'text', 'address', 'lat', 'lon', 'channel', 'status', 'answered_at', 'closed_at', 'external_id'];
  for (const r of rows) {
    assert.deepEqual(Object.keys(r).sort(), [...columns].sort());
    const received = Date.parse(r.received_at);
    assert.ok(received < NOW.getTime() && received > NOW.getTime() - 732 * 86_400_000, r.received_at);
    if (r.closed_at) assert.ok(Date.parse(r.closed_at) >= Date.parse(r.answered_at) && Date.parse(r.closed_at) < NOW.getTime());
    if (r.answered_at) assert.ok(Date.parse(r.answered_at) > received);
    assert.equal(r.lat === '', r.lon === '');
  }
  assert.equal(new Set(rows.map((r) => r.external_id)).size, rows.length);
});

test('every category, both scripts, texts with and without diacritics, and varied wording', () => {
  assert.deepEqual([...new Set(rows.map((r) => r.category))].sort(), [...HISTORY_CATEGORIES].sort());
  const cyrillic = rows.filter((r) => /[\u0400-\u04ff]/.test(r.text)).length;
  const diacritics = rows.filter((r) => /[čćšžđ]/i.test(r.text)).length;
  assert.ok(cyrillic > 200 && cyrillic < 1500, `cyrillic ${cyrillic}`);
  assert.ok(diacritics > 500, `diacritics ${diacritics}`);
  assert.ok(
    rows.some((r) => /\b(luč|smeti|cesti)\b/.test(r.text)),
    'Slovenian',
  );
  assert.ok(
    rows.some((r) => /\b(street|the)\b/i.test(r.text)),
    'English',
  );
  // Not a few templates: almost every text is different.
  assert.ok(new Set(rows.map((r) => r.text)).size > rows.length * 0.95);
  const only = generateReportHistory({ seed: 1, count: 100, now: NOW, categories: ['pothole', 'garbage', 'unknown'] });
  assert.deepEqual([...new Set(only.map((r) => r.category))].sort(), ['garbage', 'pothole']);
});
