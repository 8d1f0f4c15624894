/**
 * Closing the loop over real peers (SMS centre, SMTP sink; issue 14): an answer with a note is one SMS
 * with the note and one deadline; the resolution schedules "is it fixed?" as a job at the category's
 * days; asked by SMS, "NE" reopens the report into its unit's queue with a new answer deadline, tells
 * the reporter and e-mails the unit; a second question at most; a reply by SMS to a case waiting for
 * the citizen lands on it as an unread update and resumes its paused clock.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sessionOf, sixDigits, startCitizenHarness, type CitizenHarness } from '../citizens/harness.ts';
import type { Session } from '../helpers/app.ts';
import { CENTRE, multipart } from './helpers.ts';
import { askFixQuestion } from '../../src/sistem48/commands/ask-fix-question.ts';
import { DEFAULT_FIX_QUESTION_DAYS, fixJobKey, scheduleFixQuestions } from '../../src/sistem48/commands/schedule-fix-questions.ts';
import { formatDate } from '../../src/notifications/domain/render.ts';
import { computeWeeklyOverview } from '../../src/reports/queries/weekly-overview.ts';
import { isoWeekOfDate } from '../../src/reports/domain/calendar.ts';
import { localDate } from '../../src/kernel/time.ts';
import { unitReport } from '../../src/reports/queries/unit-report.ts';

const DAY = 86_400_000;
const SHORT = '1800';
let h: CitizenHarness;
let clerk: Session;

before(async () => {
  h = await startCitizenHarness();
  clerk = await h.login('clerkA');
  await h.ctx.db.updateTable('org_units').set({ email: 'odeljenje-a@opstina.test' }).where('id', '=', h.m.units.a.id).execute();
});
after(async () => {
  await h.close();
});

async function fileReport(phone: string | null, email: string | null = null) {
  const r = await h.app.inject({
    method: 'POST',
    url: '/api/v1/sistem48/public/reports',
    headers: { 'accept-language': 'sr-Latn' },
    payload: {
      category: 'pothole',
      lat: CENTRE.lat,
      lon: CENTRE.lon,
      description: 'Rupa kod škole',
      contact: { name: 'Mara Marić', ...(phone ? { phone } : {}), ...(email ? { email } : {}), consent: true, locale: 'sr-Latn' },
    },
  });
  assert.equal(r.statusCode, 201, r.body);
  const number: string = r.json().number;
  const caseId = (await h.ctx.db.selectFrom('cases').select('id').where('number', '=', number).executeTakeFirstOrThrow()).id;
  return { number, caseId };
}
const smsTo = (dest: string, caseNumber: string) => h.smsc.received().filter((m) => m.destination === dest && m.text.includes(caseNumber));
const post = (url: string, payload: Record<string, unknown>) => h.call({ method: 'POST', url, as: clerk, payload });

test('an answer with a note is one SMS with the note and one deadline; "NE" to the fix question reopens the report in its unit with a new deadline and tells the reporter and the unit', async () => {
  const dest = '381645550101';
  const { number, caseId } = await fileReport('064 555 0101');
  await h.smsc.waitFor((m) => m.destination === dest && m.text.includes(number), 5000);
  const before = smsTo(dest, number).length;

  const planned = new Date(Date.now() + 5 * DAY);
  const answered = await post(`/api/v1/sistem48/reports/${caseId}/response`, {
    status: 'in_progress',
    plannedResolutionAt: planned.toISOString(),
    note: 'Ekipa izlazi na teren u utorak.',
  });
  assert.equal(answered.statusCode, 200, answered.body);
  const dated = formatDate(planned, 'sr-Latn', h.ctx.config.timezone);
  const answer = await h.smsc.waitFor((m) => m.destination === dest && m.text.includes('Ekipa izlazi'), 5000);
  assert.ok(answer.text.includes(dated), answer.text);
  assert.equal(answer.text.match(/\d{1,2}\.\d{1,2}\.\d{4}/g)?.length, 1, `one deadline: ${answer.text}`);
  // Accepted, in progress, the answer and the deadline were one change: one message on each channel.
  const rows = await h.ctx.db
    .selectFrom('notification_messages')
    .select(['kind', 'channel'])
    .where('case_id', '=', caseId)
    .where('kind', 'not in', ['registered', 'delivered'])
    .execute();
  assert.deepEqual(rows, [{ kind: 'response_given', channel: 'sms' }]);

  const resolved = await post(`/api/v1/sistem48/reports/${caseId}/field-result`, { note: 'Rupa je zakrpljena asfaltom.', resolve: true });
  assert.equal(resolved.statusCode, 201, resolved.body);
  const done = await h.smsc.waitFor((m) => m.destination === dest && m.text.includes('zakrpljena'), 5000);
  assert.match(done.text, /rešen/);
  assert.equal(smsTo(dest, number).length, before + 2, 'one SMS for the answer, one for the resolution');

  // Scheduled in the resolving transaction: a job at the resolution plus the category's days.
  const q = await h.ctx.db.selectFrom('fix_questions').selectAll().where('case_id', '=', caseId).executeTakeFirstOrThrow();
  const resolvedAt = (await h.ctx.db.selectFrom('cases').select('closed_at').where('id', '=', caseId).executeTakeFirstOrThrow()).closed_at!;
  assert.equal(new Date(q.ask_at).getTime(), new Date(resolvedAt).getTime() + DEFAULT_FIX_QUESTION_DAYS * DAY);
  const job = await h.ctx.db
    .selectFrom('graphile_worker.jobs' as never)
    .select(['run_at' as never, 'key' as never])
    .where('key' as never, '=', fixJobKey(q.id) as never)
    .executeTakeFirstOrThrow();
  assert.equal(new Date((job as { run_at: Date }).run_at).getTime(), new Date(q.ask_at).getTime());

  // The job's time comes: the reporter is asked on their channel.
  const askAt = new Date(q.ask_at);
  assert.equal(await askFixQuestion({ ...h.ctx, now: () => askAt }, { questionId: q.id }), 'asked');
  const asked = await h.smsc.waitFor((m) => m.destination === dest && /DA ili NE/.test(m.text), 5000);
  assert.ok(asked.text.includes(number), asked.text);
  assert.equal(await askFixQuestion({ ...h.ctx, now: () => askAt }, { questionId: q.id }), 'already');

  await h.smsc.injectInbound(dest, SHORT, 'NE 2 rupa je opet tu');
  const told = await h.smsc.waitFor((m) => m.destination === dest && /ponovo otvorena/.test(m.text), 8000);
  const c = await h.ctx.db
    .selectFrom('cases')
    .innerJoin('problem_reports', 'problem_reports.case_id', 'cases.id')
    .select([
      'cases.status',
      'cases.closed_at',
      'cases.unit_id',
      'cases.citizen_update_at',
      'problem_reports.responded_at',
      'problem_reports.first_response_due_at',
    ])
    .where('cases.id', '=', caseId)
    .executeTakeFirstOrThrow();
  assert.equal(c.status, 'in_progress');
  assert.equal(c.closed_at, null);
  assert.equal(c.unit_id, h.m.units.a.id);
  assert.equal(c.responded_at, null, 'the unit owes a new answer');
  assert.ok(new Date(c.first_response_due_at).getTime() > Date.now(), 'a new answer deadline');
  assert.ok(told.text.includes(formatDate(new Date(c.first_response_due_at), 'sr-Latn', h.ctx.config.timezone)), told.text);
  assert.ok(c.citizen_update_at, 'an unread update for the unit');
  const answeredQ = await h.ctx.db.selectFrom('fix_questions').selectAll().where('id', '=', q.id).executeTakeFirstOrThrow();
  assert.deepEqual(
    [answeredQ.answer, answeredQ.rating, answeredQ.comment, answeredQ.reopened, answeredQ.answered_via],
    ['not_fixed', 2, 'rupa je opet tu', true, 'sms'],
  );
  // The public page says why it is open again (and nothing about who said so).
  const reportNo = (await h.ctx.db.selectFrom('problem_reports').select('report_no').where('case_id', '=', caseId).executeTakeFirstOrThrow()).report_no;
  const publicPage = await h.app.inject({ method: 'GET', url: `/api/v1/sistem48/public/reports/${reportNo}`, headers: { 'accept-language': 'sr-Latn' } });
  const labels = (publicPage.json() as { timeline: { label: string }[] }).timeline.map((e) => e.label);
  assert.ok(labels.includes('Ponovo otvorena: podnosilac javlja da problem nije otklonjen'), labels.join(' | '));
  assert.ok(!publicPage.body.includes('rupa je opet tu') && !publicPage.body.includes('Mara'), 'the comment and the name stay with staff');
  const mail = await h.smtp.waitFor((m) => m.to.includes('odeljenje-a@opstina.test') && (m.subject ?? '').includes(number), 5000);
  assert.match(mail.text ?? '', /rupa je opet tu/);

  // In the unit's open queue again, marked as an unread update, until someone reads it.
  const inQueue = async () => {
    for (const bucket of ['new', 'due_soon', 'overdue', 'in_progress', 'waiting']) {
      const page = await h.call({ method: 'GET', url: `/api/v1/sistem48/queues/${h.m.units.a.id}?bucket=${bucket}&pageSize=200`, as: clerk });
      const item = page.json().items.find((i: { caseId: string }) => i.caseId === caseId);
      if (item) return item as { unreadUpdateAt: string | null };
    }
    return undefined;
  };
  assert.ok((await inQueue())?.unreadUpdateAt);
  assert.equal((await post(`/api/v1/cases/${caseId}/citizen-update/read`, {})).statusCode, 204);
  assert.equal((await inQueue())?.unreadUpdateAt, null);

  // The week's public overview counts the reopening, per unit and category, with the rating.
  const answeredAt = new Date(answeredQ.answered_at!);
  const week = isoWeekOfDate(localDate(answeredAt, h.ctx.config.timezone));
  const overview = await computeWeeklyOverview(h.ctx, week);
  const v = overview.citizenVerdicts!;
  assert.deepEqual([v.answered, v.notFixed, v.reopened, v.closedNotFixed, v.averageRating], [1, 1, 1, 0, 2]);
  assert.deepEqual(
    v.byUnit.map((u) => [u.name, u.reopened]),
    [['Odeljenje A', 1]],
  );
  assert.deepEqual(
    v.byCategory.map((c) => [c.code, c.reopened]),
    [['pothole', 1]],
  );

  // Resolved again: asked once more at most (round 2), and never a third time.
  await post(`/api/v1/sistem48/reports/${caseId}/response`, { status: 'resolved', plannedResolutionAt: new Date(Date.now() + DAY).toISOString() });
  const rounds = await h.ctx.db.selectFrom('fix_questions').select('round').where('case_id', '=', caseId).orderBy('round').execute();
  assert.deepEqual(
    rounds.map((r) => r.round),
    [1, 2],
  );
});

test('a reply by SMS to a case waiting for the citizen lands on it as an unread update and resumes its paused clock', async () => {
  const dest = '381645550202';
  const { number, caseId } = await fileReport('064 555 0202');
  const waiting = await post(`/api/v1/sistem48/reports/${caseId}/response`, {
    status: 'incomplete',
    plannedResolutionAt: new Date(Date.now() + 5 * DAY).toISOString(),
    note: 'Pošaljite tačnu adresu.',
  });
  assert.equal(waiting.statusCode, 200, waiting.body);
  await h.smsc.waitFor((m) => m.destination === dest && m.text.includes('tačnu adresu'), 5000);
  const paused = await h.ctx.db.selectFrom('cases').select(['paused_at', 'due_at', 'paused_ms']).where('id', '=', caseId).executeTakeFirstOrThrow();
  assert.ok(paused.paused_at, 'waiting for the citizen pauses the clock');

  await h.smsc.injectInbound(dest, SHORT, 'Adresa je Njegoševa 12, ispred pekare.');
  const ack = await h.smsc.waitFor((m) => m.destination === dest && m.text.includes('dodata predmetu'), 8000);
  assert.ok(ack.text.includes(number), ack.text);
  const after = await h.ctx.db
    .selectFrom('cases')
    .select(['status', 'paused_at', 'due_at', 'paused_ms', 'citizen_update_at'])
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
  assert.equal(after.status, 'in_progress');
  assert.equal(after.paused_at, null);
  assert.ok(Number(after.paused_ms) > 0);
  assert.equal(new Date(after.due_at!).getTime(), new Date(paused.due_at!).getTime() + Number(after.paused_ms), 'the deadline moved on by the wait');
  assert.ok(after.citizen_update_at);
  const reply = await h.ctx.db
    .selectFrom('case_events')
    .select(['note', 'visibility'])
    .where('case_id', '=', caseId)
    .where('type', '=', 'case.citizen_reply')
    .executeTakeFirstOrThrow();
  assert.deepEqual(reply, { note: 'Adresa je Njegoševa 12, ispred pekare.', visibility: 'internal' });
  // Not a new report.
  assert.equal((await h.ctx.db.selectFrom('cases').select('id').where('description', 'like', '%Njegoševa 12%').execute()).length, 0);
  // The unit report shows the wait, apart from the deadlines it is not counted in.
  const report = await unitReport(h.ctx, h.m.users.headA!.actor, h.m.units.a.id);
  assert.ok(report.waitingForCitizens.reports >= 1, JSON.stringify(report.waitingForCitizens));
  assert.equal(report.waitingForCitizens.waitingNow, 0);
});

test('a question to the reporter pauses the clock without a status of its own; the SMS reply resumes it', async () => {
  const dest = '381645550303';
  const { number, caseId } = await fileReport('064 555 0303');
  await post(`/api/v1/sistem48/reports/${caseId}/response`, { status: 'in_progress', plannedResolutionAt: new Date(Date.now() + 5 * DAY).toISOString() });
  const asked = await post(`/api/v1/cases/${caseId}/questions`, { text: 'Da li je rupa na kolovozu ili na trotoaru?' });
  assert.equal(asked.statusCode, 201, asked.body);
  const sms = await h.smsc.waitFor((m) => m.destination === dest && m.text.includes('trotoaru'), 5000);
  assert.match(sms.text, /Odgovorite na ovu poruku/);
  const paused = await h.ctx.db.selectFrom('cases').select(['status', 'paused_at', 'due_at']).where('id', '=', caseId).executeTakeFirstOrThrow();
  assert.deepEqual([paused.status, Boolean(paused.paused_at)], ['in_progress', true]);

  await h.smsc.injectInbound(dest, SHORT, 'Na kolovozu, desna traka.');
  await h.smsc.waitFor((m) => m.destination === dest && m.text.includes('dodata predmetu') && m.text.includes(number), 8000);
  const after = await h.ctx.db
    .selectFrom('cases')
    .select(['status', 'paused_at', 'paused_ms', 'due_at', 'citizen_update_at'])
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
  assert.equal(after.status, 'in_progress');
  assert.equal(after.paused_at, null);
  assert.equal(new Date(after.due_at!).getTime(), new Date(paused.due_at!).getTime() + Number(after.paused_ms));
  assert.ok(after.citizen_update_at);
});

test('the e-mail link answers with a rating and a comment; nobody whose consent is withdrawn is asked', async () => {
  const { caseId, number } = await fileReport(null, 'mara.maric@example.org');
  await post(`/api/v1/sistem48/reports/${caseId}/response`, { status: 'resolved', plannedResolutionAt: new Date(Date.now() + DAY).toISOString() });
  const q = await h.ctx.db.selectFrom('fix_questions').selectAll().where('case_id', '=', caseId).executeTakeFirstOrThrow();
  const at = new Date(q.ask_at);
  // Scheduling again for the same resolution (another room's writer, e.g. followers) adds nobody twice.
  const again0 = await h.ctx.db.transaction().execute((tx) => scheduleFixQuestions(tx, h.ctx, { caseId, resolvedAt: new Date(q.resolved_at) }));
  assert.equal(again0, 0);
  // Not asked yet: the link answers nothing.
  assert.equal((await h.app.inject({ method: 'GET', url: `/api/v1/sistem48/public/fix/${q.token}` })).statusCode, 404);
  assert.equal(await askFixQuestion({ ...h.ctx, now: () => at }, { questionId: q.id }), 'asked');
  // Asked by e-mail, with the link to the answer page at the public address.
  const mail = await h.smtp.waitFor(
    (m) => m.to.includes('mara.maric@example.org') && (m.subject ?? '').includes(number) && /otklonjen/.test(m.subject ?? ''),
    5000,
  );
  assert.ok((mail.text ?? '').includes(`https://glas.test/problems/fix/${q.token}`), mail.text ?? '');
  const page = await h.app.inject({ method: 'GET', url: `/api/v1/sistem48/public/fix/${q.token}` });
  assert.equal(page.statusCode, 200, page.body);
  assert.equal(page.json().answer, null);
  const yes = await h.app.inject({ method: 'POST', url: `/api/v1/sistem48/public/fix/${q.token}`, payload: { answer: 'fixed', via: 'email' } });
  assert.deepEqual([yes.statusCode, yes.json().outcome, yes.json().reopened], [200, 'answered', false]);
  const rated = await h.app.inject({ method: 'POST', url: `/api/v1/sistem48/public/fix/${q.token}`, payload: { rating: 5, comment: 'Brzo i dobro.' } });
  assert.equal(rated.json().outcome, 'rated');
  // A second answer does not change the first.
  const again = await h.app.inject({ method: 'POST', url: `/api/v1/sistem48/public/fix/${q.token}`, payload: { answer: 'not_fixed' } });
  assert.equal(again.json().answer, 'fixed');
  const row = await h.ctx.db.selectFrom('fix_questions').selectAll().where('id', '=', q.id).executeTakeFirstOrThrow();
  assert.deepEqual([row.answer, row.rating, row.comment, row.answered_via], ['fixed', 5, 'Brzo i dobro.', 'email']);
  assert.equal((await h.ctx.db.selectFrom('cases').select('status').where('id', '=', caseId).executeTakeFirstOrThrow()).status, 'resolved');
  assert.equal((await h.app.inject({ method: 'POST', url: `/api/v1/sistem48/public/fix/${'x'.repeat(24)}`, payload: { answer: 'fixed' } })).statusCode, 404);

  // Consent withdrawn: the question is recorded as skipped and nothing is sent.
  const other = await fileReport('064 555 0505');
  const partyId = (await h.ctx.db.selectFrom('case_parties').select('party_id').where('case_id', '=', other.caseId).executeTakeFirstOrThrow()).party_id;
  const registry = await h.login('registry');
  const withdrawn = await h.call({
    method: 'POST',
    url: `/api/v1/parties/${partyId}/consents`,
    as: registry,
    payload: { channel: 'sms', action: 'withdrawn', method: 'written_application' },
  });
  assert.equal(withdrawn.statusCode, 201, withdrawn.body);
  await post(`/api/v1/sistem48/reports/${other.caseId}/response`, { status: 'resolved', plannedResolutionAt: new Date(Date.now() + DAY).toISOString() });
  const q2 = await h.ctx.db.selectFrom('fix_questions').selectAll().where('case_id', '=', other.caseId).executeTakeFirstOrThrow();
  assert.equal(await askFixQuestion({ ...h.ctx, now: () => new Date(q2.ask_at) }, { questionId: q2.id }), 'skipped');
  const skipped = await h.ctx.db.selectFrom('fix_questions').select(['skipped', 'asked_at']).where('id', '=', q2.id).executeTakeFirstOrThrow();
  assert.deepEqual(skipped, { skipped: 'not_reachable', asked_at: null });
  assert.equal(h.smsc.received().filter((m) => m.destination === '381645550505' && /DA ili NE/.test(m.text)).length, 0);
});

test("from the portal a citizen adds a comment and a photo to their own report (unread for staff, the paused clock resumes); not to anyone else's", async () => {
  const { number, caseId } = await fileReport('064 555 0707');
  await post(`/api/v1/sistem48/reports/${caseId}/response`, {
    status: 'incomplete',
    plannedResolutionAt: new Date(Date.now() + 5 * DAY).toISOString(),
    note: 'Pošaljite fotografiju.',
  });
  const other = await fileReport('064 555 0808');

  await h.call({ method: 'POST', url: '/api/v1/portal/codes', payload: { phone: '064 555 0707', name: 'Mara Marić' } });
  const sms = await h.smsc.waitFor((m) => m.destination === '381645550707' && /\b\d{6}\b/.test(m.text) && !m.text.includes(number), 5000);
  const signedIn = await h.call({ method: 'POST', url: '/api/v1/portal/sessions', payload: { phone: '064 555 0707', code: sixDigits(sms.text) } });
  assert.equal(signedIn.statusCode, 200, signedIn.body);
  const citizen = sessionOf(signedIn);

  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
  const body = multipart({ text: 'Evo fotografije, rupa je kod broja 12.' }, [{ name: 'file', filename: 'rupa.png', type: 'image/png', data: png }]);
  const sent = await h.call({ method: 'POST', url: `/api/v1/portal/cases/${caseId}/replies`, as: citizen, ...body });
  assert.equal(sent.statusCode, 201, sent.body);
  assert.deepEqual([sent.json().number, sent.json().resumed], [number, true]);
  const c = await h.ctx.db.selectFrom('cases').select(['status', 'paused_at', 'citizen_update_at']).where('id', '=', caseId).executeTakeFirstOrThrow();
  assert.deepEqual([c.status, c.paused_at, Boolean(c.citizen_update_at)], ['in_progress', null, true]);
  const docs = await h.ctx.db.selectFrom('documents').select(['filename', 'visibility']).where('case_id', '=', caseId).execute();
  assert.deepEqual(docs, [{ filename: 'rupa.png', visibility: 'internal' }]);
  const reply = await h.ctx.db
    .selectFrom('case_events')
    .select(['note', 'data'])
    .where('case_id', '=', caseId)
    .where('type', '=', 'case.citizen_reply')
    .executeTakeFirstOrThrow();
  assert.equal(reply.note, 'Evo fotografije, rupa je kod broja 12.');
  assert.equal((reply.data as { documentIds: string[] }).documentIds.length, 1);

  // Someone else's report is not found; an empty reply is refused with a reason.
  const foreign = await h.call({ method: 'POST', url: `/api/v1/portal/cases/${other.caseId}/replies`, as: citizen, ...multipart({ text: 'x' }) });
  assert.equal(foreign.statusCode, 404);
  const empty = await h.call({ method: 'POST', url: `/api/v1/portal/cases/${caseId}/replies`, as: citizen, ...multipart({ text: ' ' }) });
  assert.equal(empty.statusCode, 400, empty.body);
  assert.equal((await h.call({ method: 'GET', url: '/api/v1/portal/fix-questions', as: citizen })).json().items.length, 0);
});

test('the administrator sets the days per category: 3 days asks 3 days after resolution, 0 never asks', async () => {
  const admin = await h.login('admin');
  const potholeId = h.s48.cat.pothole.id;
  const setDays = async (days: number | null) => {
    const r = await h.call({ method: 'PATCH', url: `/api/v1/sistem48/categories/${potholeId}`, as: admin, payload: { fixQuestionDays: days } });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().fix_question_days, days);
  };
  const resolve = async (phone: string) => {
    const { caseId } = await fileReport(phone);
    await post(`/api/v1/sistem48/reports/${caseId}/response`, { status: 'resolved', plannedResolutionAt: new Date(Date.now() + DAY).toISOString() });
    return caseId;
  };
  try {
    await setDays(3);
    const three = await resolve('064 555 0909');
    const q = await h.ctx.db.selectFrom('fix_questions').select(['ask_at', 'resolved_at']).where('case_id', '=', three).executeTakeFirstOrThrow();
    assert.equal(new Date(q.ask_at).getTime() - new Date(q.resolved_at).getTime(), 3 * DAY);
    await setDays(0);
    const never = await resolve('064 555 1010');
    assert.equal((await h.ctx.db.selectFrom('fix_questions').select('id').where('case_id', '=', never).execute()).length, 0);
    const refused = await h.call({ method: 'PATCH', url: `/api/v1/sistem48/categories/${potholeId}`, as: admin, payload: { fixQuestionDays: 400 } });
    assert.equal(refused.statusCode, 400);
  } finally {
    await setDays(null);
  }
});
