import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, messagesOf, msisdn, type Harness } from './harness.ts';
import { formatDate } from '../../src/notifications/domain/render.ts';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h.close();
});

function registration(over: Record<string, unknown> = {}, party: Record<string, unknown> = {}) {
  return {
    caseTypeId: h.m.caseType.id,
    subject: 'Zahtev za građevinsku dozvolu',
    channel: 'counter',
    parties: [{ name: 'Љубиша Јовановић', phone: '064 555 0101', locale: 'sr-Cyrl', consent: { channels: ['sms'] }, ...party }],
    ...over,
  };
}

test('a case registered at the counter with a mobile number and SMS consent reaches the SMS centre within seconds, with number and date, in Cyrillic as UCS-2', async () => {
  const clerk = await h.login('registry');
  const r = await h.call({ method: 'POST', url: '/api/v1/notifications/registrations', as: clerk, payload: registration() });
  assert.equal(r.statusCode, 201, r.body);
  const c = r.json();
  const sms = await h.smsc.waitFor((m) => m.destination === '381645550101', 5000);
  assert.equal(sms.dataCoding, 8, 'Cyrillic goes as UCS-2');
  assert.ok(sms.text.includes(c.number), sms.text);
  // The date as the product writes it (7.12.2026, no padding), in the municipality's time zone.
  assert.ok(sms.text.includes(formatDate(new Date(c.registeredAt), 'sr-Cyrl', h.ctx.config.timezone)), sms.text);
  assert.match(sms.text, /^Предмет .* је примљен у писарници/);
  assert.ok(sms.text.includes(c.trackingCode));
});

test('the message log of the case shows the text, template version, consent in force and the delivery receipt', async () => {
  const clerk = await h.login('registry');
  const c = (
    await h.call({
      method: 'POST',
      url: '/api/v1/notifications/registrations',
      as: clerk,
      payload: registration({}, { name: 'Milica Petrović', phone: '+381645550102', locale: 'sr-Latn' }),
    })
  ).json();
  await h.smsc.waitFor((m) => m.destination === '381645550102', 5000);
  const log = await h.eventually(
    async () => {
      const r = await h.call({ method: 'GET', url: `/api/v1/cases/${c.id}/messages`, as: clerk });
      const items = r.json().items;
      return items.length === 1 && items[0].status === 'delivered' ? items : undefined;
    },
    5000,
    'delivered status',
  );
  const m = log[0];
  assert.equal(m.channel, 'sms');
  assert.equal(m.kind, 'registered');
  assert.equal(m.level, 'key');
  assert.equal(m.recipient, '+381645550102');
  assert.deepEqual(m.templateVersions, { sms: 0 });
  assert.equal(m.consent.method, 'counter_signed');
  assert.equal(m.consent.recordedBy, 'User registry');
  assert.equal(m.consent.textVersion, '2026-1');
  assert.equal(m.consent.address, '+381645550102');
  assert.equal(m.sms.encoding, 'UCS-2', 'č in "praćenje" makes it UCS-2');
  assert.ok(
    m.receipts.some((x: { status: string }) => x.status === 'delivered'),
    JSON.stringify(m.receipts),
  );
  assert.ok(m.sentAt && m.deliveredAt && m.providerMessageId);
});

test('without consent nothing is sent, even with a mobile number', async () => {
  const clerk = await h.login('registry');
  const c = (
    await h.call({
      method: 'POST',
      url: '/api/v1/cases',
      as: clerk,
      payload: { caseTypeId: h.m.caseType.id, subject: 'Bez saglasnosti', channel: 'counter', parties: [{ name: 'Nema Saglasnosti', phone: '064 555 0103' }] },
    })
  ).json();
  assert.ok(c.id);
  assert.deepEqual(await messagesOf(h, c.id), []);
});

test('a registration with a bad mobile number is refused with a clear message and registers nothing', async () => {
  const clerk = await h.login('registry');
  const before = await h.ctx.db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  const r = await h.call({ method: 'POST', url: '/api/v1/notifications/registrations', as: clerk, payload: registration({}, { phone: '12ab' }) });
  assert.equal(r.statusCode, 400);
  // In the clerk's language (the default here, Serbian), saying how to write it.
  assert.match(r.json().error.message, /„12ab“ nije ispravan broj mobilnog telefona; upišite ga sa pozivnim brojem/);
  assert.equal(r.json().error.details.field, 'phone');
  const afterCount = await h.ctx.db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  assert.equal(afterCount.n, before.n);
});

test('consent to SMS without a mobile number is refused', async () => {
  const clerk = await h.login('registry');
  const r = await h.call({
    method: 'POST',
    url: '/api/v1/notifications/registrations',
    as: clerk,
    payload: registration({}, { phone: undefined, name: 'Bez Telefona' }),
  });
  assert.equal(r.statusCode, 400);
  // In the registry clerk's language (sr-Latn), not English.
  assert.match(r.json().error.message, /stranka nema broj mobilnog telefona/);
});

test('the delivery goes through the real queue: a message row and its job commit with the event, and the job sends it', async () => {
  await h.stopWorker();
  try {
    const clerk = await h.login('registry');
    const c = (
      await h.call({
        method: 'POST',
        url: '/api/v1/notifications/registrations',
        as: clerk,
        payload: registration({}, { name: 'Ana Red', phone: '+381645550104', locale: 'en' }),
      })
    ).json();
    const [m] = await messagesOf(h, c.id);
    assert.equal(m!.status, 'queued');
    assert.match(m!.body, /^Case .* was received at the registry office on/);
    const jobs = (await h.ctx.db
      .selectFrom('graphile_worker.jobs' as never)
      .select(['key' as never, 'task_identifier' as never])
      .execute()) as { key: string; task_identifier: string }[];
    assert.ok(jobs.some((j) => j.key === `notify:${m!.id}` && j.task_identifier === 'notifications.send'));
    assert.equal(h.smsc.received().filter((x) => x.destination === msisdn('+381645550104')).length, 0);
  } finally {
    await h.startWorker();
  }
  const sms = await h.smsc.waitFor((x) => x.destination === '381645550104', 5000);
  assert.equal(sms.dataCoding, 0, 'plain English fits GSM-7');
});
