import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, messagesOf, type Harness } from './harness.ts';
import type { Session } from '../helpers/app.ts';

let h: Harness;
let registry: Session, clerkA: Session;
let seq = 0;

before(async () => {
  h = await startHarness({ viber: { unsubscribed: ['viber-unsub'], failing: ['viber-fail'] } });
  registry = await h.login('registry');
  clerkA = await h.login('clerkA');
});
after(async () => {
  await h.close();
});

async function register(party: Record<string, unknown>) {
  const r = await h.call({
    method: 'POST',
    url: '/api/v1/notifications/registrations',
    as: registry,
    payload: { caseTypeId: h.m.caseType.id, subject: 'Zahtjev', channel: 'counter', parties: [{ name: `Amra Hodžić ${++seq}`, locale: 'bs', ...party }] },
  });
  assert.equal(r.statusCode, 201, r.body);
  return r.json() as { id: string; number: string; partyIds: string[] };
}

test('Viber first: the message goes by Viber, and the signed "delivered" callback on the raw body marks it delivered', async () => {
  const c = await register({ phone: '+38761000001', viberUserId: 'viber-ok', consent: { channels: ['viber', 'sms'] } });
  const v = await h.viber.waitFor((m) => m.receiver === 'viber-ok', 5000);
  assert.ok(v.text!.includes(c.number) && v.text!.includes('https://glas.test/track?'), String(v.text));
  const [m] = await h.eventually(
    async () => {
      const rows = await messagesOf(h, c.id);
      return rows[0]?.status === 'delivered' ? rows : undefined;
    },
    5000,
    'Viber delivered callback',
  );
  assert.equal(m!.channel, 'viber');
  assert.equal(m!.provider_message_id, v.messageToken, '64-bit message tokens survive exactly');
  const cb = h.viber.callbacks().find((x) => x.event === 'delivered' && x.body.includes(v.messageToken));
  assert.equal(cb?.status, 200);
  assert.equal(h.smsc.received().filter((s) => s.destination === '38761000001').length, 0, 'no SMS when Viber delivered');
});

test('Viber failure (receiver not subscribed) falls back to SMS, linked to the failed message', async () => {
  const c = await register({ phone: '+38761000002', viberUserId: 'viber-unsub', consent: { channels: ['viber', 'sms'] } });
  const sms = await h.smsc.waitFor((m) => m.destination === '38761000002', 5000);
  assert.ok(sms.text.includes(c.number));
  const rows = await h.eventually(
    async () => {
      const r = await messagesOf(h, c.id);
      return r.length === 2 ? r : undefined;
    },
    5000,
    'two messages',
  );
  const viber = rows.find((r) => r.channel === 'viber')!;
  const fallback = rows.find((r) => r.channel === 'sms')!;
  assert.equal(viber.status, 'failed_permanent');
  assert.match(viber.last_error!, /receiverNotSubscribed/);
  assert.equal(fallback.fallback_of, viber.id);
  assert.match(fallback.fallback_reason!, /viber failed/);
  assert.equal(h.viber.received().filter((m) => m.receiver === 'viber-unsub').length, 0);
});

test('a Viber "failed" callback after sending also falls back to SMS', async () => {
  const c = await register({ phone: '+38761000003', viberUserId: 'viber-fail', consent: { channels: ['viber', 'sms'] } });
  await h.viber.waitFor((m) => m.receiver === 'viber-fail', 5000);
  const sms = await h.smsc.waitFor((m) => m.destination === '38761000003', 5000);
  assert.ok(sms.text.includes(c.number));
  const rows = await messagesOf(h, c.id);
  assert.equal(rows.find((r) => r.channel === 'viber')!.status, 'failed_permanent');
});

test('leaving the Viber bot withdraws Viber consent; the next message goes by SMS', async () => {
  const c = await register({ phone: '+38761000004', viberUserId: 'viber-leaver', consent: { channels: ['viber', 'sms'] } });
  await h.viber.waitFor((m) => m.receiver === 'viber-leaver', 5000);
  const cb = await h.viber.sendUserEvent({ event: 'unsubscribed', user_id: 'viber-leaver' });
  assert.equal(cb.status, 200);
  const settings = (await h.call({ method: 'GET', url: `/api/v1/parties/${c.partyIds[0]}/notification-settings`, as: registry })).json();
  const viber = settings.consents.find((x: { channel: string }) => x.channel === 'viber');
  assert.equal(viber.consented, false);
  assert.equal(viber.record.method, 'viber_unsubscribed');
  await h.call({ method: 'POST', url: `/api/v1/cases/${c.id}/transitions`, as: registry, payload: { to: 'delivered', unitId: h.m.units.a.id } });
  const sms = await h.smsc.waitFor((m) => m.destination === '38761000004', 5000);
  assert.match(sms.text, /dostavljen je nadležnoj službi/);
});

test('a webhook call with a bad signature is refused and changes nothing', async () => {
  const r = await fetch(`${h.url}/api/v1/notifications/viber/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-viber-content-signature': 'deadbeef' },
    body: JSON.stringify({ event: 'unsubscribed', user_id: 'viber-ok', timestamp: Date.now(), message_token: 1 }),
  });
  assert.equal(r.status, 403);
});

test("e-mail: subject and text in the citizen's language, HTML part, List-Unsubscribe on non-key messages only, and one-click unsubscribe keeps key messages", async () => {
  const c = await register({ name: 'Ivan Horvat', locale: 'hr', email: 'ivan.horvat@example.org', consent: { channels: ['email'] } });
  const first = await h.smtp.waitFor((m) => m.to.includes('ivan.horvat@example.org'), 5000);
  assert.equal(first.subject, `Predmet ${c.number}: Zaprimljen u pisarnici`);
  assert.match(first.text!, /^Poštovani\/a Ivan Horvat,/);
  assert.match(first.text!, /zaprimljen je u pisarnici/);
  assert.ok(first.html?.includes('<a href="https://glas.test/track?'));
  assert.equal(first.headers['list-unsubscribe'], undefined, 'registration is a key message');
  await h.call({ method: 'POST', url: `/api/v1/cases/${c.id}/transitions`, as: registry, payload: { to: 'delivered', unitId: h.m.units.a.id } });
  const second = await h.smtp.waitFor((m) => m.to.includes('ivan.horvat@example.org') && m.text!.includes('dostavljen'), 5000);
  const link = /<(https:\/\/glas\.test\/api\/v1\/notifications\/unsubscribe\/[^>]+)>/.exec(second.headers['list-unsubscribe'] ?? '')?.[1];
  assert.ok(link, second.headers['list-unsubscribe']);
  const un = await fetch(link.replace('https://glas.test', h.url), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'List-Unsubscribe=One-Click',
  });
  assert.equal(un.status, 200, await un.text());
  await h.call({ method: 'POST', url: `/api/v1/cases/${c.id}/transitions`, as: clerkA, payload: { to: 'accepted' } });
  await h.call({ method: 'POST', url: `/api/v1/cases/${c.id}/transitions`, as: clerkA, payload: { to: 'rejected' } });
  await h.smtp.waitFor((m) => m.to.includes('ivan.horvat@example.org') && m.text!.includes('odbijen'), 5000);
  assert.deepEqual(
    (await messagesOf(h, c.id)).map((m) => m.kind),
    ['registered', 'delivered', 'status:rejected'],
  );
});

test('an SMS the SMS centre reports undeliverable falls back to e-mail', async () => {
  const c = await register({ phone: '+38761000999', email: 'amra@example.org', consent: { channels: ['sms', 'email'] } });
  await h.call({ method: 'PATCH', url: `/api/v1/parties/${c.partyIds[0]}/notification-settings`, as: registry, payload: { channelOrder: ['sms', 'email'] } });
  const mail = await h.smtp.waitFor((m) => m.to.includes('amra@example.org'), 5000);
  assert.ok(mail.subject!.includes(c.number));
  const rows = await messagesOf(h, c.id);
  const sms = rows.find((r) => r.channel === 'sms')!;
  assert.equal(sms.status, 'failed_permanent');
  assert.match(sms.last_error!, /UNDELIV/);
  const receipts = await h.ctx.db.selectFrom('notification_receipts').selectAll().where('message_id', '=', sms.id).execute();
  assert.equal(receipts[0]?.status, 'failed');
});
