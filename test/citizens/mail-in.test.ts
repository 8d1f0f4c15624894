import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { sixDigits, startCitizenHarness, type CitizenHarness } from './harness.ts';
import { CENTRE } from '../sistem48/helpers.ts';
import { askFixQuestion } from '../../src/sistem48/commands/ask-fix-question.ts';
import { mailListener } from '../../src/citizens/module.ts';
import type { Session } from '../helpers/app.ts';
import { t } from '../../src/i18n/index.ts';

let h: CitizenHarness;
let registry: Session;
let send: (mail: SendMailOptions) => Promise<unknown>;
before(async () => {
  h = await startCitizenHarness({
    env: { GLAS_MAIL_IN_PORT: '0', GLAS_MAIL_IN_MAX_BYTES: '200000', GLAS_MAIL_IN_MAX_ATTACHMENTS: '2', GLAS_INBOUND_PER_HOUR: '5' },
  });
  registry = await h.login('registry');
  const port = mailListener()!.port;
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  send = (mail) => transport.sendMail({ to: 'prijave@glas.test', ...mail });
});
after(async () => {
  await h.close();
});

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201e2b0f6a70000000049454e44ae426082',
  'hex',
);
const docs = (caseId: string) =>
  h.ctx.db.selectFrom('documents').select(['filename', 'content_type', 'visibility']).where('case_id', '=', caseId).orderBy('created_at').execute();

test('a new e-mail becomes a routed problem report with its attachments as documents, and the citizen gets its number back', async () => {
  await send({
    from: 'Milan Milić <milan@example.org>',
    subject: 'Divlja deponija kod mosta',
    text: 'Neko je bacio šut pored reke, kod starog mosta.',
    attachments: [
      { filename: 'slika.png', content: PNG, contentType: 'image/png' },
      { filename: 'opis.txt', content: 'Detalji' },
    ],
  });
  const reply = await h.smtp.waitFor((m) => m.to.includes('milan@example.org') && /S48-\d{5}\/\d{2}/.test(`${m.subject} ${m.text}`), 8000);
  const number = /S48-\d{5}\/\d{2}/.exec(`${reply.subject} ${reply.text}`)![0];
  const c = await h.ctx.db
    .selectFrom('cases')
    .innerJoin('problem_reports', 'problem_reports.case_id', 'cases.id')
    .select(['cases.id', 'cases.channel', 'cases.description', 'cases.unit_id', 'problem_reports.routed_by'])
    .where('cases.number', '=', number)
    .executeTakeFirstOrThrow();
  assert.equal(c.channel, 'email');
  assert.match(c.description, /^Divlja deponija kod mosta\n\nNeko je bacio šut/);
  assert.equal(c.routed_by, 'fallback');
  assert.deepEqual(
    (await docs(c.id)).map((d) => [d.filename, d.content_type]),
    [
      ['slika.png', 'image/png'],
      ['opis.txt', 'text/plain'],
    ],
  );
  const party = await h.ctx.db
    .selectFrom('case_parties')
    .innerJoin('parties', 'parties.id', 'case_parties.party_id')
    .select(['parties.name', 'parties.email'])
    .where('case_id', '=', c.id)
    .executeTakeFirstOrThrow();
  assert.deepEqual(party, { name: 'Milan Milić', email: 'milan@example.org' });
});

test("a reply to a Glas notification is added to that case as the citizen's document, attachments included", async () => {
  const r = await h.call({
    method: 'POST',
    url: '/api/v1/notifications/registrations',
    as: registry,
    payload: {
      caseTypeId: h.m.caseType.id,
      subject: 'Zahtev za uverenje',
      channel: 'counter',
      parties: [{ name: 'Vesna Vasić', email: 'vesna@example.org', locale: 'sr-Latn', consent: { channels: ['email'] } }],
    },
  });
  assert.equal(r.statusCode, 201, r.body);
  const c = r.json();
  const note = await h.smtp.waitFor((m) => m.to.includes('vesna@example.org') && (m.text ?? '').includes(c.number), 8000);
  assert.ok(note.messageId);
  await send({
    from: 'vesna@example.org',
    subject: `Re: ${note.subject}`,
    inReplyTo: `<${note.messageId}>`,
    references: [`<${note.messageId}>`],
    text: `Šaljem traženu dopunu.\n\nOn Mon, Glas wrote:\n> ${note.text}`,
    attachments: [{ filename: 'dopuna.png', content: PNG }],
  });
  const ack = await h.smtp.waitFor((m) => m.to.includes('vesna@example.org') && (m.subject ?? '').includes(c.number) && /dodat/.test(m.subject ?? ''), 8000);
  assert.ok(ack);
  const d = await docs(c.id);
  assert.equal(d.length, 2);
  assert.match(d[0]!.filename, /^email-\d{8}-\d{4}\.txt$/);
  assert.equal(d[1]!.filename, 'dopuna.png');
  assert.ok(d.every((x) => x.visibility === 'public'));
  const events = await h.ctx.db
    .selectFrom('case_events')
    .select(['type', 'actor_name'])
    .where('case_id', '=', c.id)
    .where('type', '=', 'case.document_added')
    .execute();
  assert.ok(events.every((e) => e.actor_name === 'Vesna Vasić (e-mail)'));

  // The same Message-ID id from another sender is not a reply to them: it becomes a new report instead.
  await send({ from: 'impostor@example.org', subject: 'Re: predmet', inReplyTo: `<${note.messageId}>`, text: 'Ubacujem se u tuđi predmet.' });
  await h.smtp.waitFor((m) => m.to.includes('impostor@example.org'), 8000);
  assert.equal((await docs(c.id)).length, 2);
});

test('oversized mail is refused in SMTP, automatic and duplicate mail is ignored, and a flood from one sender is cut off, each with a log entry', async () => {
  await assert.rejects(
    send({ from: 'big@example.org', subject: 'Velika', text: 'x', attachments: [{ filename: 'big.txt', content: Buffer.alloc(300_000, 'a') }] }),
    /552|size/i,
  );

  await send({ from: 'robot@example.org', subject: 'Out of office', text: 'Nisam tu.', headers: { 'Auto-Submitted': 'auto-replied' } });
  const auto = await h.eventually(
    async () => h.ctx.db.selectFrom('inbound_messages').select('outcome').where('sender', '=', 'robot@example.org').executeTakeFirst(),
    5000,
    'log',
  );
  assert.equal(auto.outcome, 'ignored_automatic');

  const mid = `<dup-${Date.now()}@example.org>`;
  await send({ from: 'dup@example.org', subject: 'Ulica bez svetla', text: 'Ne radi rasveta.', messageId: mid });
  await send({ from: 'dup@example.org', subject: 'Ulica bez svetla', text: 'Ne radi rasveta.', messageId: mid });
  const dup = await h.eventually(
    async () => {
      const r = await h.ctx.db.selectFrom('inbound_messages').select('outcome').where('sender', '=', 'dup@example.org').execute();
      return r.length === 1 ? r : undefined;
    },
    5000,
    'one entry',
  );
  assert.equal(dup[0]!.outcome, 'report');

  for (let i = 0; i < 7; i++) await send({ from: 'bomb@example.org', subject: `Poruka ${i}`, text: 'Buka iz kafića svake noći.' });
  const log = await h.ctx.db.selectFrom('inbound_messages').select('outcome').where('sender', '=', 'bomb@example.org').execute();
  assert.equal(log.length, 7);
  assert.equal(log.filter((l) => l.outcome === 'rate_limited').length, 2);

  // Not a mail at all: refused, logged, and the listener keeps serving.
  const { handleInboundMail } = await import('../../src/citizens/commands/handle-inbound-mail.ts');
  const r = await handleInboundMail(h.ctx, { raw: Buffer.from('this is not\r\na mail\r\n'), envelopeFrom: 'x@y.z', via: 'smtp' });
  assert.equal(r.outcome, 'refused_sender');
});

test('an e-mail that asks for a status (by number, in a sentence, by tracking code, or without a number) is answered and never becomes a report', async () => {
  const r = await h.call({
    method: 'POST',
    url: '/api/v1/notifications/registrations',
    as: registry,
    payload: {
      caseTypeId: h.m.caseType.id,
      subject: 'Zahtev za uverenje',
      channel: 'counter',
      deliverToUnitId: h.m.units.a.id,
      parties: [{ name: 'Dragana Kovač', email: 'dragana@example.org', locale: 'sr-Latn', consent: { channels: ['email'] } }],
    },
  });
  assert.equal(r.statusCode, 201, r.body);
  const c = r.json() as { id: string; number: string };
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
  const delivered = t('sr-Latn', 'status.delivered');
  const outcomeOf = (sender: string) =>
    h.eventually(
      async () => {
        const row = await h.ctx.db
          .selectFrom('inbound_messages')
          .select(['outcome', 'case_id'])
          .where('sender', '=', sender)
          .orderBy('received_at', 'desc')
          .executeTakeFirst();
        return row && row.outcome !== 'received' ? row : undefined;
      },
      5000,
      `the outcome for ${sender}`,
    );
  const answerTo = (sender: string, test: (m: { subject?: string; text?: string }) => boolean) => h.smtp.waitFor((m) => m.to.includes(sender) && test(m), 8000);

  // The issue's own mail: "Status IN-8/2026" with nothing else, from the party of the case.
  await send({ from: 'Dragana Kovač <dragana@example.org>', subject: `Status ${c.number}`, text: '' });
  const answer = await answerTo('dragana@example.org', (m) => (m.text ?? '').includes(delivered));
  assert.ok((answer.subject ?? '').includes(c.number), answer.subject ?? '(no subject)');
  assert.match(answer.text ?? '', /Odeljenje A/);
  assert.deepEqual(await outcomeOf('dragana@example.org'), { outcome: 'status', case_id: c.id });

  // In a sentence, signed, from an address that is not a party: the same neutral answer as for a number that does not exist.
  await send({ from: 'neko@example.org', subject: 'Pitanje', text: `Poštovani,\n\nkoji je status predmeta ${c.number}?\n\nNeko Nekić` });
  const refused = await answerTo('neko@example.org', () => true);
  assert.equal((refused.text ?? '').trim(), t('sr-Latn', 'citizens.status_unknown_email', { number: c.number }));
  assert.equal((await outcomeOf('neko@example.org')).outcome, 'status_refused');

  // The tracking code is the key to the case for whoever holds it; Cyrillic is answered in Cyrillic.
  await send({ from: 'drugi@example.org', subject: 'Стање предмета', text: `Код ${code.toLowerCase()}` });
  const byCode = await answerTo('drugi@example.org', () => true);
  assert.ok((byCode.text ?? '').startsWith(`${c.number}: ${t('sr-Cyrl', 'status.delivered')}`), byCode.text ?? '(no text)');
  assert.equal((await outcomeOf('drugi@example.org')).outcome, 'status');
  // Answering that answer adds nothing to the case: whoever holds the code may read the status, not write to the file.
  const docsBefore = (await docs(c.id)).length;
  await send({ from: 'drugi@example.org', subject: `Re: ${byCode.subject}`, inReplyTo: `<${byCode.messageId}>`, text: 'Хвала, а када ће бити готово?' });
  const taken = await h.eventually(
    async () => {
      const rows = await h.ctx.db.selectFrom('inbound_messages').select('outcome').where('sender', '=', 'drugi@example.org').orderBy('received_at').execute();
      return rows.length === 2 && rows[1]!.outcome !== 'received' ? rows[1] : undefined;
    },
    8000,
    'the reply to the answer taken',
  );
  assert.notEqual(taken.outcome, 'reply_added');
  assert.notEqual(taken.outcome, 'follower_reply');
  assert.equal((await docs(c.id)).length, docsBefore);

  // No number at all: how to ask.
  await send({ from: 'treci@example.org', subject: 'Stanje predmeta', text: 'Koji je status moje prijave?' });
  const help = await answerTo('treci@example.org', () => true);
  assert.equal((help.text ?? '').trim(), t('sr-Latn', 'citizens.status_need_number', { url: `${h.config.publicUrl}/track` }));
  assert.equal((await outcomeOf('treci@example.org')).outcome, 'status_no_number');

  assert.equal(await caseCount(), before, 'no status question became a case');
  const publicList = await h.call({ method: 'GET', url: '/api/v1/sistem48/public/reports' });
  const descriptions = (publicList.json().items as { description: string }[]).map((i) => i.description);
  assert.ok(descriptions.length > 0 && !descriptions.some((d) => /status|stanje|стање/i.test(d)), descriptions.join(' | '));
});

test("an e-mail report signed with the sender's name and phone reaches the public map without either", async () => {
  await send({
    from: 'Dragana Kovač <dragana.k@example.org>',
    subject: 'Rupa kod pošte',
    text: 'Velika rupa na kolovozu kod pošte.\n\nDragana Kovač\n064 123 4567',
  });
  const reply = await h.smtp.waitFor((m) => m.to.includes('dragana.k@example.org') && /S48-\d{5}\/\d{2}/.test(`${m.subject} ${m.text}`), 8000);
  const number = /S48-\d{5}\/\d{2}/.exec(`${reply.subject} ${reply.text}`)![0];
  const { report_no: no } = await h.ctx.db
    .selectFrom('problem_reports')
    .innerJoin('cases', 'cases.id', 'problem_reports.case_id')
    .select('problem_reports.report_no')
    .where('cases.number', '=', number)
    .executeTakeFirstOrThrow();
  const pub = await h.call({ method: 'GET', url: `/api/v1/sistem48/public/reports/${no}` });
  assert.equal(pub.json().description, 'Rupa kod pošte\n\nVelika rupa na kolovozu kod pošte.\n\n***\n***');
  const map = await h.call({ method: 'GET', url: '/api/v1/sistem48/public/reports' });
  assert.ok(!map.body.includes('Dragana') && !map.body.includes('Kovač') && !map.body.includes('4567'), map.body);
});

/** A public report filed on the web form by a reporter who consents to be told on the contact they give. */
async function publicReport(contact: { phone: string } | { email: string }) {
  const filed = await h.app.inject({
    method: 'POST',
    url: '/api/v1/sistem48/public/reports',
    payload: {
      category: 'pothole',
      lat: CENTRE.lat,
      lon: CENTRE.lon,
      description: 'Rupa kod pošte',
      contact: { name: 'Pera Perić', ...contact, consent: true, locale: 'sr-Latn' },
    },
  });
  assert.equal(filed.statusCode, 201, filed.body);
  const number: string = filed.json().number;
  return h.ctx.db
    .selectFrom('cases')
    .innerJoin('problem_reports', 'problem_reports.case_id', 'cases.id')
    .select(['cases.id', 'cases.number', 'problem_reports.report_no'])
    .where('cases.number', '=', number)
    .executeTakeFirstOrThrow();
}

/** A public report followed for its updates by e-mail (the code proven). */
async function followedReport(reporterPhone: string, follower: string) {
  const report = await publicReport({ phone: reporterPhone });
  const number = report.number;
  const followers = `/api/v1/sistem48/public/reports/${report.report_no}/followers`;
  assert.equal(
    (await h.app.inject({ method: 'POST', url: followers, payload: { email: follower, updates: true, support: false, locale: 'sr-Latn' } })).statusCode,
    202,
  );
  const codeMail = await h.smtp.waitFor((m) => m.to.includes(follower) && /\b\d{6}\b/.test(m.text ?? ''), 8000);
  const confirmed = await h.app.inject({ method: 'POST', url: `${followers}/confirm`, payload: { email: follower, code: sixDigits(codeMail.text ?? '') } });
  assert.ok(confirmed.statusCode < 300, confirmed.body);
  return { number, id: report.id };
}

/** The case officer answers the report with a status and a planned date three days on. */
async function respond(caseId: string, status: 'in_progress' | 'resolved') {
  const answered = await h.call({
    method: 'POST',
    url: `/api/v1/sistem48/reports/${caseId}/response`,
    as: await h.login('clerkA'),
    payload: { status, plannedResolutionAt: new Date(h.ctx.now().getTime() + 3 * 86_400_000).toISOString() },
  });
  assert.equal(answered.statusCode, 200, answered.body);
}
const citizenReplies = (caseId: string) =>
  h.ctx.db.selectFrom('case_events').select('type').where('case_id', '=', caseId).where('type', '=', 'case.citizen_reply').execute();

test("a follower's reply to an update of a public report is not the reporter's: nothing is added to the report, nothing is filed, and they are told replies are not read", async () => {
  const follower = 'pratilac.posta@example.org';
  const { number, id } = await followedReport('064 555 0871', follower);
  await respond(id, 'in_progress');
  const update = await h.smtp.waitFor((m) => m.to.includes(follower) && (m.text ?? '').includes('/problems/stop#'), 8000);
  const casesBefore = (await h.ctx.db.selectFrom('cases').select('id').execute()).length;

  await send({
    from: follower,
    subject: `Re: ${update.subject}`,
    inReplyTo: `<${update.messageId}>`,
    references: [`<${update.messageId}>`],
    text: `Hvala, ali rupa je i dalje tu, sve je veća.\n\n> ${update.text}`,
  });
  const told = await h.smtp.waitFor((m) => m.to.includes(follower) && (m.subject ?? '').includes('odgovori se ne čitaju'), 8000);
  assert.match(told.text ?? '', new RegExp(`prijavi ${number.replace(/[/]/g, '\\/')} dobijate jer je pratite`));
  assert.deepEqual(await citizenReplies(id), [], "not recorded as the reporter's reply");
  assert.equal((await docs(id)).filter((d) => d.filename.startsWith('email-')).length, 0, 'no document added');
  assert.equal((await h.ctx.db.selectFrom('cases').select('id').execute()).length, casesBefore, 'not filed as a new report');
  const inbound = await h.ctx.db.selectFrom('inbound_messages').select(['outcome', 'case_id']).where('sender', '=', follower).execute();
  assert.deepEqual(inbound, [{ outcome: 'follower_reply', case_id: id }]);
});

test('a follower answers "is it fixed?" by replying to its e-mail: NE reopens the report, as by SMS, and is neither a reply of the reporter nor a new report', async () => {
  const follower = 'pratilac.pitanje@example.org';
  const { number, id } = await followedReport('064 555 0881', follower);
  await respond(id, 'resolved');
  await answerByEmail(id, number, follower, (q) =>
    q.innerJoin('report_followers', 'report_followers.id', 'fix_questions.follower_id').where('report_followers.address', '=', follower),
  );
});

test('the reporter answers "is it fixed?" by replying to its e-mail: NE reopens the report and is not added to the file as a reply', async () => {
  const reporter = 'prijavilac.pitanje@example.org';
  const report = await publicReport({ email: reporter });
  await respond(report.id, 'resolved');
  await answerByEmail(report.id, report.number, reporter, (q) => q.where('fix_questions.party_id', 'is not', null));
});

/**
 * Asks the question (at its time), replies "NE 2" to its e-mail from `from`, and checks the report is open again,
 * the answer recorded as by e-mail, and nothing else: no reply on the file, no new report.
 */
async function answerByEmail(caseId: string, number: string, from: string, which: (q: ReturnType<typeof fixQuestions>) => ReturnType<typeof fixQuestions>) {
  const q = await which(fixQuestions(caseId)).executeTakeFirstOrThrow();
  assert.equal(await askFixQuestion({ ...h.ctx, now: () => new Date(q.ask_at) }, { questionId: q.id }), 'asked');
  const question = await h.smtp.waitFor((m) => m.to.includes(from) && /otklonjen/.test(m.subject ?? ''), 8000);
  const casesBefore = (await h.ctx.db.selectFrom('cases').select('id').execute()).length;

  await send({ from, subject: `Re: ${question.subject}`, inReplyTo: `<${question.messageId}>`, text: `NE 2 rupa je i dalje tu\n\n> ${question.text}` });
  await h.eventually(
    async () => (await h.ctx.db.selectFrom('cases').select('status').where('id', '=', caseId).executeTakeFirstOrThrow()).status === 'in_progress',
    8000,
    `${number} reopened`,
  );
  const answer = await h.ctx.db
    .selectFrom('fix_questions')
    .select(['answer', 'rating', 'reopened', 'answered_via'])
    .where('id', '=', q.id)
    .executeTakeFirstOrThrow();
  assert.deepEqual(answer, { answer: 'not_fixed', rating: 2, reopened: true, answered_via: 'email' });
  assert.deepEqual(await citizenReplies(caseId), []);
  assert.equal((await h.ctx.db.selectFrom('cases').select('id').execute()).length, casesBefore);
  const inbound = await h.ctx.db.selectFrom('inbound_messages').select(['outcome', 'case_id']).where('sender', '=', from).execute();
  assert.deepEqual(inbound, [{ outcome: 'fix_answer', case_id: caseId }]);
}
const fixQuestions = (caseId: string) =>
  h.ctx.db.selectFrom('fix_questions').select(['fix_questions.id', 'fix_questions.ask_at']).where('fix_questions.case_id', '=', caseId);
