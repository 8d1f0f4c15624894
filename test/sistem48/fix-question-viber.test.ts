/**
 * "Is it fixed?" on Viber over the real Viber API peer: a reporter who linked Viber is asked there with
 * two buttons; "yes" is answered with the rating buttons, and a rating is recorded.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sixDigits, startCitizenHarness, type CitizenHarness } from '../citizens/harness.ts';
import { CENTRE } from './helpers.ts';
import { askFixQuestion } from '../../src/sistem48/commands/ask-fix-question.ts';

let h: CitizenHarness;
before(async () => {
  h = await startCitizenHarness({ env: { GLAS_VIBER_BOT_PER_MINUTE: '20' } });
});
after(async () => {
  await h.close();
});

const USER = `viber-fix-${Date.now()}`;
const say = (text: string) =>
  h.viber.sendUserEvent({ event: 'message', sender: { id: USER, name: 'Građanin', language: 'sr' }, message: { type: 'text', text } });
const replies = () => h.viber.received().filter((m) => m.receiver === USER);
async function nextReply(after: number) {
  await h.eventually(async () => replies().length > after, 8000, `Viber reply ${after + 1}`);
  return replies()[after]!;
}
type Keyboard = { Buttons: { ActionBody: string; Text: string }[] };

test('asked on Viber with buttons; "yes" brings the rating buttons; the rating is kept', async () => {
  const filed = await h.app.inject({
    method: 'POST',
    url: '/api/v1/sistem48/public/reports',
    headers: { 'accept-language': 'sr-Latn' },
    payload: {
      category: 'pothole',
      ...CENTRE,
      description: 'Rupa kod pošte',
      contact: { name: 'Lana Lanić', phone: '064 555 0606', consent: true, locale: 'sr-Latn' },
    },
  });
  assert.equal(filed.statusCode, 201, filed.body);
  const number: string = filed.json().number;
  const caseId = (await h.ctx.db.selectFrom('cases').select('id').where('number', '=', number).executeTakeFirstOrThrow()).id;

  // The reporter links Viber by phone and code.
  await say('064 555 0606');
  await nextReply(0);
  const code = await h.smsc.waitFor((m) => m.destination === '381645550606' && /Vibera|Вибера/.test(m.text), 5000);
  await say(sixDigits(code.text));
  await nextReply(1);

  const clerk = await h.login('clerkA');
  const resolved = await h.call({
    method: 'POST',
    url: `/api/v1/sistem48/reports/${caseId}/response`,
    as: clerk,
    payload: { status: 'resolved', plannedResolutionAt: new Date(Date.now() + 86_400_000).toISOString(), note: 'Rupa je zakrpljena.' },
  });
  assert.equal(resolved.statusCode, 200, resolved.body);
  const q = await h.ctx.db.selectFrom('fix_questions').select(['id', 'ask_at']).where('case_id', '=', caseId).executeTakeFirstOrThrow();
  const seen = replies().length;
  assert.equal(await askFixQuestion({ ...h.ctx, now: () => new Date(q.ask_at) }, { questionId: q.id }), 'asked');
  await h.eventually(
    async () =>
      replies()
        .slice(seen)
        .find((m) => m.text?.includes('zaista otklonjen')),
    8000,
    'the question on Viber',
  );
  const asked = replies()
    .slice(seen)
    .find((m) => m.text?.includes('zaista otklonjen'))!;
  assert.ok(asked.text!.includes(number));
  assert.deepEqual(
    (asked.keyboard as Keyboard).Buttons.map((b) => b.ActionBody),
    ['fix:yes', 'fix:no'],
  );

  const before = replies().length;
  await say('fix:yes');
  const thanks = await nextReply(before);
  assert.match(thanks.text!, /Ocenite rad/);
  assert.deepEqual(
    (thanks.keyboard as Keyboard).Buttons.map((b) => b.ActionBody),
    ['fix:rate:1', 'fix:rate:2', 'fix:rate:3', 'fix:rate:4', 'fix:rate:5'],
  );
  await say('fix:rate:4');
  await nextReply(before + 1);
  const row = await h.ctx.db
    .selectFrom('fix_questions')
    .select(['answer', 'rating', 'answered_via', 'reopened'])
    .where('id', '=', q.id)
    .executeTakeFirstOrThrow();
  assert.deepEqual(row, { answer: 'fixed', rating: 4, answered_via: 'viber', reopened: false });
  assert.equal((await h.ctx.db.selectFrom('cases').select('status').where('id', '=', caseId).executeTakeFirstOrThrow()).status, 'resolved');
});
