/**
 * "Is it fixed?" is scheduled in the transaction that resolves a report or case: for each person who
 * asked for the work (and each person another room names), and for each proven follower of the public
 * report who asked for its updates and has not stopped them (a follower with the contact of a party
 * is that party, asked once), one question at the
 * resolution instant plus the category's days (else the case type's, else DEFAULT_FIX_QUESTION_DAYS),
 * as a graphile-worker job with that run_at and the question's job key. Nobody is asked more than
 * MAX_FIX_ROUNDS times about one case (a report resolved, reopened and resolved again is asked once
 * more); 0 days turns the question off for the category or type.
 */
import { randomBytes } from 'node:crypto';
import type { Tx } from '../../kernel/db/database.ts';
import type { Ctx } from '../../kernel/context.ts';
import { enqueueJobs } from '../../kernel/jobs.ts';
import {
  askableParties,
  contactsOfParties,
  fixQuestionFacts,
  insertFixQuestion,
  personKey,
  roundsAsked,
  scheduledFor,
  type FixPerson,
} from '../repositories/fix-question-repository.ts';
import { followersToTell } from '../repositories/follower-repository.ts';

export const FIX_TASK = 'sistem48.fix_question';
export const fixJobKey = (questionId: string) => `fix:${questionId}`;
export const DEFAULT_FIX_QUESTION_DAYS = 14;
export const MAX_FIX_ROUNDS = 2;
const DAY = 86_400_000;

/**
 * Schedules the question for the case's reporters and applicants, and for `partyIds` when given
 * (another room's people). Safe to call again for the same
 * resolution (from another outbox writer in the same transaction): whoever is already scheduled for
 * it is skipped. Returns how many were scheduled.
 */
export async function scheduleFixQuestions(tx: Tx, ctx: Ctx, s: { caseId: string; resolvedAt: Date; partyIds?: readonly string[] }): Promise<number> {
  const facts = await fixQuestionFacts(tx, s.caseId);
  // A merged duplicate is closed because another report carries the work: that one is asked about.
  if (!facts || facts.merged_into || facts.external_system) return 0;
  const days = facts.category_days ?? facts.type_days ?? DEFAULT_FIX_QUESTION_DAYS;
  if (days <= 0) return 0;
  const partyIds = [...new Set([...(await askableParties(tx, s.caseId)), ...(s.partyIds ?? [])])];
  const partyContacts = await contactsOfParties(tx, partyIds);
  const followers = (await followersToTell(tx, s.caseId)).filter((f) => !partyContacts.has(f.address));
  const people: FixPerson[] = [...partyIds.map((partyId) => ({ partyId })), ...followers.map((f) => ({ followerId: f.id }))];
  const rounds = await roundsAsked(tx, s.caseId);
  const already = await scheduledFor(tx, s.caseId, s.resolvedAt);
  const jobs = [];
  for (const person of people) {
    const key = personKey(person);
    if (already.has(key)) continue;
    const round = (rounds.get(key) ?? 0) + 1;
    if (round > MAX_FIX_ROUNDS) continue;
    const row = await insertFixQuestion(tx, {
      caseId: s.caseId,
      person,
      round,
      token: randomBytes(18).toString('base64url'),
      resolvedAt: s.resolvedAt,
      askAt: new Date(s.resolvedAt.getTime() + days * DAY),
      unitId: facts.unit_id,
      categoryId: facts.category_id,
      createdAt: ctx.now(),
    });
    if (row)
      jobs.push({ task: FIX_TASK, payload: { questionId: row.id }, options: { runAt: new Date(row.ask_at), jobKey: fixJobKey(row.id), maxAttempts: 10 } });
  }
  await enqueueJobs(tx, jobs);
  return jobs.length;
}
