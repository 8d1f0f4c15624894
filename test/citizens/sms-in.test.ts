import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startCitizenHarness, type CitizenHarness } from './harness.ts';
import type { Session } from '../helpers/app.ts';

let h: CitizenHarness;
let registry: Session;
before(async () => {
  h = await startCitizenHarness({ env: { GLAS_INBOUND_PER_HOUR: '6' } });
  registry = await h.login('registry');
});
after(async () => {
  await h.close();
});

const SHORT = '1800';
const inbound = (channel: string, sender: string) =>
  h.ctx.db
    .selectFrom('inbound_messages')
    .selectAll()
    .where('channel', '=', channel as 'sms')
    .where('sender', '=', sender)
    .orderBy('received_at')
    .execute();

async function caseFor(phone: string) {
  const r = await h.call({
    method: 'POST',
    url: '/api/v1/notifications/registrations',
    as: registry,
    payload: {
      caseTypeId: h.m.caseType.id,
      subject: 'Zahtev',
      channel: 'counter',
      deliverToUnitId: h.m.units.a.id,
      parties: [{ name: 'Petar Petrović', phone, locale: 'sr-Latn', consent: { channels: ['sms'] } }],
    },
  });
  assert.equal(r.statusCode, 201, r.body);
  return r.json() as { id: string; number: string; partyIds: string[] };
}

test('an SMS with a case number gets its status back, but only from a phone that is a party of the case', async () => {
  const c = await caseFor('064 300 0001');
  await h.smsc.injectInbound('381643000001', SHORT, c.number.toLowerCase());
  const reply = await h.smsc.waitFor((m) => m.destination === '381643000001' && m.text.startsWith(`${c.number}:`), 5000);
  assert.match(reply.text, /Dostavljen nadležnom organu/);
  assert.match(reply.text, /Organ: Odeljenje A/);

  await h.smsc.injectInbound('381643000099', SHORT, c.number);
  const neutral = await h.smsc.waitFor((m) => m.destination === '381643000099', 5000);
  assert.ok(!neutral.text.includes('Odeljenje A') && !neutral.text.includes('Dostavljen'), neutral.text);
  // A number that exists and one that does not get the same words.
  await h.smsc.injectInbound('381643000098', SHORT, 'UP-I-PIS-999/2026');
  const missing = await h.smsc.waitFor((m) => m.destination === '381643000098', 5000);
  assert.equal(missing.text.replace('UP-I-PIS-999/2026', 'X'), neutral.text.replace(c.number, 'X'));
});

test('STOP switches off non-key messages for the parties with that phone', async () => {
  const c = await caseFor('064 300 0002');
  await h.smsc.injectInbound('381643000002', SHORT, 'Stop');
  const reply = await h.smsc.waitFor((m) => m.destination === '381643000002' && /ključnih/.test(m.text), 5000);
  assert.ok(reply);
  const prefs = await h.ctx.db.selectFrom('party_notification_preferences').select('scope').where('party_id', '=', c.partyIds[0]!).executeTakeFirstOrThrow();
  assert.equal(prefs.scope, 'key');
});

test('any other text becomes a problem report routed to the dispatcher, and the reply carries its number', async () => {
  await h.smsc.injectInbound('381643000003', SHORT, 'Rupa na putu ispred škole u ulici Njegoševa 5, opasno!');
  const reply = await h.smsc.waitFor((m) => m.destination === '381643000003' && /S48-\d{5}\/\d{2}/.test(m.text), 8000);
  const number = /S48-\d{5}\/\d{2}/.exec(reply.text)![0];
  const c = await h.ctx.db
    .selectFrom('cases')
    .innerJoin('problem_reports', 'problem_reports.case_id', 'cases.id')
    .select(['cases.id', 'cases.channel', 'cases.unit_id', 'cases.description', 'problem_reports.routed_by', 'problem_reports.category_id'])
    .where('cases.number', '=', number)
    .executeTakeFirstOrThrow();
  assert.equal(c.channel, 'sms');
  assert.equal(c.category_id, h.s48.cat.other.id);
  assert.equal(c.routed_by, 'fallback');
  assert.equal(c.unit_id, h.m.units.registry.id);
  assert.match(c.description, /Njegoševa 5/);
  const log = await inbound('sms', '+381643000003');
  assert.equal(log.at(-1)!.outcome, 'report');
  assert.equal(log.at(-1)!.case_id, c.id);

  // The sender then asks for its status by its number.
  await h.smsc.injectInbound('381643000003', SHORT, number);
  const status = await h.smsc.waitFor((m) => m.destination === '381643000003' && m.text.startsWith(`${number}:`), 5000);
  assert.ok(status);
});

test('senders that are not phone numbers, oversized texts and floods are ignored with a log entry and no answer', async () => {
  await h.smsc.injectInbound('INFO', SHORT, 'Akcija! Kupite sada');
  await h.eventually(async () => (await inbound('sms', 'INFO')).length === 1, 5000, 'log entry');
  assert.equal((await inbound('sms', 'INFO'))[0]!.outcome, 'refused_sender');
  assert.equal(h.smsc.received().filter((m) => m.destination === 'INFO').length, 0);

  for (let i = 0; i < 8; i++) await h.smsc.injectInbound('381643000004', SHORT, `Poruka broj ${i}: buka u ulici`);
  const log = await h.eventually(
    async () => {
      const l = await inbound('sms', '+381643000004');
      return l.length === 8 ? l : undefined;
    },
    15_000,
    'eight log entries',
  );
  assert.equal(log.filter((l) => l.outcome === 'rate_limited').length, 2);
  await new Promise((r) => setTimeout(r, 500));
  assert.ok(h.smsc.received().filter((m) => m.destination === '381643000004').length <= 12, 'no answers to the ignored ones');
});

test('an SMS asking for a status in a sentence or by tracking code is answered, never filed as a report', async () => {
  const c = await caseFor('064 300 0077');
  const { tracking_code: code } = await h.ctx.db.selectFrom('cases').select('tracking_code').where('id', '=', c.id).executeTakeFirstOrThrow();
  const caseCount = async () =>
    Number(
      (
        await h.ctx.db
          .selectFrom('cases')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const before = await caseCount();
  await h.smsc.injectInbound('381643000077', SHORT, `Koji je status predmeta ${c.number}?`);
  const byNumber = await h.smsc.waitFor((m) => m.destination === '381643000077' && m.text.startsWith(`${c.number}:`), 5000);
  assert.match(byNumber.text, /Organ: Odeljenje A/);
  await h.smsc.injectInbound('381643000078', SHORT, code.toLowerCase());
  const byCode = await h.smsc.waitFor((m) => m.destination === '381643000078', 5000);
  assert.ok(byCode.text.startsWith(`${c.number}:`), byCode.text);
  await h.smsc.injectInbound('381643000079', SHORT, 'Stanje predmeta');
  await h.smsc.waitFor((m) => m.destination === '381643000079', 5000);
  const outcomes = await h.eventually(
    async () => {
      const rows = await h.ctx.db
        .selectFrom('inbound_messages')
        .select('outcome')
        .where('sender', 'in', ['+381643000077', '+381643000078', '+381643000079'])
        .orderBy('sender')
        .execute();
      return rows.every((r) => r.outcome !== 'received') && rows.length === 3 ? rows : undefined;
    },
    5000,
    'the outcomes',
  );
  assert.deepEqual(
    outcomes.map((o) => o.outcome),
    ['status', 'status', 'status_no_number'],
  );
  assert.equal(await caseCount(), before, 'no status question became a case');
});
