import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { hash } from '@node-rs/argon2';
import { startHarness, messagesOf, type Harness } from './harness.ts';
import { insertUser } from '../../src/organisation/repositories/org-repository.ts';
import type { Session } from '../helpers/app.ts';

let h: Harness;
let registry: Session, citizen: Session;
let mine: { id: string; number: string; partyIds: string[] };
let other: { id: string };

before(async () => {
  h = await startHarness();
  registry = await h.login('registry');
  const reg = (name: string, phone: string) =>
    h
      .call({
        method: 'POST',
        url: '/api/v1/notifications/registrations',
        as: registry,
        payload: {
          caseTypeId: h.m.caseType.id,
          subject: 'Zahtev',
          channel: 'counter',
          parties: [{ name, phone, email: `${phone.slice(-4)}@example.org`, locale: 'sr-Latn', consent: { channels: ['sms'] } }],
        },
      })
      .then((r) => r.json());
  mine = await reg('Milica Građanka', '+381648880001');
  other = await reg('Neko Drugi', '+381648880002');
  await h.ctx.db.transaction().execute(async (tx) => {
    await insertUser(tx, {
      username: 'milica',
      displayName: 'Milica Građanka',
      passwordHash: await hash('citizen-pass-1'),
      role: 'citizen',
      unitId: null,
      partyId: mine.partyIds[0]!,
    });
  });
  citizen = await h.login('milica', 'citizen-pass-1');
  await h.smsc.waitFor((m) => m.destination === '381648880001', 5000);
});
after(async () => {
  await h.close();
});

test('a citizen reads their own notification settings and message history', async () => {
  const s = await h.call({ method: 'GET', url: '/api/v1/me/notification-settings', as: citizen });
  assert.equal(s.statusCode, 200, s.body);
  assert.equal(s.json().contacts.phone, '+381648880001');
  assert.deepEqual(
    s.json().consents.map((c: { channel: string; consented: boolean }) => [c.channel, c.consented]),
    [
      ['sms', true],
      ['email', false],
      ['viber', false],
    ],
  );
  const msgs = await h.eventually(
    async () => {
      const items = (await h.call({ method: 'GET', url: '/api/v1/me/messages', as: citizen })).json().items;
      return items.length ? items : undefined;
    },
    5000,
    'own messages',
  );
  assert.equal(msgs[0].caseNumber, mine.number);
  assert.equal(msgs[0].consent.method, 'counter_signed');
  assert.equal(msgs[0].providerMessageId, undefined, 'provider details are for staff');
});

test('a citizen sees the messages of their own case, and "not found" for someone else\'s', async () => {
  assert.equal((await h.call({ method: 'GET', url: `/api/v1/cases/${mine.id}/messages`, as: citizen })).statusCode, 200);
  assert.equal((await h.call({ method: 'GET', url: `/api/v1/cases/${other.id}/messages`, as: citizen })).statusCode, 404);
  assert.equal(
    (await h.call({ method: 'GET', url: `/api/v1/parties/${mine.partyIds[0]}/notification-settings`, as: citizen })).statusCode,
    403,
    'staff routes are closed to citizens',
  );
});

test('a citizen changes their preferences and consent on the portal; every change is audited', async () => {
  const p = await h.call({
    method: 'PATCH',
    url: '/api/v1/me/notification-settings',
    as: citizen,
    payload: { channelOrder: ['email', 'sms'], locale: 'sr-Cyrl' },
  });
  assert.equal(p.statusCode, 200, p.body);
  const give = await h.call({ method: 'POST', url: '/api/v1/me/consents', as: citizen, payload: { channel: 'email' } });
  assert.equal(give.statusCode, 201, give.body);
  assert.equal(give.json().consent.method, 'portal');
  await h.call({ method: 'POST', url: `/api/v1/cases/${mine.id}/transitions`, as: registry, payload: { to: 'delivered', unitId: h.m.units.a.id } });
  const mail = await h.smtp.waitFor((m) => m.to.includes('0001@example.org'), 5000);
  assert.match(mail.text!, /Поштовани/, 'Cyrillic, as chosen');
  const withdraw = await h.call({ method: 'POST', url: '/api/v1/me/consents', as: citizen, payload: { channel: 'email', action: 'withdrawn' } });
  assert.equal(withdraw.statusCode, 201);
  const sms = await h.call({ method: 'POST', url: '/api/v1/me/consents', as: citizen, payload: { channel: 'sms', action: 'withdrawn' } });
  assert.equal(sms.statusCode, 201);
  const clerkA = await h.login('clerkA');
  await h.call({ method: 'POST', url: `/api/v1/cases/${mine.id}/transitions`, as: clerkA, payload: { to: 'accepted' } });
  await h.call({ method: 'POST', url: `/api/v1/cases/${mine.id}/transitions`, as: clerkA, payload: { to: 'approved' } });
  const kinds = (await messagesOf(h, mine.id)).map((m) => `${m.kind}:${m.channel}`);
  assert.deepEqual(kinds, ['registered:sms', 'delivered:email'], 'after withdrawal nothing, not even key messages');
  const admin = await h.login('admin');
  const audit = (await h.call({ method: 'GET', url: `/api/v1/audit?entity=party`, as: admin }))
    .json()
    .items.filter((a: { entity_id: string }) => a.entity_id === mine.partyIds[0]);
  const actions = audit.map((a: { action: string }) => a.action);
  for (const a of ['update_notification_preferences', 'consent_given', 'consent_withdrawn']) assert.ok(actions.includes(a), `${a} in ${actions}`);
});
