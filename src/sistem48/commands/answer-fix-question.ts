/**
 * A person's answer to "is it fixed?", from any channel (an SMS or Viber reply, the e-mail's link, the
 * portal's button), with an optional rating 1–5 and comment. The first answer counts; a rating or a
 * comment may follow it. "Not fixed" on a case still resolved reopens it through the one guarded
 * status move (resolved → in progress, recorded with reason not_fixed, so the citizen is told of the
 * reopening and the new deadline in one message), puts it back in its unit's queue with a new
 * first-response deadline and its SLA jobs, and e-mails the unit and its head. On a case no longer
 * resolved the answer is kept and counted as "closed but not fixed" when the case is closed.
 * A follower's answer (a question asked of a follower of the public report) counts the same way: their
 * "not fixed" reopens the report (the event says a follower said so); the figures take one answer per
 * resolution, the reporter's before a follower's (reports/repositories/verdict-repository.ts).
 */
import type { Actor } from '../../kernel/types.ts';
import type { Ctx } from '../../kernel/context.ts';
import type { Tx } from '../../kernel/db/database.ts';
import { notFound } from '../../kernel/lib/errors.ts';
import { enqueueJobs } from '../../kernel/jobs.ts';
import { DEFAULT_LOCALE, isLocale, t, type Locale } from '../../i18n/index.ts';
import { lockVisibleCase, type CasePatch } from '../../cases/repositories/case-repository.ts';
import { findParty } from '../../cases/repositories/party-repository.ts';
import { moveCaseStatus } from '../../cases/commands/move-case-status.ts';
import { recordCaseEvent } from '../../cases/commands/record-case-event.ts';
import { queueDirectMessage } from '../../notifications/commands/queue-direct-message.ts';
import { formatDate } from '../../notifications/domain/render.ts';
import { lockFixQuestion, saveFixAnswer, type FixQuestionRow } from '../repositories/fix-question-repository.ts';
import { lockReport, updateReport } from '../repositories/report-repository.ts';
import { unitAndAbove } from '../repositories/sla-repository.ts';
import { findCategory } from '../repositories/category-repository.ts';
import { loadSettings, slaPolicy } from '../settings.ts';
import { firstResponseSchedule } from '../domain/sla-clock.ts';
import { pickText } from '../domain/fields.ts';
import type { FixAnswer } from '../domain/fix-reply.ts';
import { SLA_TASK, slaJobKey } from './file-report.ts';

export interface FixAnswerInput {
  /** The question: by id (a reply matched to it) or by the token of its link. */
  question: { id: string } | { token: string };
  answer: FixAnswer | null;
  rating: number | null;
  comment: string | null;
  via: 'sms' | 'email' | 'viber' | 'portal' | 'web';
}

export interface FixAnswerResult {
  outcome: 'answered' | 'rated' | 'already' | 'nothing';
  answer: FixAnswer | null;
  reopened: boolean;
  caseId: string;
  number: string;
}

const CALENDAR_HOURS = 48;

export async function answerFixQuestion(ctx: Ctx, input: FixAnswerInput): Promise<FixAnswerResult> {
  return ctx.db.transaction().execute(async (tx) => {
    const q = await lockFixQuestion(tx, input.question);
    if (!q || !q.asked_at) throw notFound();
    const c = await lockVisibleCase(tx, { kind: 'all' }, q.case_id);
    if (!c) throw notFound();
    const now = ctx.now();
    const base = { caseId: c.id, number: c.number };
    const comment = input.comment?.trim().slice(0, 2000) || null;
    if (q.answer) {
      // Answered before: only a rating or comment may follow.
      const patch = { ...(input.rating ? { rating: input.rating } : {}), ...(comment && !q.comment ? { comment } : {}) };
      if (!Object.keys(patch).length) return { ...base, outcome: 'already', answer: q.answer, reopened: q.reopened };
      await saveFixAnswer(tx, q.id, patch);
      // A comment after "not fixed" (the answer page asks for it after the click) reaches staff like one
      // given with the answer: an internal note on the case, which the unread mark points them to.
      if (patch.comment && q.answer === 'not_fixed')
        await recordCaseEvent(tx, ctx, c, await answerer(tx, q, input.via), {
          type: 'case.note_added',
          note: patch.comment,
          visibility: 'internal',
          data: { source: 'fix_question' },
          casePatch: { citizen_update_at: now },
        });
      return { ...base, outcome: 'rated', answer: q.answer, reopened: q.reopened };
    }
    if (!input.answer) {
      if (!input.rating && !comment) return { ...base, outcome: 'nothing', answer: null, reopened: false };
      await saveFixAnswer(tx, q.id, { ...(input.rating ? { rating: input.rating } : {}), ...(comment ? { comment } : {}) });
      return { ...base, outcome: 'rated', answer: null, reopened: false };
    }
    const actor = await answerer(tx, q, input.via);
    const reopened = input.answer === 'not_fixed' && c.status === 'resolved' ? await reopen(tx, ctx, q, c, actor, comment) : false;
    await saveFixAnswer(tx, q.id, {
      answer: input.answer,
      answered_at: now,
      answered_via: input.via,
      reopened,
      ...(input.rating ? { rating: input.rating } : {}),
      ...(comment ? { comment } : {}),
    });
    return { ...base, outcome: 'answered', answer: input.answer, reopened };
  });
}

/** Who answered, as staff read it; a follower has no name on record: staff see that a follower of the report answered, and how. */
async function answerer(tx: Tx, q: FixQuestionRow, via: FixAnswerInput['via']): Promise<Actor> {
  const party = q.party_id ? await findParty(tx, q.party_id) : undefined;
  return { kind: 'system', name: q.party_id ? `${party?.name ?? '—'} (${via})` : t(DEFAULT_LOCALE, 'sistem48.fix_follower_actor', { via }) };
}

type LockedCase = NonNullable<Awaited<ReturnType<typeof lockVisibleCase>>>;

async function reopen(tx: Tx, ctx: Ctx, q: FixQuestionRow, c: LockedCase, actor: Actor, comment: string | null): Promise<boolean> {
  const now = ctx.now();
  const r = await lockReport(tx, c.id);
  const category = r ? await findCategory(tx, { id: r.category_id }) : undefined;
  // A report gets its category's first-response promise again, counted from now; a case two days.
  const schedule =
    r && category
      ? firstResponseSchedule(now, r.sla_hours, category.warn_percent, await slaPolicy(tx, ctx.config, await loadSettings(tx), r.sla_clock, now))
      : // The warning at 75 % of the two days, as categories warn by default.
        { dueAt: new Date(now.getTime() + CALENDAR_HOURS * 3_600_000), warnAt: new Date(now.getTime() + CALENDAR_HOURS * 0.75 * 3_600_000) };
  const patch: CasePatch = { citizen_update_at: now, ...(r ? {} : { due_at: schedule.dueAt }) };
  await moveCaseStatus(tx, ctx, c, actor, {
    to: 'in_progress',
    event: {
      data: {
        from: 'resolved',
        to: 'in_progress',
        reason: 'not_fixed',
        by: q.follower_id ? 'follower' : 'reporter',
        questionId: q.id,
        dueAt: schedule.dueAt.toISOString(),
      },
      casePatch: patch,
      at: now,
    },
  });
  // What the citizen wrote stays with staff (it may name people or addresses the public must not read).
  if (comment) await recordCaseEvent(tx, ctx, c, actor, { type: 'case.note_added', note: comment, visibility: 'internal', data: { source: 'fix_question' } });
  if (r) {
    await updateReport(tx, c.id, {
      responded_at: null,
      first_response_due_at: schedule.dueAt,
      first_response_warn_at: schedule.warnAt,
      planned_resolution_at: null,
    });
    await enqueueJobs(
      tx,
      (['warning', 'breach'] as const).map((level) => ({
        task: SLA_TASK,
        payload: { caseId: c.id, level },
        options: { runAt: level === 'warning' ? schedule.warnAt : schedule.dueAt, jobKey: slaJobKey(c.id, level), maxAttempts: 10 },
      })),
    );
  }
  // The unit hears of it by e-mail (its mailbox and its head), as with an SLA warning.
  const chain = c.unit_id ? await unitAndAbove(tx, c.unit_id) : [];
  const unit = chain[0];
  const head = chain.find((u) => u.head)?.head ?? null;
  const sent = new Set<string>();
  for (const p of [...(unit?.email ? [{ id: '', email: unit.email, locale: null }] : []), ...(head ? [head] : [])]) {
    if (!p.email || sent.has(p.email)) continue;
    sent.add(p.email);
    const locale: Locale = isLocale(p.locale) ? p.locale : DEFAULT_LOCALE;
    const params = {
      number: c.number,
      category: category ? pickText(category.name, locale) : c.subject,
      unit: unit?.name ?? '',
      due: formatDate(schedule.dueAt, locale, ctx.config.timezone),
      comment: comment ? t(locale, 'sistem48.reopened_staff_comment', { comment }) : '',
      link: `${ctx.config.publicUrl}/cases/${c.id}`,
    };
    await queueDirectMessage(tx, ctx, {
      purpose: 'fix_reopened',
      channel: 'email',
      recipient: p.email,
      locale,
      userId: p.id || null,
      caseId: c.id,
      subject: t(locale, 'sistem48.reopened_staff_subject', params),
      body: t(locale, 'sistem48.reopened_staff_body', params),
    });
  }
  return true;
}
