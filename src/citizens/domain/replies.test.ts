import { test } from 'node:test';
import assert from 'node:assert/strict';
import { casesKeyboard, formatDate, statusText } from './replies.ts';

test("a status reply names the status, body, clerk, awaited institution and deadline in the citizen's language", () => {
  const c = {
    number: 'UP-I-PIS-001/2026',
    status: 'awaiting_opinion' as const,
    unit_name: 'Odeljenje A',
    clerk_name: 'Ana Anić',
    awaiting_name: 'Zavod',
    due_at: '2026-07-01T10:00:00Z',
    closed_at: null,
  };
  const en = statusText('en', c, 'Europe/Belgrade');
  assert.match(en, /^UP-I-PIS-001\/2026: Awaiting another institution's opinion/);
  assert.ok(en.includes('Odeljenje A') && en.includes('Ana Anić') && en.includes('Zavod') && en.includes('1/7/2026'), en);
  const cyr = statusText('sr-Cyrl', c, 'Europe/Belgrade');
  assert.ok(cyr.includes('1.7.2026.'), cyr);
  assert.ok(!statusText('en', { ...c, closed_at: '2026-06-01T00:00:00Z' }, 'Europe/Belgrade').includes('1/7/2026'), 'no deadline once closed');
});

test('the keyboard lists own cases with their status and ends with my cases and help', () => {
  const k = casesKeyboard('en', [{ number: 'A-1/26', status: 'received' }]) as { Buttons: { ActionBody: string; Text: string }[] };
  assert.equal(k.Buttons[0]!.ActionBody, 'A-1/26');
  assert.match(k.Buttons[0]!.Text, /Received/);
  assert.equal(k.Buttons.at(-1)!.ActionBody, 'help');
  assert.equal(formatDate('2026-12-31T23:30:00Z', 'en', 'Europe/Belgrade'), '1/1/2027');
});
