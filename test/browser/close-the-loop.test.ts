/**
 * Closing the loop with the citizen in a real browser over the real SMS centre (issue 14, "Done when"):
 * a report is filed; the case officer answers it in the report panel with a note (one SMS with the
 * note and one deadline) and resolves it with a field result; "is it fixed?" is asked by SMS when its
 * job's time comes; the reporter answers "NE"; the report is open again in the unit's work queue with
 * a new deadline and an unread mark, the reporter is told, and the published weekly overview counts
 * one reopening. Then the officer asks the reporter for more (incomplete: the clock pauses), the
 * reporter replies by SMS, and the reply lands on the case as an unread update and resumes the clock.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { newPage, signIn } from './harness.ts';
import { startNotifyingBrowserApp, type NotifyingBrowserApp } from './notify-harness.ts';
import { CENTRE, seedSistem48 } from '../sistem48/helpers.ts';
import { citizensModule } from '../../src/citizens/module.ts';
import { askFixQuestion } from '../../src/sistem48/commands/ask-fix-question.ts';
import { publishWeeklyOverview } from '../../src/reports/commands/publish-weekly-overview.ts';
import { formatIsoWeek, isoWeekOfDate, weekPeriod } from '../../src/reports/domain/calendar.ts';
import { formatDate } from '../../src/notifications/domain/render.ts';
import { localDate } from '../../src/kernel/time.ts';
import { SYSTEM_ACTOR } from '../../src/kernel/types.ts';

const PHONE = '381645557070';
const SHORT = '1800';
let b: NotifyingBrowserApp;
before(async () => {
  b = await startNotifyingBrowserApp();
  await seedSistem48(b.db.ctx, b.m);
  await citizensModule.start!(b.db.ctx);
});
after(async () => {
  await citizensModule.stop?.();
  await b?.close();
});

/** A local day some days from now, as the date input takes it (the browser and Glas share the machine's clock). */
const isoDay = (daysFromNow: number) => {
  const d = new Date(Date.now() + daysFromNow * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
const DATE = /\d{1,2}\.\d{1,2}\.\d{4}/g;
const smsWith = (re: RegExp) => b.smsc.waitFor((m) => m.destination === PHONE && re.test(m.text), 8000);

async function caseRow(caseId: string) {
  return b.db.ctx.db
    .selectFrom('cases')
    .innerJoin('problem_reports', 'problem_reports.case_id', 'cases.id')
    .select([
      'cases.status',
      'cases.paused_at',
      'cases.paused_ms',
      'cases.citizen_update_at',
      'problem_reports.planned_resolution_at',
      'problem_reports.first_response_due_at',
    ])
    .where('cases.id', '=', caseId)
    .executeTakeFirstOrThrow();
}

async function openFromQueue(page: Page, number: string, bucket: string) {
  await page.goto(`${b.base}/work-queue?unit=${b.m.units.a.id}&bucket=${bucket}`);
  const row = page
    .getByTestId('work-queue')
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name: number }) });
  await row.waitFor();
  return row;
}

async function respond(page: Page, status: string, day: number, note: string) {
  const panel = page.getByTestId('s48-panel');
  await panel.waitFor();
  await page.getByLabel('Status', { exact: true }).last().selectOption({ label: status });
  await page.getByLabel('Planned resolution date').fill(isoDay(day));
  await page.locator('#s48-response-note').fill(note);
  await panel.getByRole('button', { name: 'Send the response' }).click();
  await page.getByTestId('s48-notice-s48-response').filter({ hasText: 'The response is sent to the citizen.' }).waitFor();
}

test('answered with a note, resolved, "NE" by SMS reopens the report in its unit with a new deadline; a reply by SMS lands as unread and resumes a paused clock', async () => {
  const filed = await b.app.inject({
    method: 'POST',
    url: '/api/v1/sistem48/public/reports',
    headers: { 'accept-language': 'sr-Latn' },
    payload: {
      category: 'pothole',
      ...CENTRE,
      description: 'Rupa ispred škole',
      contact: { name: 'Vesna Vesić', phone: '064 555 7070', consent: true, locale: 'sr-Latn' },
    },
  });
  assert.equal(filed.statusCode, 201, filed.body);
  const number: string = filed.json().number;
  const caseId = (await b.db.ctx.db.selectFrom('cases').select('id').where('number', '=', number).executeTakeFirstOrThrow()).id;
  await smsWith(new RegExp(number.replace(/[/]/g, '\\/')));

  const { context, page } = await newPage(b);
  try {
    await signIn(page, b.base, 'clerkA');
    const fresh = await openFromQueue(page, number, 'new');
    await fresh.getByRole('link', { name: number }).click();
    await respond(page, 'In progress', 3, 'Ekipa izlazi u četvrtak.');
    // One SMS: the status, the note and one deadline (the planned date), not three messages with two dates.
    const answer = await smsWith(/Ekipa izlazi/);
    const planned = new Date((await caseRow(caseId)).planned_resolution_at!);
    assert.deepEqual(answer.text.match(DATE), [formatDate(planned, 'sr-Latn', b.db.ctx.config.timezone)], answer.text);
    const sentForAnswer = await b.db.ctx.db
      .selectFrom('notification_messages')
      .select('kind')
      .where('case_id', '=', caseId)
      .where('kind', 'not in', ['registered', 'delivered'])
      .execute();
    assert.deepEqual(
      sentForAnswer.map((m) => m.kind),
      ['response_given'],
    );

    // Resolved with the field result: the citizen reads what was done.
    await page.locator('#s48-field-note').fill('Rupa je zakrpljena asfaltom.');
    await page.getByLabel('This resolves the report').check();
    await page.getByTestId('s48-panel').getByRole('button', { name: 'Record the result' }).click();
    await page.getByTestId('s48-notice-s48-field').waitFor();
    await smsWith(/zakrpljena/);

    // The fix question's job comes due (its run_at is the resolution plus the category's days).
    const q = await b.db.ctx.db.selectFrom('fix_questions').select(['id', 'ask_at']).where('case_id', '=', caseId).executeTakeFirstOrThrow();
    assert.equal(await askFixQuestion({ ...b.db.ctx, now: () => new Date(q.ask_at) }, { questionId: q.id }), 'asked');
    await smsWith(/DA ili NE/);
    await b.smsc.injectInbound(PHONE, SHORT, 'NE');
    const told = await smsWith(/ponovo otvorena/);
    const reopened = await caseRow(caseId);
    assert.equal(reopened.status, 'in_progress');
    assert.ok(told.text.includes(formatDate(new Date(reopened.first_response_due_at), 'sr-Latn', b.db.ctx.config.timezone)), told.text);

    // Back in the unit's work queue, marked as new from the citizen, with its new first-response deadline.
    const again = await openFromQueue(page, number, 'in_progress');
    await again.getByTestId('unread-update').waitFor();
    await again.getByText('In progress').waitFor();

    // The published weekly overview counts the reopening for the unit.
    const answeredAt = (await b.db.ctx.db.selectFrom('fix_questions').select('answered_at').where('id', '=', q.id).executeTakeFirstOrThrow()).answered_at!;
    const week = isoWeekOfDate(localDate(new Date(answeredAt), b.db.ctx.config.timezone));
    const { end } = weekPeriod(week, b.db.ctx.config.timezone);
    await publishWeeklyOverview({ ...b.db.ctx, now: () => new Date(end.getTime() + 3_600_000) }, SYSTEM_ACTOR, week);
    await page.goto(`${b.base}/reports/weekly/${formatIsoWeek(week)}?lang=en`);
    const verdicts = page.locator('section[aria-labelledby="s-verdicts"]');
    await verdicts.waitFor();
    assert.match((await verdicts.locator('p').first().textContent())!, /Reopened: 1|reopened: 1/);
    const unitRow = verdicts.getByRole('row').filter({ hasText: 'Odeljenje A' });
    assert.deepEqual((await unitRow.locator('td').allTextContents()).slice(0, 3), ['1', '0', '1']);

    // Opening the case reads the update; then the officer asks for more: the clock pauses.
    await (await openFromQueue(page, number, 'in_progress')).getByRole('link', { name: number }).click();
    await respond(page, 'Incomplete – more information needed', 4, 'Pošaljite tačnu adresu.');
    await smsWith(/tačnu adresu/);
    const paused = await caseRow(caseId);
    assert.equal(paused.status, 'incomplete');
    assert.ok(paused.paused_at);
    assert.equal(paused.citizen_update_at, null, 'read when the officer opened the case');

    // The reporter replies by SMS: it lands on the case, unread, and the clock runs again.
    await b.smsc.injectInbound(PHONE, SHORT, 'Njegoševa 12, ispred pekare');
    await smsWith(/dodata predmetu/);
    const resumed = await caseRow(caseId);
    assert.equal(resumed.status, 'in_progress');
    assert.equal(resumed.paused_at, null);
    assert.ok(Number(resumed.paused_ms) > 0);
    // The case list shows it too.
    await page.goto(`${b.base}/cases`);
    await page
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: number }) })
      .getByTestId('unread-update')
      .waitFor();
    const queued = await openFromQueue(page, number, 'in_progress');
    await queued.getByTestId('unread-update').waitFor();
    await queued.getByRole('link', { name: number }).click();
    await page.locator('[data-type="case.citizen_reply"]').filter({ hasText: 'Njegoševa 12' }).waitFor();

    // A question from the case page pauses the clock without a status of its own, and the reporter is asked by SMS.
    await page.locator('#note-text').fill('Da li je rupa na kolovozu ili na trotoaru?');
    await page.locator('input[name="note-visibility"][value="public"]').check();
    await page.getByRole('checkbox', { name: 'This is a question for the citizen: the clock waits for the reply' }).check();
    await page.getByRole('button', { name: 'Send the question' }).click();
    await smsWith(/trotoaru/);
    const asked = await caseRow(caseId);
    assert.deepEqual([asked.status, Boolean(asked.paused_at)], ['in_progress', true]);
  } finally {
    await context.close();
  }
});
