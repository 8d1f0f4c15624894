import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Ctx } from '../../src/kernel/context.ts';
import { startHarness, type Harness } from '../notifications/harness.ts';
import { CENTRE, seedSistem48 } from './helpers.ts';
import { sendAlertDigests } from '../../src/sistem48/commands/report-alerts.ts';
import { localDate, localTime } from '../../src/kernel/time.ts';

// Issue 14, item 3: alerts of new reports in a category, street or area, as a daily digest e-mail. The clock is injected:
// every instant below is computed from "now" on the municipality's clock, so the test holds on any date.
let t: Harness;
const TZ = 'Europe/Belgrade';

before(async () => {
  t = await startHarness({ env: { GLAS_PUBLIC_URL: 'https://glas.example.org', GLAS_TIMEZONE: TZ } });
  await seedSistem48(t.ctx, t.m);
});
after(async () => {
  await t?.close();
});

/** A local wall-clock time `days` after today's date in the municipality. */
function localAt(days: number, hour: number, minute = 0): Date {
  const d = localDate(new Date(), TZ);
  return localTime(d.year, d.month, d.day + days, hour * 60 + minute, TZ);
}
const at = (now: Date): Ctx => ({ ...t.ctx, now: () => now });

async function emailsTo(address: string) {
  return t.ctx.db
    .selectFrom('notification_messages')
    .select(['kind', 'subject', 'body'])
    .where('recipient', '=', address)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

async function file(ctx: Ctx, body: Record<string, unknown>) {
  const r = await t.app.inject({ method: 'POST', url: '/api/v1/sistem48/public/reports', payload: body });
  assert.equal(r.statusCode, 201, r.body);
  // Backdate the registration to the injected instant: the digest selects by registration time.
  await t.ctx.db.updateTable('cases').set({ registered_at: ctx.now() }).where('number', '=', r.json().number).execute();
  return r.json() as { id: string; number: string };
}

test('an e-mail alert is confirmed by its link, then each morning after 07:00 lists the matching reports of the day before, once, with a stop link that ends it', async () => {
  const sub = await t.call({
    method: 'POST',
    url: '/api/v1/sistem48/public/alerts',
    payload: { email: 'Susjed@Example.org', category: ['pothole'], street: 'Glavna', locale: 'en' },
  });
  assert.equal(sub.statusCode, 202, sub.body);
  const [confirmMail] = await emailsTo('susjed@example.org');
  assert.equal(confirmMail!.kind, 'report_alert_confirm');
  const received = await t.smtp.waitFor((m) => m.to.includes('susjed@example.org') && /confirm alerts/.test(m.subject ?? ''), 5000);
  const token = /https:\/\/glas\.example\.org\/problems\/alerts#confirm=([A-Za-z0-9_-]{22})/.exec(received.text!)![1]!;

  // Not confirmed: nothing is sent, whatever is filed.
  const day0 = at(localAt(-2, 10));
  await file(day0, { category: 'pothole', description: 'Rupa', lat: CENTRE.lat, lon: CENTRE.lon, address: 'Glavna 3' });
  assert.deepEqual(await sendAlertDigests(at(localAt(-1, 8))), { sent: 0, alerts: 0 });

  const confirmed = await t.app.inject({ method: 'POST', url: '/api/v1/sistem48/public/alerts/confirm', payload: { token } });
  assert.equal(confirmed.statusCode, 200, confirmed.body);
  // Confirmation time comes from the app's clock; the digests below run at injected times after it.
  await t.ctx.db
    .updateTable('report_alerts')
    .set({ confirmed_at: localAt(-1, 9), covered_until: localAt(-1, 9) })
    .execute();

  const match = await file(at(localAt(-1, 12)), { category: 'pothole', description: 'Nova rupa', address: 'Glavna 40' });
  await file(at(localAt(-1, 13)), { category: 'pothole', description: 'Druga ulica', address: 'Pijačna 1' });
  await file(at(localAt(-1, 14)), { category: 'garbage', description: 'Smeće', address: 'Glavna 41' });

  assert.deepEqual(await sendAlertDigests(at(localAt(0, 6, 59))), { sent: 0, alerts: 0 }, 'not before 07:00');
  assert.deepEqual(await sendAlertDigests(at(localAt(0, 7, 30))), { sent: 1, alerts: 1 });
  assert.deepEqual(await sendAlertDigests(at(localAt(0, 9))), { sent: 0, alerts: 0 }, 'once a day');
  const digests = (await emailsTo('susjed@example.org')).filter((m) => m.kind === 'report_alert_digest');
  assert.equal(digests.length, 1);
  const digest = digests[0]!;
  assert.equal(digest.subject, 'Opština Demo: new reports (1)');
  assert.ok(digest.body.includes(`${match.number}: Pothole — Glavna 40`), digest.body);
  assert.ok(digest.body.includes(`https://glas.example.org/problems/${match.id}`));
  assert.ok(!/Pijačna|Glavna 41|Glavna 3\b/.test(digest.body), 'only the pothole on Glavna filed after confirming');
  const mail = await t.smtp.waitFor((m) => m.to.includes('susjed@example.org') && /: new reports \(1\)/.test(m.subject ?? ''), 5000);
  assert.ok(mail.text!.includes(match.number), 'delivered over SMTP');

  // A day with nothing new sends nothing; the stop link ends the alert.
  assert.deepEqual(await sendAlertDigests(at(localAt(1, 8))), { sent: 0, alerts: 1 });
  const stop = /#stop=([A-Za-z0-9_-]+)/.exec(digest.body)![1]!;
  assert.equal((await t.app.inject({ method: 'POST', url: '/api/v1/sistem48/public/alerts/stop', payload: { token: stop } })).json().stopped, true);
  await file(at(localAt(1, 12)), { category: 'pothole', description: 'Još jedna', address: 'Glavna 50' });
  assert.deepEqual(await sendAlertDigests(at(localAt(2, 8))), { sent: 0, alerts: 0 });
});

test('an alert needs an e-mail and something to watch; bad input is a 4xx and stores nothing', async () => {
  const n = async () => (await t.ctx.db.selectFrom('report_alerts').select('id').execute()).length;
  const before = await n();
  for (const [payload, status] of [
    [{ email: 'x@example.org' }, 400],
    [{ email: 'not-an-address', category: ['pothole'] }, 400],
    [{ email: 'x@example.org', category: ['no_such'] }, 400],
    [{ email: 'x@example.org', bbox: [20, 45, 19, 46] }, 400],
    [{ email: 'x@example.org', bbox: [1, 2, 3] }, 400],
  ] as const) {
    const r = await t.call({ method: 'POST', url: '/api/v1/sistem48/public/alerts', payload });
    assert.equal(r.statusCode, status, `${JSON.stringify(payload)}: ${r.body}`);
  }
  assert.equal((await t.call({ method: 'POST', url: '/api/v1/sistem48/public/alerts/confirm', payload: { token: 'A'.repeat(22) } })).statusCode, 404);
  assert.equal(await n(), before);
});
