/**
 * "Is it fixed?" for the followers of a public report, over real peers (SMS centre, SMTP sink; issue 14):
 * every proven follower who asked for the updates is asked on the contact they proved (a supporter
 * only, or one who stopped, is not); a follower's "NE" by SMS reopens the report through the same
 * guarded move (the public timeline says a follower said so) and is never filed as a new report; the
 * figures count one answer per resolution: the one that reopened the report, else the reporter's,
 * else a follower's.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sixDigits, startCitizenHarness, type CitizenHarness } from '../citizens/harness.ts';
import type { Session } from '../helpers/app.ts';
import { CENTRE } from './helpers.ts';
import { askFixQuestion } from '../../src/sistem48/commands/ask-fix-question.ts';
import { scheduleFixQuestions } from '../../src/sistem48/commands/schedule-fix-questions.ts';
import { verdictsBetween } from '../../src/reports/repositories/verdict-repository.ts';
import { citizenVerdicts } from '../../src/reports/domain/verdicts.ts';

const DAY = 86_400_000;
const SHORT = '1800';
let h: CitizenHarness;
let clerk: Session;

before(async () => {
  h = await startCitizenHarness();
  clerk = await h.login('clerkA');
});
after(async () => {
  await h.close();
});

async function fileReport(phone: string) {
  const r = await h.app.inject({
    method: 'POST',
    url: '/api/v1/sistem48/public/reports',
    headers: { 'accept-language': 'sr-Latn' },
    payload: {
      category: 'pothole',
      lat: CENTRE.lat,
      lon: CENTRE.lon,
      description: 'Rupa kod pošte',
      contact: { name: 'Pera Perić', phone, consent: true, locale: 'sr-Latn' },
    },
  });
  assert.equal(r.statusCode, 201, r.body);
  const number: string = r.json().number;
  const row = await h.ctx.db
    .selectFrom('cases')
    .innerJoin('problem_reports', 'problem_reports.case_id', 'cases.id')
    .select(['cases.id', 'problem_reports.report_no'])
    .where('cases.number', '=', number)
    .executeTakeFirstOrThrow();
  return { number, caseId: row.id, reportNo: row.report_no };
}

/** Follows (or only supports) the report through the public API, proving the contact with the code it received. */
async function follow(reportNo: string, contact: { phone: string; dest: string } | { email: string }, what: { updates: boolean; support: boolean }) {
  const c = 'phone' in contact ? { phone: contact.phone } : { email: contact.email };
  const asked = await h.app.inject({
    method: 'POST',
    url: `/api/v1/sistem48/public/reports/${reportNo}/followers`,
    payload: { ...c, ...what, locale: 'sr-Latn' },
  });
  assert.equal(asked.statusCode, 202, asked.body);
  const code =
    'phone' in contact
      ? sixDigits((await h.smsc.waitFor((m) => m.destination === contact.dest && /kod za praćenje/.test(m.text), 5000)).text)
      : sixDigits((await h.smtp.waitFor((m) => m.to.includes(contact.email) && /\b\d{6}\b/.test(m.text ?? ''), 5000)).text ?? '');
  const confirmed = await h.app.inject({ method: 'POST', url: `/api/v1/sistem48/public/reports/${reportNo}/followers/confirm`, payload: { ...c, code } });
  assert.ok(confirmed.statusCode < 300, confirmed.body);
}

const resolve = (caseId: string) =>
  h.call({
    method: 'POST',
    url: `/api/v1/sistem48/reports/${caseId}/response`,
    as: clerk,
    payload: { status: 'resolved', plannedResolutionAt: new Date(Date.now() + DAY).toISOString() },
  });

async function questionsOf(caseId: string) {
  return h.ctx.db
    .selectFrom('fix_questions')
    .leftJoin('report_followers', 'report_followers.id', 'fix_questions.follower_id')
    .select([
      'fix_questions.id',
      'fix_questions.party_id',
      'fix_questions.follower_id',
      'fix_questions.token',
      'fix_questions.ask_at',
      'report_followers.address',
    ])
    .where('fix_questions.case_id', '=', caseId)
    .execute();
}
const countCases = async () =>
  Number(
    (
      await h.ctx.db
        .selectFrom('cases')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

test("every proven follower is asked on their channel; a follower's NE reopens the report; the figures count one answer per resolution", async () => {
  const reporter = '381645550811';
  const one = await fileReport('064 555 0811');
  await follow(one.reportNo, { phone: '064 555 0812', dest: '381645550812' }, { updates: true, support: true });
  await follow(one.reportNo, { email: 'pratilac@example.org' }, { updates: true, support: false });
  // Only "me too": not told of updates, so not asked either.
  await follow(one.reportNo, { phone: '064 555 0813', dest: '381645550813' }, { updates: false, support: true });
  // Followed, then stopped: not asked.
  await follow(one.reportNo, { phone: '064 555 0814', dest: '381645550814' }, { updates: true, support: false });
  const stopToken = (await h.ctx.db.selectFrom('report_followers').select('stop_token').where('address', '=', '+381645550814').executeTakeFirstOrThrow())
    .stop_token;
  assert.equal((await h.app.inject({ method: 'POST', url: '/api/v1/sistem48/public/followers/stop', payload: { token: stopToken } })).statusCode < 300, true);
  // The reporter following their own report is asked once, as the reporter.
  await follow(one.reportNo, { phone: '064 555 0811', dest: reporter }, { updates: true, support: false });

  assert.equal((await resolve(one.caseId)).statusCode, 200);
  const qs = await questionsOf(one.caseId);
  assert.equal(qs.filter((q) => q.party_id).length, 1, 'the reporter');
  assert.deepEqual(
    qs
      .filter((q) => q.follower_id)
      .map((q) => q.address)
      .sort(),
    ['+381645550812', 'pratilac@example.org'],
  );
  // Scheduling again for the same resolution adds nobody.
  assert.equal(
    await h.ctx.db
      .transaction()
      .execute((tx) => scheduleFixQuestions(tx, h.ctx, { caseId: one.caseId, resolvedAt: new Date(qs[0]!.ask_at.getTime() - 14 * DAY) })),
    0,
  );

  for (const q of qs) assert.equal(await askFixQuestion({ ...h.ctx, now: () => new Date(q.ask_at) }, { questionId: q.id }), 'asked');
  const smsQ = await h.smsc.waitFor((m) => m.destination === '381645550812' && /DA ili NE/.test(m.text), 5000);
  assert.ok(smsQ.text.includes(one.number), smsQ.text);
  const emailQ = qs.find((q) => q.address === 'pratilac@example.org')!;
  const mail = await h.smtp.waitFor((m) => m.to.includes('pratilac@example.org') && /otklonjen/.test(m.subject ?? ''), 5000);
  assert.ok((mail.text ?? '').includes(`/problems/fix/${emailQ.token}`), mail.text ?? '');
  assert.match(mail.text ?? '', /koju pratite/);
  await h.smsc.waitFor((m) => m.destination === reporter && /DA ili NE/.test(m.text), 5000);
  assert.equal(h.smsc.received().filter((m) => ['381645550813', '381645550814'].includes(m.destination) && /DA ili NE/.test(m.text)).length, 0);

  // The follower answers NE by SMS: the report is open again, and no new report is filed from the text.
  const cases = await countCases();
  await h.smsc.injectInbound('381645550812', SHORT, 'NE 3 i dalje je rupa');
  await h.smsc.waitFor((m) => m.destination === '381645550812' && m.text.includes(one.number) && /U obradi/.test(m.text), 8000);
  const c = await h.ctx.db.selectFrom('cases').select(['status', 'closed_at']).where('id', '=', one.caseId).executeTakeFirstOrThrow();
  assert.deepEqual([c.status, c.closed_at], ['in_progress', null]);
  assert.equal(await countCases(), cases, 'the answer is not a new report');
  const fq = await h.ctx.db
    .selectFrom('fix_questions')
    .select(['answer', 'rating', 'reopened', 'answered_via'])
    .where('id', '=', qs.find((q) => q.address === '+381645550812')!.id)
    .executeTakeFirstOrThrow();
  assert.deepEqual(fq, { answer: 'not_fixed', rating: 3, reopened: true, answered_via: 'sms' });
  const page = await h.app.inject({ method: 'GET', url: `/api/v1/sistem48/public/reports/${one.reportNo}`, headers: { 'accept-language': 'sr-Latn' } });
  const labels = (page.json() as { timeline: { label: string }[] }).timeline.map((e) => e.label);
  assert.ok(labels.includes('Ponovo otvorena: građanin koji prati prijavu javlja da problem nije otklonjen'), labels.join(' | '));
  assert.ok(!page.body.includes('i dalje je rupa'), 'the comment stays with staff');

  // The reporter says "fixed" after that, and the e-mail follower rates it: kept, but the reopening is what is counted.
  await h.smsc.injectInbound(reporter, SHORT, 'DA 5');
  await h.smsc.waitFor((m) => m.destination === reporter && /Hvala/.test(m.text), 8000);
  const link = await h.app.inject({ method: 'POST', url: `/api/v1/sistem48/public/fix/${emailQ.token}`, payload: { answer: 'fixed', rating: 1 } });
  assert.equal(link.json().outcome, 'answered');

  // A second report: its reporter says "fixed" with 4, its follower "fixed" with 2 first; the reporter's answer counts.
  const two = await fileReport('064 555 0821');
  await follow(two.reportNo, { phone: '064 555 0822', dest: '381645550822' }, { updates: true, support: false });
  await resolve(two.caseId);
  const qs2 = await questionsOf(two.caseId);
  assert.equal(qs2.length, 2);
  for (const q of qs2) assert.equal(await askFixQuestion({ ...h.ctx, now: () => new Date(q.ask_at) }, { questionId: q.id }), 'asked');
  const f2 = qs2.find((q) => q.follower_id)!;
  const r2 = qs2.find((q) => q.party_id)!;
  assert.equal(
    (await h.app.inject({ method: 'POST', url: `/api/v1/sistem48/public/fix/${f2.token}`, payload: { answer: 'fixed', rating: 2 } })).statusCode,
    200,
  );
  assert.equal(
    (await h.app.inject({ method: 'POST', url: `/api/v1/sistem48/public/fix/${r2.token}`, payload: { answer: 'fixed', rating: 4 } })).statusCode,
    200,
  );

  // A third: only the follower answers, so theirs counts.
  const three = await fileReport('064 555 0831');
  await follow(three.reportNo, { email: 'treci@example.org' }, { updates: true, support: false });
  await resolve(three.caseId);
  const qs3 = await questionsOf(three.caseId);
  for (const q of qs3) await askFixQuestion({ ...h.ctx, now: () => new Date(q.ask_at) }, { questionId: q.id });
  const f3 = qs3.find((q) => q.follower_id)!;
  assert.equal(
    (await h.app.inject({ method: 'POST', url: `/api/v1/sistem48/public/fix/${f3.token}`, payload: { answer: 'fixed', rating: 5 } })).statusCode,
    200,
  );

  // The figures of the period of the answers (the weekly overview and the unit reports read the same rows).
  const answered = (await h.ctx.db.selectFrom('fix_questions').select('answered_at').where('answered_at', 'is not', null).execute()).map((a) =>
    new Date(a.answered_at!).getTime(),
  );
  const rows = await verdictsBetween(h.ctx.db, { from: new Date(Math.min(...answered)), to: new Date(Math.max(...answered) + 1), unitIds: null });
  const v = citizenVerdicts(rows, new Map(), new Map());
  // One answer per resolution: report one's reopening (3), report two's reporter (4), report three's follower (5).
  assert.deepEqual([v.answered, v.fixed, v.notFixed, v.reopened, v.closedNotFixed, v.averageRating], [3, 2, 1, 1, 0, 4]);
});
