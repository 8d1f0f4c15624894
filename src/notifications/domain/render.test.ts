import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDate, placeholderValues, textToHtml } from './render.ts';

const facts = {
  number: 'UP-I-PIS-001/2026',
  subject: 'Dozvola',
  status: 'approved',
  registeredAt: new Date('2026-11-21T08:00:00Z'),
  unitName: 'Odeljenje za urbanizam',
  clerkName: 'Petar Petrović',
  awaitingName: null,
  dueAt: null,
  classificationCode: null,
  trackingCode: 'ABCD-EFGH-JKMN',
};
const inst = { publicUrl: 'https://glas.example', municipality: 'Opština Demo', timeZone: 'Europe/Belgrade' };

test('dates are written the local way in each language', () => {
  const at = new Date('2026-11-21T23:30:00Z'); // already the 22nd in Belgrade
  assert.equal(formatDate(at, 'sr-Latn', 'Europe/Belgrade'), '22.11.2026');
  assert.equal(formatDate(at, 'sl', 'Europe/Belgrade'), '22. 11. 2026');
  assert.equal(formatDate(at, 'en', 'Europe/Belgrade'), '22/11/2026');
});

test('a Cyrillic recipient gets names and the status in Cyrillic; numbers and codes stay as they are', () => {
  const v = placeholderValues(
    facts,
    { type: 'case.status_changed', data: { to: 'approved' }, note: null, visibility: 'public' },
    'Ljubiša Jovanović',
    'sr-Cyrl',
    inst,
  );
  assert.equal(v.name, 'Љубиша Јовановић');
  assert.equal(v.clerk, 'Петар Петровић');
  assert.equal(v.status, 'Одобрен');
  assert.equal(v.number, 'UP-I-PIS-001/2026');
  assert.equal(v.trackingLink, 'https://glas.example/track?number=UP-I-PIS-001%2F2026&code=ABCD-EFGH-JKMN');
});

test('a note reaches the message only from a public event', () => {
  const pub = placeholderValues(
    facts,
    { type: 'case.status_changed', data: { to: 'incomplete' }, note: 'Nedostaje taksa.', visibility: 'public' },
    'A',
    'sr-Latn',
    inst,
  );
  const internal = placeholderValues(
    facts,
    { type: 'case.status_changed', data: { to: 'incomplete' }, note: 'Interno.', visibility: 'internal' },
    'A',
    'sr-Latn',
    inst,
  );
  assert.equal(pub.note, 'Nedostaje taksa.');
  assert.equal(internal.note, '');
});

test("an external registry event shows the registry's own case number", () => {
  const v = placeholderValues(facts, { type: 'case.external_event', data: { caseNumber: '354-12/2026-3' }, note: null, visibility: 'public' }, 'A', 'sl', inst);
  assert.equal(v.number, '354-12/2026-3');
});

test('e-mail HTML escapes text and links URLs', () => {
  assert.equal(
    textToHtml('a <b>\n\nhttps://x.example/t?a=1', 'en'),
    '<!doctype html><html lang="en"><body><p>a &lt;b&gt;</p>\n<p><a href="https://x.example/t?a=1">https://x.example/t?a=1</a></p></body></html>',
  );
});

test('a value not known yet reads as words in the message, never as an empty gap', async () => {
  const { defaultTemplate } = await import('./default-templates.ts');
  const { renderTemplate } = await import('./template.ts');
  const bare = { ...facts, unitName: null, clerkName: null, dueAt: null };
  const e = { type: 'case.assigned', data: {}, note: null, visibility: 'public' as const };
  assert.equal(
    renderTemplate(defaultTemplate('assigned', 'sms', 'sr-Latn'), placeholderValues(bare, e, 'Ana', 'sr-Latn', inst)),
    'Predmet UP-I-PIS-001/2026 sada vodi: nadležna služba.',
  );
  assert.equal(
    renderTemplate(defaultTemplate('assigned', 'sms', 'sr-Cyrl'), placeholderValues(bare, e, 'Ana', 'sr-Cyrl', inst)),
    'Предмет UP-I-PIS-001/2026 сада води: надлежна служба.',
  );
  assert.equal(
    renderTemplate(defaultTemplate('deadline_set', 'sms', 'en'), placeholderValues(bare, e, 'Ana', 'en', inst)),
    'Case UP-I-PIS-001/2026: the deadline is a date still to be set.',
  );
});

test('the reason of a decision is in the message, and no trace is left without one', async () => {
  const { defaultTemplate } = await import('./default-templates.ts');
  const { renderTemplate } = await import('./template.ts');
  const rejected = (note: string | null) =>
    renderTemplate(
      defaultTemplate('status:rejected', 'sms', 'sr-Latn'),
      placeholderValues(facts, { type: 'case.status_changed', data: { to: 'rejected' }, note, visibility: 'public' }, 'Ana', 'sr-Latn', inst),
    );
  assert.equal(rejected('Nedostaje saglasnost suseda.'), 'Vaš zahtev UP-I-PIS-001/2026 je odbijen. Nedostaje saglasnost suseda.');
  assert.equal(rejected(null), 'Vaš zahtev UP-I-PIS-001/2026 je odbijen.');
});
