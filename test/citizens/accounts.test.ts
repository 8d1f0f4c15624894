import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { linkToken, sessionOf, sixDigits, startCitizenHarness, type CitizenHarness } from './harness.ts';
import type { Session } from '../helpers/app.ts';

let h: CitizenHarness;
let registry: Session;
before(async () => {
  h = await startCitizenHarness();
  registry = await h.login('registry');
});
after(async () => {
  await h.close();
});

async function registerAtCounter(phone: string, party: Record<string, unknown> = {}) {
  const r = await h.call({
    method: 'POST',
    url: '/api/v1/notifications/registrations',
    as: registry,
    payload: {
      caseTypeId: h.m.caseType.id,
      subject: 'Zahtjev za građevinsku dozvolu',
      channel: 'counter',
      deliverToUnitId: h.m.units.a.id,
      parties: [{ name: 'Marko Marković', phone, locale: 'cnr', consent: { channels: ['sms'] }, ...party }],
    },
  });
  assert.equal(r.statusCode, 201, r.body);
  return r.json() as { id: string; number: string; partyIds: string[] };
}

const smsTo = (e164: string) => h.smsc.received().filter((m) => m.destination === e164.slice(1));

test('a case registered at the counter with a mobile number gives the citizen, by SMS, the case number and an activation link into the portal, where they see the case, its body, clerk and history', async () => {
  const c = await registerAtCounter('067 100 001');
  const numberSms = await h.smsc.waitFor((m) => m.destination === '38167100001' && m.text.includes(c.number), 5000);
  assert.ok(numberSms);
  const activation = await h.smsc.waitFor((m) => m.destination === '38167100001' && m.text.includes('/portal/link#'), 5000);
  assert.match(activation.text, /nalog na portalu/, "in the party's language (Montenegrin)");
  const token = linkToken(activation.text);

  const account = await h.ctx.db.selectFrom('users').selectAll().where('phone', '=', '+38167100001').executeTakeFirstOrThrow();
  assert.equal(account.role, 'citizen');
  assert.equal(account.party_id, c.partyIds[0]);
  assert.equal(account.phone_verified_at, null, 'not active before the link is used');

  const r = await h.call({ method: 'POST', url: '/api/v1/portal/link-sessions', payload: { token, password: 'moja-lozinka-123' } });
  assert.equal(r.statusCode, 200, r.body);
  const citizen = sessionOf(r);
  const list = (await h.call({ method: 'GET', url: '/api/v1/cases', as: citizen })).json();
  assert.deepEqual(
    list.items.map((i: { number: string }) => i.number),
    [c.number],
  );
  assert.equal(list.items[0].unit_name, 'Odeljenje A');
  const detail = (await h.call({ method: 'GET', url: `/api/v1/cases/${c.id}`, as: citizen })).json();
  assert.equal(detail.status, 'delivered');
  const events = (await h.call({ method: 'GET', url: `/api/v1/cases/${c.id}/events`, as: citizen })).json().items;
  assert.deepEqual(
    events.map((e: { type: string }) => e.type),
    ['case.registered', 'case.delivered'],
  );
  const docs = await h.call({ method: 'GET', url: `/api/v1/cases/${c.id}/documents`, as: citizen });
  assert.equal(docs.statusCode, 200);

  const again = await h.call({ method: 'POST', url: '/api/v1/portal/link-sessions', payload: { token } });
  assert.equal(again.statusCode, 401, 'the link works once');
  const me = (await h.call({ method: 'GET', url: '/api/v1/portal/account', as: citizen })).json();
  assert.equal(me.hasPassword, true);
  assert.equal(me.phoneVerified, true);

  // The password works from now on, by the number as typed.
  const pw = await h.call({ method: 'POST', url: '/api/v1/portal/password-sessions', payload: { login: '067/100-001', password: 'moja-lozinka-123' } });
  assert.equal(pw.statusCode, 200, pw.body);

  // A second case for the same party: found by the number, no second activation SMS.
  const before = smsTo('+38167100001').filter((m) => m.text.includes('/portal/link#')).length;
  const c2 = await h.call({
    method: 'POST',
    url: '/api/v1/notifications/registrations',
    as: registry,
    payload: { caseTypeId: h.m.caseType.id, subject: 'Drugi zahtjev', channel: 'counter', parties: [{ partyId: c.partyIds[0] }] },
  });
  assert.equal(c2.statusCode, 201);
  await h.smsc.waitFor((m) => m.destination === '38167100001' && m.text.includes(c2.json().number), 5000);
  await new Promise((res) => setTimeout(res, 300));
  assert.equal(smsTo('+38167100001').filter((m) => m.text.includes('/portal/link#')).length, before);
  const list2 = (await h.call({ method: 'GET', url: '/api/v1/cases', as: citizen })).json();
  assert.equal(list2.items.length, 2);
});

test('stored codes and links are hashes, and a sent SMS keeps only the redacted text', async () => {
  await registerAtCounter('067 100 002');
  const sms = await h.smsc.waitFor((m) => m.destination === '38167100002' && m.text.includes('/portal/link#'), 5000);
  const token = linkToken(sms.text);
  const codes = await h.ctx.db.selectFrom('citizen_codes').select(['code_hash', 'data']).where('target', '=', '+38167100002').execute();
  assert.ok(codes.length >= 1 && codes.every((c) => !c.code_hash.includes(token)));
  const stored = await h.eventually(
    async () => {
      const m = await h.ctx.db
        .selectFrom('notification_messages')
        .select(['body', 'status'])
        .where('recipient', '=', '+38167100002')
        .where('kind', '=', 'activation')
        .executeTakeFirst();
      return m?.status === 'sent' || m?.status === 'delivered' ? m : undefined;
    },
    5000,
    'activation sent',
  );
  assert.ok(!stored.body.includes(token), stored.body);
});

test('sign-in by phone and a one-time code: six digits by SMS, single use, wrong guesses counted, and the same answer for an unknown number', async () => {
  await registerAtCounter('067 100 003');
  const ask = await h.call({ method: 'POST', url: '/api/v1/portal/codes', payload: { phone: '067 100 003' } });
  assert.equal(ask.statusCode, 202, ask.body);
  const sms = await h.smsc.waitFor((m) => m.destination === '38167100003' && /kod za prijavu/.test(m.text), 5000);
  const code = sixDigits(sms.text);
  const wrong = await h.call({
    method: 'POST',
    url: '/api/v1/portal/sessions',
    payload: { phone: '067 100 003', code: code === '000000' ? '000001' : '000000' },
  });
  assert.equal(wrong.statusCode, 401);
  const ok = await h.call({ method: 'POST', url: '/api/v1/portal/sessions', payload: { phone: '+38167100003', code } });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.equal(ok.json().user.role, 'citizen');
  const reuse = await h.call({ method: 'POST', url: '/api/v1/portal/sessions', payload: { phone: '+38167100003', code } });
  assert.equal(reuse.statusCode, 401, 'a code works once');

  // Five wrong guesses kill the code, even for the right one after them.
  await h.call({ method: 'POST', url: '/api/v1/portal/codes', payload: { phone: '067 100 003' } });
  const second = await h.smsc.waitFor((m) => m.destination === '38167100003' && /kod za prijavu/.test(m.text) && !m.text.includes(code), 5000);
  const code2 = sixDigits(second.text);
  for (let i = 0; i < 5; i++) {
    const g = await h.call({
      method: 'POST',
      url: '/api/v1/portal/sessions',
      payload: { phone: '+38167100003', code: code2 === '123456' ? '654321' : '123456' },
      remoteAddress: `10.1.0.${i}`,
    });
    assert.equal(g.statusCode, 401);
  }
  assert.equal((await h.call({ method: 'POST', url: '/api/v1/portal/sessions', payload: { phone: '+38167100003', code: code2 } })).statusCode, 401);

  const unknown = await h.call({ method: 'POST', url: '/api/v1/portal/codes', payload: { phone: '067 100 999' } });
  assert.equal(unknown.statusCode, 202);
  assert.deepEqual(unknown.json(), ask.json(), 'the form reveals nothing');
  const told = await h.smsc.waitFor((m) => m.destination === '38167100999', 5000);
  assert.match(told.text, /nema naloga/);
});

test('asking for codes is throttled per number', async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 7; i++)
    statuses.push((await h.call({ method: 'POST', url: '/api/v1/portal/codes', payload: { phone: '067 100 555' }, remoteAddress: `10.2.0.${i}` })).statusCode);
  assert.deepEqual(statuses.slice(0, 5), [202, 202, 202, 202, 202]);
  assert.equal(statuses[6], 429);
});

test('self sign-up proves the phone by a code, and the e-mail by a link', async () => {
  const ask = await h.call({ method: 'POST', url: '/api/v1/portal/codes', payload: { phone: '061 200 300', name: 'Ana Anić', locale: 'sl' } });
  assert.equal(ask.statusCode, 202);
  const sms = await h.smsc.waitFor((m) => m.destination === '38161200300', 5000);
  assert.match(sms.text, /odprtje računa/);
  const r = await h.call({ method: 'POST', url: '/api/v1/portal/sessions', payload: { phone: '061 200 300', code: sixDigits(sms.text) } });
  assert.equal(r.statusCode, 200, r.body);
  const me = (await h.call({ method: 'GET', url: '/api/v1/portal/account', as: sessionOf(r) })).json();
  assert.equal(me.name, 'Ana Anić');
  assert.equal(me.phone, '+38161200300');
  const settings = (await h.call({ method: 'GET', url: '/api/v1/me/notification-settings', as: sessionOf(r) })).json();
  assert.equal(settings.contacts.phone, '+38161200300');

  const mail = await h.call({ method: 'POST', url: '/api/v1/portal/codes', payload: { email: 'Jelena@Example.org', name: 'Jelena Jelić' } });
  assert.equal(mail.statusCode, 202);
  const got = await h.smtp.waitFor((m) => m.to.includes('jelena@example.org'), 5000);
  const e = await h.call({ method: 'POST', url: '/api/v1/portal/link-sessions', payload: { token: linkToken(got.text ?? '') } });
  assert.equal(e.statusCode, 200, e.body);
  const me2 = (await h.call({ method: 'GET', url: '/api/v1/portal/account', as: sessionOf(e) })).json();
  assert.equal(me2.email, 'jelena@example.org');
  assert.equal(me2.emailVerified, true);
});

test('citizen routes refuse staff and strangers; key notification kinds are listed as not switchable', async () => {
  assert.equal((await h.call({ method: 'GET', url: '/api/v1/portal/account' })).statusCode, 401);
  assert.equal((await h.call({ method: 'GET', url: '/api/v1/portal/account', as: registry })).statusCode, 403);
  const r = await h.call({ method: 'POST', url: '/api/v1/portal/codes', payload: { phone: '061 200 301', name: 'Iva' } });
  assert.equal(r.statusCode, 202);
  const sms = await h.smsc.waitFor((m) => m.destination === '38161200301', 5000);
  const s = sessionOf(await h.call({ method: 'POST', url: '/api/v1/portal/sessions', payload: { phone: '061 200 301', code: sixDigits(sms.text) } }));
  const kinds = (await h.call({ method: 'GET', url: '/api/v1/portal/notification-kinds', as: s })).json().items;
  assert.ok(kinds.some((k: { kind: string; level: string }) => k.kind === 'registered' && k.level === 'key'));
  assert.ok(kinds.some((k: { level: string }) => k.level === 'notifiable'));
  assert.ok(!kinds.some((k: { level: string }) => k.level === 'internal'));
  assert.equal((await h.call({ method: 'POST', url: '/api/v1/portal/password', as: s, payload: { password: 'short' } })).statusCode, 400);
  assert.equal((await h.call({ method: 'POST', url: '/api/v1/portal/password', as: s, payload: { password: 'long-enough-pass' } })).statusCode, 200);
});
