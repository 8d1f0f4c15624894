import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sessionOf, sixDigits, startCitizenHarness, type CitizenHarness } from './harness.ts';
import { VIBER_TOKEN } from '../notifications/harness.ts';
import { viberSignature } from '../../src/channels/viber-signature.ts';
import type { Session } from '../helpers/app.ts';

let h: CitizenHarness;
let registry: Session;
before(async () => {
  h = await startCitizenHarness({ env: { GLAS_VIBER_BOT_PER_MINUTE: '10' } });
  registry = await h.login('registry');
});
after(async () => {
  await h.close();
});

let seq = 0;
const viberUser = () => `viber-user-${++seq}-${Date.now()}`;
const say = (userId: string, text: string, language = 'sr') =>
  h.viber.sendUserEvent({ event: 'message', sender: { id: userId, name: 'Građanin', language }, message: { type: 'text', text } });
const repliesTo = (userId: string) => h.viber.received().filter((m) => m.receiver === userId);
async function nextReply(userId: string, after: number, timeoutMs = 5000) {
  await h.eventually(async () => repliesTo(userId).length > after, timeoutMs, `reply ${after + 1} to ${userId}`);
  return repliesTo(userId)[after]!;
}

async function caseFor(phone: string, name = 'Amra Hodžić') {
  const r = await h.call({
    method: 'POST',
    url: '/api/v1/notifications/registrations',
    as: registry,
    payload: {
      caseTypeId: h.m.caseType.id,
      subject: 'Zahtjev za uvjerenje',
      channel: 'counter',
      deliverToUnitId: h.m.units.a.id,
      parties: [{ name, phone, locale: 'bs', consent: { channels: ['sms'] } }],
    },
  });
  assert.equal(r.statusCode, 201, r.body);
  return r.json() as { id: string; number: string; partyIds: string[] };
}

test("conversation_started gets a welcome in the user's language with how to use the bot", async () => {
  const u = viberUser();
  const d = await h.viber.sendUserEvent({ event: 'conversation_started', type: 'open', user: { id: u, name: 'Amra', language: 'bs' }, subscribed: false });
  assert.equal(d.status, 200);
  const w = await nextReply(u, 0);
  assert.match(w.text!, /Dobro došli/);
  assert.match(w.text!, /broj mobilnog telefona/);
});

test('a Viber user links by phone number and a one-time SMS code, then asks the status of their own case by number and from the keyboard; nothing about other cases', async () => {
  const mine = await caseFor('061 400 001');
  const other = await caseFor('061 400 002', 'Neko Drugi');
  const u = viberUser();
  await say(u, mine.number);
  const before = await nextReply(u, 0);
  assert.ok(!before.text!.includes('Odeljenje A') && !before.text!.includes(mine.number), 'an unlinked user learns nothing about a case');

  await say(u, '061 400 001');
  await nextReply(u, 1);
  const sms = await h.smsc.waitFor((m) => m.destination === '38161400001' && /Vibera|Вибера/.test(m.text), 5000);
  await say(u, sixDigits(sms.text));
  const linked = await nextReply(u, 2);
  assert.match(linked.text!, /povezan/);
  const keyboard = linked.keyboard as { Buttons: { ActionBody: string }[] };
  assert.ok(
    keyboard.Buttons.some((b) => b.ActionBody === mine.number),
    JSON.stringify(keyboard),
  );
  assert.ok(!keyboard.Buttons.some((b) => b.ActionBody === other.number));
  const consent = await h.ctx.db
    .selectFrom('notification_consents')
    .selectAll()
    .where('party_id', '=', mine.partyIds[0]!)
    .where('channel', '=', 'viber')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  assert.equal(consent.action, 'given');
  assert.equal(consent.method, 'viber_subscription');
  assert.equal(consent.address, u);

  await say(u, mine.number);
  const status = await nextReply(u, 3);
  assert.match(status.text!, new RegExp(`^${mine.number.replace(/[/]/g, '\\/')}: Dostavljen`));
  assert.match(status.text!, /Služba: Odeljenje A/);

  await say(u, other.number);
  const refused = await nextReply(u, 4);
  assert.ok(!refused.text!.includes('Odeljenje A') && !refused.text!.includes('Dostavljen'), refused.text ?? '');

  await say(u, 'Moji predmeti');
  const list = await nextReply(u, 5);
  assert.ok((list.keyboard as { Buttons: { ActionBody: string }[] }).Buttons.some((b) => b.ActionBody === mine.number));

  // From now on the case's notifications may go by Viber too, under the recorded consent.
  await h.call({
    method: 'PATCH',
    url: `/api/v1/parties/${mine.partyIds[0]}/notification-settings`,
    as: registry,
    payload: { channelOrder: ['viber', 'sms', 'email'] },
  });
  const clerkA = await h.login('clerkA');
  await h.call({ method: 'POST', url: `/api/v1/cases/${mine.id}/transitions`, as: clerkA, payload: { to: 'accepted' } });
  const note = await nextReply(u, 6, 8000);
  assert.ok(note.text!.includes(mine.number), note.text ?? '');

  // Stop: consent withdrawn, the link gone, nothing more about the case.
  await say(u, 'STOP');
  const stopped = await nextReply(u, 7);
  assert.match(stopped.text!, /Odjavljeni ste/);
  const last = await h.ctx.db
    .selectFrom('notification_consents')
    .select(['action'])
    .where('party_id', '=', mine.partyIds[0]!)
    .where('channel', '=', 'viber')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  assert.equal(last.action, 'withdrawn');
  await say(u, mine.number);
  const after = await nextReply(u, 8);
  assert.ok(!after.text!.includes('Odeljenje A'), after.text ?? '');
});

test("the one-time link from the portal links Viber as the conversation's context, once", async () => {
  const c = await caseFor('061 400 003');
  await h.call({ method: 'POST', url: '/api/v1/portal/codes', payload: { phone: '061 400 003' } });
  const sms = await h.smsc.waitFor((m) => m.destination === '38161400003' && /prijavu/.test(m.text), 5000);
  const citizen = sessionOf(await h.call({ method: 'POST', url: '/api/v1/portal/sessions', payload: { phone: '061 400 003', code: sixDigits(sms.text) } }));
  const link = await h.call({ method: 'POST', url: '/api/v1/portal/viber-link', as: citizen });
  assert.equal(link.statusCode, 201, link.body);
  const { token, url } = link.json();
  assert.match(url, /^viber:\/\/pa\?chatURI=glas&context=/);
  const u = viberUser();
  await h.viber.sendUserEvent({
    event: 'conversation_started',
    type: 'open',
    context: token,
    user: { id: u, name: 'Amra', language: 'bs' },
    subscribed: false,
  });
  const linked = await nextReply(u, 0);
  assert.match(linked.text!, /povezan/);
  assert.ok((linked.keyboard as { Buttons: { ActionBody: string }[] }).Buttons.some((b) => b.ActionBody === c.number));
  assert.equal((await h.call({ method: 'GET', url: '/api/v1/portal/account', as: citizen })).json().viberLinked, true);

  const u2 = viberUser();
  await h.viber.sendUserEvent({ event: 'conversation_started', type: 'open', context: token, user: { id: u2, name: 'X' }, subscribed: false });
  const refused = await nextReply(u2, 0);
  assert.match(refused.text!, /ne važi|not valid/);
});

test('unsigned, badly signed, replayed and stale callbacks are refused or ignored; a flood is rate-limited', async () => {
  const webhook = h.viber.webhookUrl()!;
  const u = viberUser();
  const body = JSON.stringify({
    event: 'message',
    timestamp: Date.now(),
    message_token: 5123456789012345678n.toString(),
    sender: { id: u, name: 'X' },
    message: { type: 'text', text: 'pomoć' },
  });
  const post = (b: string, sig?: string) =>
    fetch(webhook, { method: 'POST', headers: { 'content-type': 'application/json', ...(sig ? { 'x-viber-content-signature': sig } : {}) }, body: b });
  assert.equal((await post(body)).status, 403);
  assert.equal((await post(body, 'a'.repeat(64))).status, 403);
  assert.equal((await post(body, viberSignature(VIBER_TOKEN, body))).status, 200);
  assert.equal((await post(body, viberSignature(VIBER_TOKEN, body))).status, 200, 'a replay is answered 200 (Viber would retry otherwise) but not acted on');
  await nextReply(u, 0);
  await new Promise((r) => setTimeout(r, 400));
  assert.equal(repliesTo(u).length, 1, 'one answer for the replayed message');

  const stale = JSON.stringify({
    event: 'message',
    timestamp: Date.now() - 3_600_000,
    message_token: '5123456789012345679',
    sender: { id: u, name: 'X' },
    message: { type: 'text', text: 'pomoć' },
  });
  assert.equal((await post(stale, viberSignature(VIBER_TOKEN, stale))).status, 200);
  const log = await h.eventually(
    async () => (await h.ctx.db.selectFrom('inbound_messages').select('outcome').where('sender', '=', u).execute()).find((r) => r.outcome === 'refused_stale'),
    5000,
    'stale logged',
  );
  assert.ok(log);

  const flood = viberUser();
  for (let i = 0; i < 15; i++) await say(flood, 'pomoć');
  await h.eventually(async () => repliesTo(flood).length >= 10, 5000, 'the answers within the limit');
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(repliesTo(flood).length, 10, 'only the limit is answered');
  const limited = await h.ctx.db.selectFrom('inbound_messages').select('outcome').where('sender', '=', flood).where('outcome', '=', 'rate_limited').execute();
  assert.equal(limited.length, 5);
});

test('a Viber message asking for a status in a sentence or by tracking code is answered, never filed as a report; an unlinked user learns nothing by number', async () => {
  const mine = await caseFor('061 400 077', 'Dragana Kovač');
  const { tracking_code: code } = await h.ctx.db.selectFrom('cases').select('tracking_code').where('id', '=', mine.id).executeTakeFirstOrThrow();
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
  const u = viberUser();
  await say(u, `Koji je status predmeta sa kodom ${code.toLowerCase()}?`, 'bs');
  const byCode = await nextReply(u, 0);
  assert.match(byCode.text!, new RegExp(`^${mine.number.replace(/[/]/g, '\\/')}: Dostavljen`));
  assert.match(byCode.text!, /Služba: Odeljenje A/);

  await say(u, `Stanje predmeta ${mine.number}, molim`, 'bs');
  const byNumber = await nextReply(u, 1);
  assert.ok(!byNumber.text!.includes('Odeljenje A') && !byNumber.text!.includes('Dostavljen'), byNumber.text ?? '');

  await say(u, 'Status ZZZZ-2222-ZZZZ', 'bs');
  const unknown = await nextReply(u, 2);
  assert.match(unknown.text!, /ZZZZ-2222-ZZZZ/);
  const outcomes = await h.ctx.db.selectFrom('inbound_messages').select('outcome').where('sender', '=', u).orderBy('received_at').execute();
  assert.deepEqual(
    outcomes.map((o) => o.outcome),
    ['status', 'not_linked', 'status_refused'],
  );
  assert.equal(await caseCount(), before, 'no status question became a case');
});

test('a linked citizen describes a problem to the bot: asked first, filed once on "File the report" under their party and told its number; "Cancel" files nothing; a greeting is not offered; an unlinked user is not offered', async () => {
  const mine = await caseFor('061 400 088', 'Jasmin Begić');
  const casesNow = async () => (await h.ctx.db.selectFrom('cases').select(['id', 'number', 'description', 'channel']).execute()).length;
  const u = viberUser();
  await say(u, '061 400 088', 'bs');
  await nextReply(u, 0);
  const sms = await h.smsc.waitFor((m) => m.destination === '38161400088' && /Vibera|Вибера/.test(m.text), 5000);
  await say(u, sixDigits(sms.text), 'bs');
  assert.match((await nextReply(u, 1)).text!, /povezan/);

  await say(u, 'Hvala puno!', 'bs');
  const thanks = await nextReply(u, 2);
  assert.doesNotMatch(thanks.text!, /novu prijavu/, 'a thank-you is not offered as a report');

  const before = await casesNow();
  await say(u, 'Rupa na putu u ulici Zmaja od Bosne 12, opasno za auta', 'bs');
  const offer = await nextReply(u, 3);
  assert.match(offer.text!, /Da li da ovo zavedemo kao novu prijavu problema\?/);
  assert.ok(offer.text!.includes('„Rupa na putu u ulici Zmaja od Bosne 12, opasno za auta”'), offer.text ?? '');
  const buttons = (offer.keyboard as { Buttons: { ActionBody: string; Text: string }[] }).Buttons;
  assert.deepEqual(
    buttons.map((b) => [b.ActionBody, b.Text]),
    [
      ['report:yes', 'Podnesi prijavu'],
      ['report:no', 'Odustani'],
    ],
  );
  await say(u, 'report:no', 'bs');
  assert.match((await nextReply(u, 4)).text!, /Prijava nije podnesena/);
  assert.equal(await casesNow(), before, 'cancelled: nothing filed');

  const words = 'Ulična rasvjeta ne radi u Ferhadiji već sedmicu dana';
  await say(u, words, 'bs');
  await nextReply(u, 5);
  await say(u, 'report:yes', 'bs');
  await h.eventually(async () => (await casesNow()) === before + 1, 5000, 'the report filed');
  const filed = await h.ctx.db
    .selectFrom('cases')
    .innerJoin('case_parties', 'case_parties.case_id', 'cases.id')
    .select(['cases.id', 'cases.number', 'cases.channel', 'case_parties.party_id'])
    .where('cases.description', '=', words)
    .execute();
  assert.equal(filed.length, 1, 'filed once');
  assert.equal(filed[0]!.channel, 'viber');
  assert.equal(filed[0]!.party_id, mine.partyIds[0], "under the linked citizen's own party");
  // Its number comes back on Viber: by the registration notice, or by the bot when no notice went out.
  await h.eventually(async () => repliesTo(u).some((m) => m.text?.includes(filed[0]!.number)), 5000, 'the number told on Viber');

  // A second tap (or Viber's retry of the first) files nothing more. Found by its words: the receipt of the report
  // may still be on its way, so the order of arrival says nothing.
  await say(u, 'report:yes', 'bs');
  await h.eventually(async () => repliesTo(u).some((m) => /Nema prijave koja čeka/.test(m.text ?? '')), 5000, 'nothing waits to be filed');
  assert.equal(await casesNow(), before + 1);
  const outcomes = await h.ctx.db.selectFrom('inbound_messages').select('outcome').where('sender', '=', u).orderBy('received_at').execute();
  assert.deepEqual(
    outcomes.map((o) => o.outcome),
    ['code_sent', 'linked', 'help', 'report_offered', 'report_dropped', 'report_offered', 'report', 'help'],
  );

  // Someone not linked is not offered: the bot cannot know who they are, and tells them how to link.
  const stranger = viberUser();
  await say(stranger, 'Rupa na putu u ulici Zmaja od Bosne 14, opasno za auta', 'bs');
  const help = await nextReply(stranger, 0);
  assert.doesNotMatch(help.text!, /novu prijavu/);
  assert.match(help.text!, /ili ovdje prijavili problem, povežite Viber: pošaljite broj mobilnog telefona/);
  await say(stranger, 'report:yes', 'bs');
  await nextReply(stranger, 1);
  assert.equal(await casesNow(), before + 1);
});
