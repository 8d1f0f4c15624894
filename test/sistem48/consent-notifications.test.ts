import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, type Harness } from '../notifications/harness.ts';
import { CENTRE, seedSistem48 } from './helpers.ts';

let h: Harness;
before(async () => {
  h = await startHarness();
  await seedSistem48(h.ctx, h.m);
});
after(async () => { await h.close(); });

const file = (contact: Record<string, unknown>) => h.app.inject({
  method: 'POST', url: '/api/v1/sistem48/public/reports', headers: { 'accept-language': 'sr-Latn' },
  payload: { category: 'pothole', lat: CENTRE.lat, lon: CENTRE.lon, description: 'Rupa kod škole', contact },
});

test('a citizen who ticks consent on the public form is recorded as consenting on both channels, gets the report number by SMS at once (e-mail is the fallback), and the response with its planned date', async () => {
  const r = await file({ name: 'Marko Marković', phone: '064 555 1234', email: 'Marko@Example.org', consent: true, locale: 'sr-Latn' });
  assert.equal(r.statusCode, 201, r.body);
  const { number } = r.json();
  const caseId = (await h.ctx.db.selectFrom('cases').select('id').where('number', '=', number).executeTakeFirstOrThrow()).id;
  const partyId = (await h.ctx.db.selectFrom('case_parties').select('party_id').where('case_id', '=', caseId).executeTakeFirstOrThrow()).party_id;
  const consents = await h.ctx.db.selectFrom('notification_consents').select(['channel', 'action', 'method', 'address']).where('party_id', '=', partyId).orderBy('channel').execute();
  assert.deepEqual(consents, [
    { channel: 'email', action: 'given', method: 'web_form', address: 'marko@example.org' },
    { channel: 'sms', action: 'given', method: 'web_form', address: '+381645551234' },
  ]);

  const sms = await h.smsc.waitFor((m) => m.destination === '381645551234' && m.text.includes(number), 5000);
  assert.ok(sms.text.includes(number), sms.text);
  const first = await h.ctx.db.selectFrom('notification_messages').select(['channel', 'next_channels']).where('case_id', '=', caseId).orderBy('created_at').executeTakeFirstOrThrow();
  assert.deepEqual([first.channel, first.next_channels], ['sms', ['email']], 'e-mail follows if the SMS is not delivered');

  const clerk = await h.login('clerkA');
  const planned = new Date(Date.now() + 5 * 86_400_000);
  const answered = await h.call({ method: 'POST', url: `/api/v1/sistem48/reports/${caseId}/response`, as: clerk, payload: { status: 'accepted', plannedResolutionAt: planned.toISOString() } });
  assert.equal(answered.statusCode, 200, answered.body);
  const day = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Belgrade', day: 'numeric', month: 'numeric', year: 'numeric' }).formatToParts(planned);
  const get = (type: string) => day.find((p) => p.type === type)!.value;
  const dated = `${get('day')}.${get('month')}.${get('year')}`;
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
