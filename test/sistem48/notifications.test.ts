import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, type Harness } from '../notifications/harness.ts';
import { CENTRE, OUTSKIRTS, seedSistem48 } from './helpers.ts';
import { fileReport } from '../../src/sistem48/commands/file-report.ts';
import { checkSlaThreshold } from '../../src/sistem48/commands/check-sla-threshold.ts';
import { WEB_FORM_ACTOR } from '../../src/sistem48/http/routes.ts';
import { formatDate } from '../../src/notifications/domain/render.ts';

const HOUR = 3_600_000;

let h: Harness;
before(async () => {
  h = await startHarness();
  await seedSistem48(h.ctx, h.m);
});
after(async () => {
  await h.close();
});

const file = (contact: Record<string, unknown>) =>
  h.app.inject({
    method: 'POST',
    url: '/api/v1/sistem48/public/reports',
    headers: { 'accept-language': 'sr-Latn' },
    payload: { category: 'pothole', lat: CENTRE.lat, lon: CENTRE.lon, description: 'Rupa kod škole', contact },
  });

test('a citizen who ticks consent on the public form is recorded as consenting on both channels, gets the report number by SMS at once (e-mail is the fallback), and the response with its planned date', async () => {
  const r = await file({ name: 'Marko Marković', phone: '064 555 1234', email: 'Marko@Example.org', consent: true, locale: 'sr-Latn' });
  assert.equal(r.statusCode, 201, r.body);
  const { number } = r.json();
  const caseId = (await h.ctx.db.selectFrom('cases').select('id').where('number', '=', number).executeTakeFirstOrThrow()).id;
  const partyId = (await h.ctx.db.selectFrom('case_parties').select('party_id').where('case_id', '=', caseId).executeTakeFirstOrThrow()).party_id;
  const consents = await h.ctx.db
    .selectFrom('notification_consents')
    .select(['channel', 'action', 'method', 'address'])
    .where('party_id', '=', partyId)
    .orderBy('channel')
    .execute();
  assert.deepEqual(consents, [
    { channel: 'email', action: 'given', method: 'web_form', address: 'marko@example.org' },
    { channel: 'sms', action: 'given', method: 'web_form', address: '+381645551234' },
  ]);

  const sms = await h.smsc.waitFor((m) => m.destination === '381645551234' && m.text.includes(number), 5000);
  assert.ok(sms.text.includes(number), sms.text);
  const first = await h.ctx.db
    .selectFrom('notification_messages')
    .select(['channel', 'next_channels'])
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .executeTakeFirstOrThrow();
  assert.deepEqual([first.channel, first.next_channels], ['sms', ['email']], 'e-mail follows if the SMS is not delivered');

  const clerk = await h.login('clerkA');
  const planned = new Date(Date.now() + 5 * 86_400_000);
  const answered = await h.call({
    method: 'POST',
    url: `/api/v1/sistem48/reports/${caseId}/response`,
    as: clerk,
    payload: { status: 'accepted', plannedResolutionAt: planned.toISOString() },
  });
  assert.equal(answered.statusCode, 200, answered.body);
  const dated = formatDate(planned, 'sr-Latn', h.ctx.config.timezone);
  const response = await h.smsc.waitFor((m) => m.destination === '381645551234' && m.text.includes(dated), 5000);
  assert.ok(response.text.includes(dated), response.text);
});

test('without the tick nothing is recorded and nothing is sent, even with a phone and an e-mail', async () => {
  const r = await file({ name: 'Tiha Tihić', phone: '064 555 9999', email: 'tiha@example.org' });
  assert.equal(r.statusCode, 201, r.body);
  const caseId = (await h.ctx.db.selectFrom('cases').select('id').where('number', '=', r.json().number).executeTakeFirstOrThrow()).id;
  assert.equal((await h.ctx.db.selectFrom('notification_messages').select('id').where('case_id', '=', caseId).execute()).length, 0);
  assert.equal(h.smsc.received().filter((m) => m.destination === '381645559999').length, 0);
});

test('an unanswered report e-mails the unit head and the unit mailbox at 75 %, and leadership too at the deadline, each in their language', async () => {
  const users = h.m.users;
  await h.ctx.db.updateTable('users').set({ email: 'head-a@opstina.test', locale: 'en' }).where('id', '=', users.headA!.id).execute();
  await h.ctx.db.updateTable('users').set({ email: 'leader@opstina.test' }).where('id', '=', users.leader!.id).execute();
  await h.ctx.db.updateTable('org_units').set({ email: 'odeljenje-a@opstina.test' }).where('id', '=', h.m.units.a.id).execute();
  const filed = new Date(Date.now() - 60_000);
  const at = (now: Date) => ({ ...h.ctx, now: () => now });
  const r = await fileReport(at(filed), WEB_FORM_ACTOR, {
    via: 'web',
    channel: 'web',
    category: { code: 'pothole' },
    lat: CENTRE.lat,
    lon: CENTRE.lon,
    description: 'Rupa',
  });
  assert.equal(r.unitId, h.m.units.a.id);

  assert.equal(await checkSlaThreshold(at(new Date(filed.getTime() + 36 * HOUR)), { caseId: r.caseId, level: 'warning' }), 'escalated');
  const toHead = await h.smtp.waitFor((m) => m.envelopeTo.includes('head-a@opstina.test'), 5000);
  assert.equal(toHead.subject, `Report ${r.number}: 75% of the time for the first response has passed`);
  assert.ok(toHead.text?.includes(`/cases/${r.caseId}`), toHead.text ?? 'no text');
  await h.smtp.waitFor((m) => m.envelopeTo.includes('odeljenje-a@opstina.test'), 5000);
  assert.equal(h.smtp.received().filter((m) => m.envelopeTo.includes('leader@opstina.test')).length, 0, "a warning is the unit's business");

  assert.equal(await checkSlaThreshold(at(new Date(filed.getTime() + 48 * HOUR + 1000)), { caseId: r.caseId, level: 'breach' }), 'escalated');
  const toLeader = await h.smtp.waitFor((m) => m.envelopeTo.includes('leader@opstina.test'), 5000);
  assert.equal(toLeader.subject, `Prijava ${r.number}: rok za prvi odgovor je prekoračen`);
  // The head's second e-mail goes out alongside the leader's: wait for it rather than read at once.
  await h.eventually(async () => h.smtp.received().filter((m) => m.envelopeTo.includes('head-a@opstina.test')).length >= 2, 5000, "the head's breach e-mail");
});

test('a report in a unit with no head anywhere above it warns leadership, so an escalation never reaches nobody', async () => {
  const filed = new Date(Date.now() - 60_000);
  const at = (now: Date) => ({ ...h.ctx, now: () => now });
  // The public enterprise has no head and no unit above it.
  const r = await fileReport(at(filed), WEB_FORM_ACTOR, {
    via: 'web',
    channel: 'web',
    category: { code: 'pothole' },
    lat: OUTSKIRTS.lat,
    lon: OUTSKIRTS.lon,
    description: 'Rupa',
  });
  assert.equal(r.unitId, h.m.units.jkp.id);
  assert.equal(await checkSlaThreshold(at(new Date(filed.getTime() + 36 * HOUR)), { caseId: r.caseId, level: 'warning' }), 'escalated');
  const row = await h.ctx.db.selectFrom('sla_escalations').select('recipient_ids').where('case_id', '=', r.caseId).executeTakeFirstOrThrow();
  assert.deepEqual(row.recipient_ids, [h.m.users.leader!.id]);
});
