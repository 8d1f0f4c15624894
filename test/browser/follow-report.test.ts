import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccessibleAndFits } from './harness.ts';
import { startNotifyingBrowserApp, type NotifyingBrowserApp } from './notify-harness.ts';
import { CENTRE, seedSistem48 } from '../sistem48/helpers.ts';
import { PASSWORD } from '../helpers/fixtures.ts';

// Issue 14, item 3: anyone follows a public report by a proven phone and is told of its public updates; "me too" counts once per proven person.
let b: NotifyingBrowserApp;
let report: { id: string; number: string; caseId: string };
const PHONE = '381645557001';

before(async () => {
  b = await startNotifyingBrowserApp();
  await seedSistem48(b.db.ctx, b.m);
  const r = await b.app.inject({
    method: 'POST',
    url: '/api/v1/sistem48/public/reports',
    payload: { category: 'pothole', description: 'Rupa ispred pošte', lat: CENTRE.lat, lon: CENTRE.lon, address: 'Glavna 5' },
  });
  assert.equal(r.statusCode, 201, r.body);
  const caseId = (await b.db.ctx.db.selectFrom('cases').select('id').where('number', '=', r.json().number).executeTakeFirstOrThrow()).id;
  report = { id: r.json().id, number: r.json().number, caseId };
});
after(async () => {
  await b?.close();
});

async function clerk() {
  const r = await b.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'clerkA', password: PASSWORD } });
  assert.equal(r.statusCode, 200, r.body);
  return { cookie: `glas_session=${r.cookies.find((c) => c.name === 'glas_session')!.value}`, 'x-csrf-token': r.json().csrfToken as string };
}

/** Every message written for the follower's number, oldest first (written in the transaction of what caused it). */
const toFollower = () =>
  b.db.ctx.db.selectFrom('notification_messages').select(['kind', 'body']).where('recipient', '=', `+${PHONE}`).orderBy('created_at').orderBy('id').execute();

test('a citizen follows a report and says "me too" from its public page with a code sent to their phone over SMPP; before the code nothing is sent or counted, after it every public update reaches them, the support shows on the page and in the unit\'s queue, and the stop link ends the updates', async () => {
  const context = await b.browser.newContext({ locale: 'en-GB', viewport: { width: 360, height: 780 } });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  try {
    await page.goto(`${b.base}/problems/${report.id}`);
    await page.getByTestId('report-support').filter({ hasText: 'People with the same problem: 0' }).waitFor();
    const follow = page.getByTestId('follow');
    await follow.getByLabel('Mobile number or e-mail').fill('064 555 7001');
    await follow.getByLabel('I have this problem too').check();
    await follow.getByRole('button', { name: 'Send a code' }).click();
    await follow.getByRole('status').filter({ hasText: 'We sent a code to 064 555 7001' }).waitFor();
    await assertAccessibleAndFits(page, 'follow code step', 360);
    const codeSms = await b.smsc.waitFor((m) => m.destination === PHONE && m.text.includes(`code to follow report ${report.number} is`), 5000);

    // Not proven yet: the answer is written (and committed) without a message to the follower.
    const headers = await clerk();
    const planned = new Date(b.db.ctx.now().getTime() + 5 * 86_400_000).toISOString();
    const answered = await b.app.inject({
      method: 'POST',
      url: `/api/v1/sistem48/reports/${report.caseId}/response`,
      headers,
      payload: { status: 'accepted', plannedResolutionAt: planned },
    });
    assert.equal(answered.statusCode, 200, answered.body);
    assert.deepEqual(
      (await toFollower()).map((m) => m.kind),
      ['report_follow_code'],
      'only the code before it is typed back',
    );

    await follow.getByLabel('The code from the message').fill(/\b(\d{6})\b/.exec(codeSms.text)![1]!);
    await follow.getByRole('button', { name: 'Confirm' }).click();
    await follow.getByText('You are following this report').waitFor();
    await follow.getByText('Your support is counted.').waitFor();
    await page.getByTestId('report-support').filter({ hasText: 'People with the same problem: 1' }).waitFor();

    const moved = await b.app.inject({ method: 'POST', url: `/api/v1/cases/${report.caseId}/transitions`, headers, payload: { to: 'in_progress' } });
    assert.equal(moved.statusCode, 200, moved.body);
    const update = await b.smsc.waitFor((m) => m.destination === PHONE && m.text.includes(report.number) && /In progress/.test(m.text), 5000);
    assert.ok(update.text.includes(`https://glas.test/problems/${report.id}`), update.text);
    assert.ok(!/Rupa ispred/.test(update.text), 'the update says what the public page says, no more');

    // "Me too" again from the same phone counts once.
    const again = await b.app.inject({
      method: 'POST',
      url: `/api/v1/sistem48/public/reports/${report.id}/followers`,
      payload: { phone: '064 555 7001', updates: false, support: true, locale: 'en' },
    });
    assert.equal(again.statusCode, 202, again.body);
    const second = await b.smsc.waitFor((m) => m.destination === PHONE && /code to follow report/.test(m.text) && m.text !== codeSms.text, 5000);
    const confirmed = await b.app.inject({
      method: 'POST',
      url: `/api/v1/sistem48/public/reports/${report.id}/followers/confirm`,
      payload: { phone: '064 555 7001', code: /\b(\d{6})\b/.exec(second.text)![1]! },
    });
    assert.equal(confirmed.statusCode, 200, confirmed.body);
    assert.deepEqual(confirmed.json(), { following: true, supporting: true, supportCount: 1 });

    // The unit's queue shows the support.
    let supportInQueue: number | undefined;
    for (const bucket of ['new', 'due_soon', 'overdue', 'in_progress', 'waiting', 'done']) {
      const q = await b.app.inject({ method: 'GET', url: `/api/v1/sistem48/queues/${b.m.units.a.id}?bucket=${bucket}`, headers });
      assert.equal(q.statusCode, 200, q.body);
      supportInQueue ??= q.json().items.find((i: { caseId: string }) => i.caseId === report.caseId)?.supportCount;
    }
    assert.equal(supportInQueue, 1);

    // The stop link ends the updates.
    const stopLink = /(https:\/\/glas\.test\/problems\/stop#[A-Za-z0-9_-]+)/.exec(update.text)![1]!;
    await page.goto(stopLink.replace('https://glas.test', b.base));
    await page.getByRole('button', { name: 'Stop the updates' }).click();
    await page.getByText('We will send you no more updates about this report.').waitFor();
    const before = (await toFollower()).length;
    const resolved = await b.app.inject({ method: 'POST', url: `/api/v1/cases/${report.caseId}/transitions`, headers, payload: { to: 'resolved' } });
    assert.equal(resolved.statusCode, 200, resolved.body);
    assert.equal((await toFollower()).length, before, 'nothing after stopping');
  } catch (e) {
    console.log('SMS at the SMS centre:', JSON.stringify(b.smsc.received().map((m) => [m.destination, m.text])));
    console.log('Messages to the follower:', JSON.stringify(await toFollower()));
    throw e;
  } finally {
    await context.close();
  }
});

test('bad follow requests get clear 4xx answers and leave nothing behind: no contact, two contacts, nothing asked, a wrong code, an unknown report', async () => {
  const call = (url: string, payload: object) => b.app.inject({ method: 'POST', url: `/api/v1/sistem48/public/reports/${url}`, payload });
  const rows = async () => (await b.db.ctx.db.selectFrom('report_followers').select('id').execute()).length;
  const n = await rows();
  for (const [what, url, payload, status] of [
    ['no contact', `${report.id}/followers`, { updates: true, support: false }, 400],
    ['two contacts', `${report.id}/followers`, { phone: '064 555 7002', email: 'a@example.org', updates: true, support: false }, 400],
    ['nothing asked', `${report.id}/followers`, { phone: '064 555 7002', updates: false, support: false }, 400],
    ['not a phone', `${report.id}/followers`, { phone: 'abc', updates: true, support: false }, 400],
    ['unknown report', '999999/followers', { phone: '064 555 7002', updates: true, support: false }, 404],
    ['wrong code', `${report.id}/followers/confirm`, { phone: '064 555 7003', code: '123456' }, 400],
  ] as const) {
    const r = await call(url, payload);
    assert.equal(r.statusCode, status, `${what}: ${r.body}`);
  }
  assert.equal(await rows(), n);
});
