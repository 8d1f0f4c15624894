/**
 * Closing the loop by e-mail in a real browser over the real mail sink (issue 14, "Done when"): a report
 * filed with an e-mail address is resolved; "is it fixed?" goes out as an e-mail with a one-click link
 * at the public address; the reporter opens the answer page (/problems/fix/:token), answers "not
 * fixed", rates the work 2 with a comment; the report is open again in its unit with a new answer
 * deadline, the reporter is told by e-mail, the unit's mailbox hears of it and the comment is an
 * internal note for staff; the leadership dashboard shows the reopen rate and the rating.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, signIn } from './harness.ts';
import { startNotifyingBrowserApp, type NotifyingBrowserApp } from './notify-harness.ts';
import { CENTRE, seedSistem48 } from '../sistem48/helpers.ts';
import { PASSWORD } from '../helpers/fixtures.ts';
import { askFixQuestion } from '../../src/sistem48/commands/ask-fix-question.ts';

const EMAIL = 'vesna.vesic@example.org';
const UNIT_MAIL = 'odeljenje-a@opstina.test';
let b: NotifyingBrowserApp;
before(async () => {
  b = await startNotifyingBrowserApp({ smtp: true });
  await seedSistem48(b.db.ctx, b.m);
  await b.db.ctx.db.updateTable('org_units').set({ email: UNIT_MAIL }).where('id', '=', b.m.units.a.id).execute();
});
after(async () => {
  await b?.close();
});

test('the e-mail link answers "not fixed" with a rating and a comment; the report is reopened and the reporter and the unit are told', async () => {
  const smtp = b.smtp!;
  const filed = await b.app.inject({
    method: 'POST',
    url: '/api/v1/sistem48/public/reports',
    headers: { 'accept-language': 'sr-Latn' },
    payload: {
      category: 'pothole',
      ...CENTRE,
      description: 'Rupa ispred ambulante',
      contact: { name: 'Vesna Vesić', email: EMAIL, consent: true, locale: 'sr-Latn' },
    },
  });
  assert.equal(filed.statusCode, 201, filed.body);
  const number: string = filed.json().number;
  const caseId = (await b.db.ctx.db.selectFrom('cases').select('id').where('number', '=', number).executeTakeFirstOrThrow()).id;

  const login = await b.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'clerkA', password: PASSWORD } });
  assert.equal(login.statusCode, 200, login.body);
  const cookie = login.cookies.find((c) => c.name === 'glas_session')!;
  const resolved = await b.app.inject({
    method: 'POST',
    url: `/api/v1/sistem48/reports/${caseId}/response`,
    headers: { cookie: `glas_session=${cookie.value}`, 'x-csrf-token': login.json().csrfToken },
    payload: { status: 'resolved', plannedResolutionAt: new Date(Date.now() + 86_400_000).toISOString(), note: 'Rupa je zakrpljena.' },
  });
  assert.equal(resolved.statusCode, 200, resolved.body);

  // The question's job comes due: an e-mail with the link at the public address.
  const q = await b.db.ctx.db.selectFrom('fix_questions').select(['id', 'ask_at', 'token']).where('case_id', '=', caseId).executeTakeFirstOrThrow();
  assert.equal(await askFixQuestion({ ...b.db.ctx, now: () => new Date(q.ask_at) }, { questionId: q.id }), 'asked');
  const asked = await smtp.waitFor((m) => m.to.includes(EMAIL) && /otklonjen/.test(m.subject ?? ''), 8000);
  const link = /https:\/\/glas\.test(\/problems\/fix\/[A-Za-z0-9_-]+)/.exec(asked.text ?? '')?.[1];
  assert.equal(link, `/problems/fix/${q.token}`, asked.text ?? '');

  const { context, page } = await newPage(b, { locale: 'en' });
  try {
    await page.goto(`${b.base}${link}?lang=en`);
    await page.getByTestId('fix-answer').getByText(number).waitFor();
    await page.getByTestId('fix-no').click();
    await page.getByText('The report has been reopened', { exact: false }).waitFor();
    await page.locator('input[name="rating"][value="2"]').check();
    await page.getByRole('textbox').fill('Rupa je opet tu posle kiše.');
    await page.getByRole('button', { name: 'Send rating' }).click();
    await page.getByTestId('fix-rated').waitFor();

    // Leadership's dashboard (the last 30 days) shows the reopening and the rating, in the headline and per unit.
    await signIn(page, b.base, 'leader');
    await page.waitForURL(/\/dashboard$/);
    await page.getByTestId('dash-headline').waitFor();
    assert.equal(await page.getByTestId('dash-reopen-rate').textContent(), '100%');
    assert.equal(await page.getByTestId('dash-satisfaction').textContent(), '2 out of 5');
    const unitRow = page
      .getByTestId('dash-groups')
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'Odeljenje A' }) });
    assert.deepEqual((await unitRow.locator('td').allTextContents()).slice(-2), ['100%', '2 out of 5']);
  } finally {
    await context.close();
  }

  const answered = await b.db.ctx.db
    .selectFrom('fix_questions')
    .select(['answer', 'rating', 'comment', 'reopened', 'answered_via'])
    .where('id', '=', q.id)
    .executeTakeFirstOrThrow();
  assert.deepEqual(answered, { answer: 'not_fixed', rating: 2, comment: 'Rupa je opet tu posle kiše.', reopened: true, answered_via: 'email' });
  const c = await b.db.ctx.db
    .selectFrom('cases')
    .innerJoin('problem_reports', 'problem_reports.case_id', 'cases.id')
    .select(['cases.status', 'cases.unit_id', 'problem_reports.responded_at', 'problem_reports.first_response_due_at'])
    .where('cases.id', '=', caseId)
    .executeTakeFirstOrThrow();
  assert.deepEqual([c.status, c.unit_id, c.responded_at], ['in_progress', b.m.units.a.id, null]);
  assert.ok(new Date(c.first_response_due_at).getTime() > Date.now(), 'a new answer deadline');
  // The reporter is told of the reopening by e-mail; the unit's mailbox hears of it with the comment.
  await smtp.waitFor((m) => m.to.includes(EMAIL) && m !== asked && (m.text ?? '').includes(number) && /ponovo otvorena/i.test(`${m.subject} ${m.text}`), 8000);
  await smtp.waitFor((m) => m.to.includes(UNIT_MAIL) && (m.subject ?? '').includes(number), 8000);
  // The comment came after the click: staff read it as an internal note on the case, never the public.
  const notes = await b.db.ctx.db
    .selectFrom('case_events')
    .select(['visibility', 'note'])
    .where('case_id', '=', caseId)
    .where('type', '=', 'case.note_added')
    .execute();
  assert.deepEqual(
    notes.map((n) => [n.visibility, n.note]),
    [['internal', 'Rupa je opet tu posle kiše.']],
  );
});
