/**
 * Moderation of what the public reads: a category that asks for review shows its reports (and their
 * updates) as "awaiting review" until a moderator approves or edits them; a moderator edits or redacts
 * the text of a report or an update and hides an update; the public reads the moderated version, staff
 * read both; every change is in the case history (who, why) and the audit log.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, type Harness } from '../notifications/harness.ts';
import type { Session } from '../helpers/app.ts';
import { t } from '../../src/i18n/index.ts';
import { form, seedSistem48, type Sistem48Fixture } from './helpers.ts';

let h: Harness;
let s: Sistem48Fixture;
let registry: Session;
let clerkB: Session;
let admin: Session;

before(async () => {
  h = await startHarness();
  s = await seedSistem48(h.ctx, h.m);
  [registry, clerkB, admin] = await Promise.all([h.login('registry'), h.login('clerkB'), h.login('admin')]);
});
after(async () => {
  await h.close();
});

const TYPED = 'Smeće se ne odnosi nedeljama ispred zgrade.\n\nDragana Kovač';
const UPDATE = 'I dalje stoji, a komšija Petar Perić baca još. Dragana';

async function caseIdOf(reportNo: string) {
  return (
    await h.ctx.db
      .selectFrom('problem_reports')
      .select('case_id')
      .where('report_no', '=', reportNo as never)
      .executeTakeFirstOrThrow()
  ).case_id;
}
const publicReport = async (id: string) => (await h.call({ method: 'GET', url: `/api/v1/sistem48/public/reports/${id}` })).json();
const open311Updates = async (since: string) =>
  (await h.call({ method: 'GET', url: `/open311/v2/servicerequestupdates.json?start_date=${since}&end_date=${new Date(Date.now() + 60_000).toISOString()}` }))
    .body;

test('a category that asks for review shows its report and updates as awaiting review until a moderator edits it; staff read both, the history says who and why', async () => {
  const since = new Date(Date.now() - 60_000).toISOString();
  const cat = await h.call({ method: 'PATCH', url: `/api/v1/sistem48/categories/${s.cat.garbage.id}`, as: admin, payload: { reviewRequired: true } });
  assert.equal(cat.statusCode, 200, cat.body);

  const filed = await h.call({
    method: 'POST',
    url: '/api/v1/sistem48/public/reports',
    headers: { 'accept-language': 'sr-Latn' },
    payload: {
      category: 'garbage',
      address: 'Pijačna 3',
      description: TYPED,
      contact: { name: 'Dragana Kovač', phone: '064 555 8811', consent: true, locale: 'sr-Latn' },
    },
  });
  assert.equal(filed.statusCode, 201, filed.body);
  const id = filed.json().id as string;
  const caseId = await caseIdOf(id);

  const waiting = await publicReport(id);
  assert.equal(waiting.awaitingReview, true);
  assert.equal(waiting.description, '');
  const list = await h.call({ method: 'GET', url: '/api/v1/sistem48/public/reports?category=garbage' });
  const open311 = await h.call({ method: 'GET', url: `/open311/v2/requests/${id}.json?extensions=true` });
  for (const [name, body] of [
    ['list', list.body],
    ['open311', open311.body],
  ] as const)
    assert.ok(!body.includes('Dragana') && !body.includes('nedeljama'), `${name}: ${body}`);
  assert.equal(open311.json()[0].extended_attributes.awaiting_review, true);

  // An update to it waits too, and is not relayed to the reporter's phone before review.
  const upd = await h.call({
    method: 'POST',
    url: '/open311/v2/servicerequestupdates.json',
    ...form({ api_key: s.apiKey, service_request_id: id, update_id: 'mod-1', description: UPDATE }),
  });
  assert.equal(upd.statusCode, 200, upd.body);
  const updateId = upd.json()[0].update_id as string;
  const pendingUpdate = (await publicReport(id)).timeline.find((i: { type: string }) => i.type === 'case.note_added');
  assert.deepEqual([pendingUpdate.note, pendingUpdate.awaitingReview], [null, true]);
  assert.ok(!(await open311Updates(since)).includes('Petar'));
  const relayed = await h.eventually(
    async () => h.ctx.db.selectFrom('notification_messages').select('body').where('case_id', '=', caseId).where('kind', '=', 'note_added').executeTakeFirst(),
    10_000,
    'the message about the update',
  );
  assert.ok(!relayed.body.includes('Petar') && !relayed.body.includes('I dalje'), relayed.body);

  // A case officer of the unit may work on the report but not moderate it; an administrator does not read it.
  const edit = { action: 'edit', text: 'Smeće se ne odnosi nedeljama ispred zgrade.', reason: 'ime i prezime podnosioca' };
  assert.equal((await h.call({ method: 'POST', url: `/api/v1/sistem48/reports/${caseId}/moderation`, as: clerkB, payload: edit })).statusCode, 403);
  assert.equal((await h.call({ method: 'POST', url: `/api/v1/sistem48/reports/${caseId}/moderation`, as: admin, payload: edit })).statusCode, 404);
  // No reason: a 400 in the moderator's language, naming the field.
  const noReason = await h.call({
    method: 'POST',
    url: `/api/v1/sistem48/reports/${caseId}/moderation`,
    as: registry,
    headers: { 'accept-language': 'en' },
    payload: { action: 'edit', text: 'x' },
  });
  assert.equal(noReason.statusCode, 400, noReason.body);
  assert.equal(noReason.json().error.details.field, 'reason');
  assert.ok(noReason.json().error.message.includes(t('en', 'sistem48.err_moderation_reason')), noReason.body);

  const edited = await h.call({ method: 'POST', url: `/api/v1/sistem48/reports/${caseId}/moderation`, as: registry, payload: edit });
  assert.equal(edited.statusCode, 200, edited.body);
  const published = await publicReport(id);
  assert.deepEqual([published.awaitingReview, published.moderated, published.description], [false, true, 'Smeće se ne odnosi nedeljama ispred zgrade.']);
  // Publishing the report published the update that waited with it (masked like any other: the reporter's own name too).
  assert.equal(published.timeline.find((i: { type: string }) => i.type === 'case.note_added').note, 'I dalje stoji, a komšija Petar Perić baca još. ***');

  // The update: edited, then hidden.
  const updUrl = `/api/v1/sistem48/reports/${caseId}/updates/${updateId}/moderation`;
  const redacted = await h.call({
    method: 'POST',
    url: updUrl,
    as: registry,
    payload: { action: 'edit', text: 'I dalje stoji.', reason: 'imena trećih lica' },
  });
  assert.equal(redacted.statusCode, 200, redacted.body);
  assert.equal((await publicReport(id)).timeline.find((i: { type: string }) => i.type === 'case.note_added').note, 'I dalje stoji.');
  assert.ok((await open311Updates(since)).includes('I dalje stoji.'));
  assert.ok(!(await open311Updates(since)).includes('Petar'));
  const hidden = await h.call({ method: 'POST', url: updUrl, as: registry, payload: { action: 'hide', reason: 'uvredljivo' } });
  assert.equal(hidden.statusCode, 200, hidden.body);
  assert.ok(!(await publicReport(id)).timeline.some((i: { type: string }) => i.type === 'case.note_added'));
  assert.ok(!(await open311Updates(since)).includes('I dalje stoji.'));
  assert.equal(
    (
      await h.call({
        method: 'POST',
        url: `/api/v1/sistem48/reports/${caseId}/updates/999999999/moderation`,
        as: registry,
        payload: { action: 'hide', reason: 'x' },
      })
    ).statusCode,
    404,
  );

  // Staff read what was typed and what the public reads.
  const staff = (await h.call({ method: 'GET', url: `/api/v1/sistem48/reports/${caseId}`, as: registry })).json();
  assert.equal(staff.description, TYPED);
  assert.deepEqual(staff.moderation, {
    awaitingReview: false,
    moderatedDescription: 'Smeće se ne odnosi nedeljama ispred zgrade.',
    publicDescription: 'Smeće se ne odnosi nedeljama ispred zgrade.',
  });
  assert.equal(staff.updates.length, 1);
  assert.deepEqual(
    [staff.updates[0].note, staff.updates[0].moderatedNote, staff.updates[0].hidden, staff.updates[0].publicNote],
    [UPDATE, 'I dalje stoji.', true, null],
  );

  // The history: who and why, for each change; and the audit log.
  const events = await h.ctx.db
    .selectFrom('case_events')
    .select(['actor_name', 'note', 'data', 'visibility'])
    .where('case_id', '=', caseId)
    .where('type', '=', 'case.text_moderated')
    .orderBy('seq')
    .execute();
  assert.deepEqual(
    events.map((e) => [e.actor_name, e.note, (e.data as { target: string; action: string }).action, e.visibility]),
    [
      ['User registry', 'ime i prezime podnosioca', 'edit', 'internal'],
      ['User registry', 'imena trećih lica', 'edit', 'internal'],
      ['User registry', 'uvredljivo', 'hide', 'internal'],
    ],
  );
  const audits = await h.ctx.db.selectFrom('audit_log').select(['action', 'entity_id']).where('action', 'like', 'moderate_%').orderBy('id').execute();
  assert.deepEqual(
    audits.map((a) => a.action),
    ['moderate_edit', 'moderate_update_edit', 'moderate_update_hide'],
  );

  // Restoring shows the text as written again, masked as always (the reporter's signature included).
  const restored = await h.call({ method: 'POST', url: `/api/v1/sistem48/reports/${caseId}/moderation`, as: registry, payload: { action: 'restore' } });
  assert.equal(restored.statusCode, 200, restored.body);
  assert.equal((await publicReport(id)).description, 'Smeće se ne odnosi nedeljama ispred zgrade.\n\n***');
});

test('a moderator redacts a report that needs no review, and approving a report awaiting review publishes it as written', async () => {
  const filed = await h.call({
    method: 'POST',
    url: '/api/v1/sistem48/public/reports',
    payload: { category: 'other', address: 'Glavna 1', description: 'Ružne reči o komšiji Marku' },
  });
  assert.equal(filed.statusCode, 201, filed.body);
  const caseId = await caseIdOf(filed.json().id);
  assert.equal((await publicReport(filed.json().id)).awaitingReview, false, 'published at once');
  const r = await h.call({
    method: 'POST',
    url: `/api/v1/sistem48/reports/${caseId}/moderation`,
    as: registry,
    payload: { action: 'redact', reason: 'uvrede' },
  });
  assert.equal(r.statusCode, 200, r.body);
  const pub = await publicReport(filed.json().id);
  assert.deepEqual([pub.description, pub.moderated], ['', true]);

  const waiting = await h.call({
    method: 'POST',
    url: '/api/v1/sistem48/public/reports',
    payload: { category: 'garbage', address: 'Pijačna 5', description: 'Kontejner je pun' },
  });
  const waitingCase = await caseIdOf(waiting.json().id);
  assert.equal((await publicReport(waiting.json().id)).awaitingReview, true);
  const approved = await h.call({ method: 'POST', url: `/api/v1/sistem48/reports/${waitingCase}/moderation`, as: registry, payload: { action: 'approve' } });
  assert.equal(approved.statusCode, 200, approved.body);
  const pub2 = await publicReport(waiting.json().id);
  assert.deepEqual([pub2.awaitingReview, pub2.moderated, pub2.description], [false, false, 'Kontejner je pun']);
});
