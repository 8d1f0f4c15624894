/**
 * A short text from a known citizen (an SMS, or a Viber message from a linked user) that is not a
 * command or a status question may be about one of their cases, before it is taken as a new report:
 * - an answer to "is it fixed?" asked of them within the last 30 days (DA/NE, a rating 1–5, a
 *   comment after them; Viber's buttons send the same), recorded through answerFixQuestion;
 * - a reply about their case: one naming the number of a case of theirs, or, without a number,
 *   the case of theirs that waits for them (incomplete), recorded as a citizen reply (an unread
 *   update for staff; a waiting case goes back to work and its clock runs again).
 * A follower of a public report (no party: known only by the phone or e-mail address they proved,
 * `contact`) may answer the question asked of them the same way; nothing else of theirs is taken here.
 * Null: the text is about none of their cases.
 */
import type { Ctx } from '../../kernel/context.ts';
import type { Actor } from '../../kernel/types.ts';
import { t, type Locale } from '../../i18n/index.ts';
import { recordCitizenReply } from '../../cases/commands/record-citizen-reply.ts';
import { answerFixQuestion, type FixAnswerResult } from '../../sistem48/commands/answer-fix-question.ts';
import { questionToAnswer } from '../../sistem48/queries/fix-questions.ts';
import { readFixReply } from '../../sistem48/domain/fix-reply.ts';
import { looksLikeCaseNumber } from '../domain/inbound-text.ts';
import { cyrToLat } from '../../i18n/transliterate.ts';
import { caseOfParties, waitingCaseOfParties } from '../repositories/account-repository.ts';

export type CitizenText =
  | { kind: 'fix'; result: FixAnswerResult; reply: string | null }
  | { kind: 'reply'; caseId: string; number: string; resumed: boolean; reply: string };

/** What to say back after an answer: ask for a rating after "fixed", thank otherwise; nothing when the reopening message already tells them. */
export function fixReplyText(locale: Locale, r: FixAnswerResult, rated: boolean): string | null {
  if (r.outcome === 'answered' && r.reopened) return null;
  if (r.outcome === 'answered' && r.answer === 'fixed' && !rated) return t(locale, 'sistem48.fix_thanks_rate', { number: r.number });
  return t(locale, 'sistem48.fix_thanks', { number: r.number });
}

export async function takeCitizenText(
  ctx: Ctx,
  m: {
    text: string;
    partyIds: readonly string[];
    contact?: { channel: 'sms' | 'email'; address: string } | null;
    via: 'sms' | 'viber' | 'email';
    locale: Locale;
    senderName: string;
    inboundId: string | null;
  },
): Promise<CitizenText | null> {
  const contact = m.contact ?? null;
  if (!m.partyIds.length && !contact) return null;
  const fix = readFixReply(m.text);
  if (fix) {
    const q = await questionToAnswer(ctx.db, { partyIds: m.partyIds, contact }, ctx.now());
    if (q) {
      const result = await answerFixQuestion(ctx, { question: { id: q.id }, answer: fix.answer, rating: fix.rating, comment: fix.comment, via: m.via });
      if (result.outcome !== 'nothing') return { kind: 'fix', result, reply: fixReplyText(m.locale, result, fix.rating !== null) };
    }
  }
  if (!m.partyIds.length) return null;
  const words = cyrToLat(m.text)
    .split(/\s+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((w) => looksLikeCaseNumber(w))
    .slice(0, 3);
  let target: { id: string; number: string } | undefined;
  for (const w of words) {
    target = await caseOfParties(ctx.db, w.toUpperCase(), m.partyIds);
    if (target) break;
  }
  target ??= await waitingCaseOfParties(ctx.db, m.partyIds);
  if (!target) return null;
  const actor: Actor = { kind: 'system', name: `${m.senderName} (${m.via === 'sms' ? 'SMS' : m.via === 'viber' ? 'Viber' : 'e-mail'})` };
  const done = await recordCitizenReply(ctx, actor, { caseId: target.id, text: m.text, via: m.via, inboundId: m.inboundId });
  return {
    kind: 'reply',
    caseId: done.caseId,
    number: done.number,
    resumed: done.resumed,
    reply: t(m.locale, 'citizens.reply_added', { number: done.number }),
  };
}
