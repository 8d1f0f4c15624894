import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, messagesOf, type Harness } from './harness.ts';
import { localSecondOfDay, releaseTime } from '../../src/notifications/domain/quiet-hours.ts';
import type { Session } from '../helpers/app.ts';

let h: Harness;
let registry: Session, clerkA: Session, admin: Session;
let phoneSeq = 0;

before(async () => {
  h = await startHarness();
  registry = await h.login('registry');
  clerkA = await h.login('clerkA');
  admin = await h.login('admin');
});
after(async () => {
  await h.close();
});

async function register(party: Record<string, unknown> = {}) {
  const phone = `+3816477${String(++phoneSeq).padStart(5, '0')}`;
  const r = await h.call({
    method: 'POST',
    url: '/api/v1/notifications/registrations',
    as: registry,
    payload: {
      caseTypeId: h.m.caseType.id,
      subject: 'Zahtev',
      channel: 'counter',
      parties: [{ name: 'Petar Jović', phone, locale: 'sr-Latn', consent: { channels: ['sms'] }, ...party }],
    },
  });
  assert.equal(r.statusCode, 201, r.body);
  const c = r.json() as { id: string; number: string; partyIds: string[] };
  await h.smsc.waitFor((m) => m.destination === phone.slice(1) && m.text.includes(c.number), 5000);
  return { ...c, phone, dest: phone.slice(1), partyId: c.partyIds[0]! };
}

async function move(as: Session, caseId: string, to: string, extra: Record<string, unknown> = {}) {
  const r = await h.call({ method: 'POST', url: `/api/v1/cases/${caseId}/transitions`, as, payload: { to, ...extra } });
  assert.equal(r.statusCode, 200, `${to}: ${r.body}`);
}

const smsTo = (dest: string) => h.smsc.received().filter((m) => m.destination === dest);

test('every step of the case reaches the citizen by SMS with the words its kind calls for', async () => {
  const c = await register();
  const steps: [Session, string, Record<string, unknown>, string][] = [
    [registry, 'delivered', { unitId: h.m.units.a.id }, 'je dostavljen nadležnom organu: Odeljenje A.'],
    [clerkA, 'accepted', {}, 'je preuzeo referent User clerkA (Odeljenje A).'],
    [clerkA, 'in_progress', {}, 'je u obradi.'],
    [clerkA, 'awaiting_opinion', { unitId: h.m.units.institution.id }, 'čeka se mišljenje: Zavod za zaštitu prirode.'],
    [clerkA, 'in_progress', {}, 'Stiglo je mišljenje'],
    [
      clerkA,
      'incomplete',
      { note: 'Nedostaje dokaz o uplati takse.', noteVisibility: 'public' },
      'je nepotpun – potrebna je dopuna. Nedostaje dokaz o uplati takse.',
    ],
    [clerkA, 'in_progress', {}, 'je u obradi.'],
    [clerkA, 'approved', {}, 'je odobren.'],
    [clerkA, 'appeal_received', {}, 'Primljena je žalba'],
    [clerkA, 'resolved', {}, 'je rešen.'],
    [clerkA, 'returned_to_registry', {}, 'je vraćen u pisarnicu.'],
    [registry, 'archived', {}, 'je arhiviran.'],
  ];
  let expected = 1;
  for (const [as, to, extra, words] of steps) {
    await move(as, c.id, to, extra);
    expected++;
    const sms = await h.smsc.waitFor((m) => m.destination === c.dest && smsTo(c.dest).length >= expected && m === smsTo(c.dest)[expected - 1], 5000);
    assert.ok(sms.text.includes(c.number) && sms.text.includes(words), `${to}: "${sms.text}" lacks "${words}"`);
  }
  assert.equal(smsTo(c.dest).length, steps.length + 1, 'one SMS per step, none twice');
});

test('rejected, dismissed and suspended each produce their own message', async () => {
  for (const [path, words] of [
    [['in_progress', 'rejected'], 'je odbijen.'],
    [['incomplete', 'dismissed'], 'je odbačen.'],
    [['awaiting_opinion', 'suspended'], 'je obustavljen.'],
  ] as const) {
    const c = await register();
    await move(registry, c.id, 'delivered', { unitId: h.m.units.a.id });
    await move(clerkA, c.id, 'accepted');
    for (const to of path) await move(clerkA, c.id, to, to === 'awaiting_opinion' ? { unitId: h.m.units.institution.id } : {});
    const last = await h.smsc.waitFor((m) => m.destination === c.dest && m.text.includes(words), 5000);
    assert.ok(last.text.includes(c.number));
  }
});

test('a step with a note for staff only still reaches the citizen, without the note', async () => {
  const c = await register();
  await move(registry, c.id, 'delivered', { unitId: h.m.units.a.id });
  await move(clerkA, c.id, 'accepted');
  await move(clerkA, c.id, 'in_progress', { note: 'Interno: proveriti katastar pre odluke.', noteVisibility: 'internal' });
  const sms = await h.smsc.waitFor((m) => m.destination === c.dest && m.text.includes('je u obradi.'), 5000);
  assert.ok(!sms.text.includes('Interno'), sms.text);
  const list = (await h.call({ method: 'GET', url: `/api/v1/cases/${c.id}/events`, as: clerkA })).json().items as {
    type: string;
    visibility: string;
    note: string | null;
    data: { to?: string };
  }[];
  const step = list.find((e) => e.type === 'case.status_changed' && e.data.to === 'in_progress');
  assert.ok(step && step.visibility === 'public' && step.note === null, `the step is public and carries no note: ${JSON.stringify(step)}`);
  assert.ok(list.some((e) => e.type === 'case.note_added' && e.visibility === 'internal' && e.note === 'Interno: proveriti katastar pre odluke.'));
  assert.ok(!smsTo(c.dest).some((m) => m.text.includes('Interno')));
});

test('a citizen who wants key events only still gets the key ones, and not the others', async () => {
  const c = await register();
  const r = await h.call({ method: 'PATCH', url: `/api/v1/parties/${c.partyId}/notification-settings`, as: registry, payload: { scope: 'key' } });
  assert.equal(r.statusCode, 200, r.body);
  await move(registry, c.id, 'delivered', { unitId: h.m.units.a.id });
  await move(clerkA, c.id, 'accepted');
  await move(clerkA, c.id, 'in_progress');
  await move(clerkA, c.id, 'approved');
  await h.smsc.waitFor((m) => m.destination === c.dest && m.text.includes('je odobren.'), 5000);
  const kinds = (await messagesOf(h, c.id)).map((m) => m.kind);
  assert.deepEqual(kinds, ['registered', 'status:approved']);
});

test('internal event types and internal notes send nothing; a note for the citizen does', async () => {
  const set = await h.call({ method: 'PUT', url: '/api/v1/notifications/kinds/status:in_progress', as: admin, payload: { level: 'internal' } });
  assert.equal(set.statusCode, 200, set.body);
  try {
    const c = await register();
    await move(registry, c.id, 'delivered', { unitId: h.m.units.a.id });
    await move(clerkA, c.id, 'accepted');
    await move(clerkA, c.id, 'in_progress');
    await h.call({ method: 'POST', url: `/api/v1/cases/${c.id}/notes`, as: clerkA, payload: { text: 'Interna napomena o proveri.', visibility: 'internal' } });
    const note = await h.call({
      method: 'POST',
      url: `/api/v1/cases/${c.id}/notes`,
      as: clerkA,
      payload: { text: 'Molimo donesite original.', visibility: 'public' },
    });
    assert.equal(note.statusCode, 201);
    await h.smsc.waitFor((m) => m.destination === c.dest && m.text.includes('Molimo donesite original.'), 5000);
    const kinds = (await messagesOf(h, c.id)).map((m) => m.kind);
    assert.deepEqual(kinds, ['registered', 'delivered', 'accepted', 'note_added']);
    assert.ok(!smsTo(c.dest).some((m) => m.text.includes('Interna')));
    const audit = (await h.call({ method: 'GET', url: '/api/v1/audit?entity=notification_kind', as: admin })).json().items;
    assert.ok(audit.some((a: { action: string; entity_id: string }) => a.action === 'set_notification_level' && a.entity_id === 'status:in_progress'));
  } finally {
    await h.call({ method: 'PUT', url: '/api/v1/notifications/kinds/status:in_progress', as: admin, payload: { level: 'notifiable' } });
  }
});

test('only the administrator sets levels and templates', async () => {
  assert.equal((await h.call({ method: 'PUT', url: '/api/v1/notifications/kinds/registered', as: registry, payload: { level: 'internal' } })).statusCode, 403);
  assert.equal(
    (await h.call({ method: 'PUT', url: '/api/v1/notifications/templates/registered/sms/sr-Latn', as: clerkA, payload: { body: 'Predmet {number}' } }))
      .statusCode,
    403,
  );
  assert.equal((await h.call({ method: 'PUT', url: '/api/v1/notifications/kinds/no_such_kind', as: admin, payload: { level: 'key' } })).statusCode, 404);
});

test('a template with an unknown placeholder is refused on save, naming it; a saved version is used and recorded with the message', async () => {
  const bad = await h.call({
    method: 'PUT',
    url: '/api/v1/notifications/templates/status:approved/sms/sr-Latn',
    as: admin,
    payload: { body: 'Zahtev {broj} je odobren.' },
  });
  assert.equal(bad.statusCode, 400);
  // Said in the administrator's language (sr-Latn here), naming the placeholder.
  assert.match(bad.json().error.message, /nepoznato polje za zamenu \{broj\}/);
  const ok = await h.call({
    method: 'PUT',
    url: '/api/v1/notifications/templates/status:approved/sms/sr-Latn',
    as: admin,
    payload: { body: 'Dobra vest: zahtev {number} je odobren ({body}).' },
  });
  assert.equal(ok.statusCode, 201, ok.body);
  assert.equal(ok.json().version, 1);
  const c = await register();
  await move(registry, c.id, 'delivered', { unitId: h.m.units.a.id });
  await move(clerkA, c.id, 'accepted');
  await move(clerkA, c.id, 'approved');
  const sms = await h.smsc.waitFor((m) => m.destination === c.dest && m.text.startsWith('Dobra vest'), 5000);
  assert.equal(sms.text, `Dobra vest: zahtev ${c.number} je odobren (Odeljenje A).`);
  const approved = (await messagesOf(h, c.id)).find((m) => m.kind === 'status:approved')!;
  assert.deepEqual(approved.template_versions, { sms: 1 });
  const versions = (await h.call({ method: 'GET', url: '/api/v1/notifications/templates/status:approved/sms/sr-Latn/versions', as: admin })).json().items;
  assert.deepEqual(
    versions.map((v: { version: number }) => v.version),
    [1, 0],
  );
});

test('the preview renders a template for a real case and shows SMS encoding, parts, cost and the text policy', async () => {
  const c = await register({ name: 'Đorđe Đorđević' });
  const r = await h.call({
    method: 'POST',
    url: '/api/v1/notifications/preview',
    as: registry,
    payload: { caseId: c.id, kind: 'registered', channel: 'sms', locale: 'sr-Latn' },
  });
  assert.equal(r.statusCode, 200, r.body);
  const p = r.json();
  assert.ok(p.text.includes(c.number));
  assert.equal(p.version, 0);
  assert.equal(p.sms.policy, 'unicode');
  assert.equal(p.sms.encoding, 'UCS-2');
  assert.equal(p.sms.parts, 2);
  assert.equal(p.sms.cost, 0.1);
  assert.equal(p.sms.currency, 'EUR');
  assert.equal(p.sms.alternative.policy, 'gsm7-fold');
  assert.equal(p.sms.alternative.encoding, 'GSM-7');
  assert.equal(p.sms.alternative.parts, 1);
  assert.ok(p.sms.alternative.text.includes('pracenje'));
  const draft = await h.call({
    method: 'POST',
    url: '/api/v1/notifications/preview',
    as: registry,
    payload: { caseId: c.id, kind: 'registered', channel: 'sms', locale: 'sr-Cyrl', body: 'Предмет {number}: {status}' },
  });
  assert.equal(draft.json().text, `Предмет ${c.number}: Примљен у писарници`);
  const unknown = await h.call({
    method: 'POST',
    url: '/api/v1/notifications/preview',
    as: registry,
    payload: { caseId: c.id, kind: 'registered', channel: 'sms', locale: 'en', body: '{nope}' },
  });
  assert.equal(unknown.statusCode, 400);
});

test("an administrator, who reads no citizen's case, previews a template on a made-up case, with encoding, parts and cost", async () => {
  const c = await register();
  const forCase = await h.call({
    method: 'POST',
    url: '/api/v1/notifications/preview',
    as: admin,
    payload: { caseId: c.id, kind: 'registered', channel: 'sms', locale: 'sr-Latn' },
  });
  assert.equal(forCase.statusCode, 404, "a real case stays out of the administrator's sight");
  const latin = (
    await h.call({
      method: 'POST',
      url: '/api/v1/notifications/preview',
      as: admin,
      payload: { kind: 'registered', channel: 'sms', locale: 'en', body: 'Case {number} registered {date}.' },
    })
  ).json();
  assert.equal(latin.caseNumber, 'UP-I-PIS-042/2026');
  assert.match(latin.text, /^Case UP-I-PIS-042\/2026 registered /);
  assert.equal(latin.sms.encoding, 'GSM-7');
  assert.equal(latin.sms.parts, 1);
  const cyrillic = (
    await h.call({ method: 'POST', url: '/api/v1/notifications/preview', as: admin, payload: { kind: 'registered', channel: 'sms', locale: 'sr-Cyrl' } })
  ).json();
  assert.equal(cyrillic.sms.encoding, 'UCS-2');
  assert.ok(cyrillic.sms.cost > 0);
});

test('quiet hours hold back notifiable messages until they end, but not key ones', async () => {
  const c = await register();
  const now = new Date();
  const second = localSecondOfDay(now, h.ctx.config.timezone);
  const [hh, mm] = [Math.floor(second / 3600), Math.floor((second % 3600) / 60)];
  const from = `${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}`;
  const toMin = (hh * 60 + mm + 120) % 1440;
  const to = `${String(Math.floor(toMin / 60)).padStart(2, '0')}:${String(toMin % 60).padStart(2, '0')}`;
  const r = await h.call({ method: 'PATCH', url: `/api/v1/parties/${c.partyId}/notification-settings`, as: registry, payload: { quietHours: { from, to } } });
  assert.equal(r.statusCode, 200, r.body);
  assert.deepEqual(r.json().preferences.quietHours, { from, to });
  await move(registry, c.id, 'delivered', { unitId: h.m.units.a.id });
  await move(clerkA, c.id, 'accepted');
  await move(clerkA, c.id, 'approved');
  // (The approved template was replaced by an earlier test; any approved text will do.)
  await h.smsc.waitFor((m) => m.destination === c.dest && m.text.includes('odobren'), 5000);
  const msgs = await messagesOf(h, c.id);
  const held = msgs.filter((m) => m.kind === 'delivered' || m.kind === 'accepted');
  assert.equal(held.length, 2);
  const [fromMin, toMinute] = [hh * 60 + mm, toMin];
  for (const m of held) {
    assert.equal(m.status, 'queued');
    // Held exactly until the window ends: quiet a second before not_before, free at it. Two hours of
    // wall clock, which on a daylight-saving night is one or three hours of real time.
    const notBefore = new Date(m.not_before);
    assert.equal(releaseTime(notBefore, h.ctx.config.timezone, fromMin, toMinute).getTime(), notBefore.getTime(), 'free when not_before comes');
    assert.equal(
      releaseTime(new Date(notBefore.getTime() - 1000), h.ctx.config.timezone, fromMin, toMinute).getTime(),
      notBefore.getTime(),
      'quiet until then',
    );
    const wait = notBefore.getTime() - Date.now();
    assert.ok(wait > 55 * 60_000 && wait <= 181 * 60_000, `held for ${wait} ms`);
  }
});

test('contacts are validated: a bad phone or e-mail is refused naming the value, a good one is stored in E.164', async () => {
  const c = await register();
  const bad = await h.call({ method: 'PATCH', url: `/api/v1/parties/${c.partyId}/notification-settings`, as: registry, payload: { phone: '0800-CALL-ME' } });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.json().error.message, /0800-CALL-ME/);
  const badMail = await h.call({
    method: 'PATCH',
    url: `/api/v1/parties/${c.partyId}/notification-settings`,
    as: registry,
    payload: { email: 'not-an-address' },
  });
  assert.equal(badMail.statusCode, 400);
  const good = await h.call({
    method: 'PATCH',
    url: `/api/v1/parties/${c.partyId}/notification-settings`,
    as: registry,
    payload: { phone: '065 123 45 67', email: 'Petar@Example.org', channelOrder: ['email', 'sms'] },
  });
  assert.equal(good.statusCode, 200, good.body);
  assert.deepEqual(good.json().contacts, { phone: '+381651234567', email: 'petar@example.org', viberUserId: null });
  assert.deepEqual(good.json().preferences.channelOrder, ['email', 'sms']);
});
