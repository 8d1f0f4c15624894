/** What the citizens' channels ask about "is it fixed?" questions: the one a short reply answers, the ones still open, one by its link. */
import type { DbOrTx } from '../../kernel/db/database.ts';
import { findFixQuestionByToken, latestAskedOf, openQuestionsOf } from '../repositories/fix-question-repository.ts';

/** A reply is read as an answer (or a rating) for this long after the question was asked. */
export const FIX_REPLY_WINDOW_MS = 30 * 86_400_000;

/**
 * The newest question asked within the window of these parties, or of the report follower with this
 * contact (a follower is no party: known by the phone or e-mail address they proved), answered or
 * not; undefined when none.
 */
export async function questionToAnswer(
  db: DbOrTx,
  who: { partyIds: readonly string[]; contact: { channel: 'sms' | 'email'; address: string } | null },
  now: Date,
) {
  return latestAskedOf(db, who, new Date(now.getTime() - FIX_REPLY_WINDOW_MS));
}

export async function openFixQuestions(db: DbOrTx, partyIds: readonly string[]) {
  return openQuestionsOf(db, partyIds);
}

/** The question behind an answer link (the case number and subject, whether and how it was answered); undefined when the link is wrong. */
export async function fixQuestionByLink(db: DbOrTx, token: string) {
  if (!/^[A-Za-z0-9_-]{10,64}$/.test(token)) return undefined;
  const q = await findFixQuestionByToken(db, token);
  if (!q?.asked_at) return undefined;
  return { number: q.number, subject: q.subject, answer: q.answer, rating: q.rating, comment: q.comment, reopened: q.reopened };
}
