/** SQL for the "is it fixed?" questions (fix_questions) and the case facts they are asked from. */
import type { DbOrTx, Tx } from '../../kernel/db/database.ts';
import type { FixAnswer } from '../domain/fix-reply.ts';

/** The parties who asked for the work (reporters and applicants), who are asked whether it is done. */
export async function askableParties(db: DbOrTx, caseId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('case_parties')
    .select('party_id')
    .where('case_id', '=', caseId)
    .where('role', 'in', ['reporter', 'applicant', 'co_applicant'])
    .orderBy('party_id')
    .execute();
  return rows.map((r) => r.party_id);
}

/** The days to wait after resolution (the category's, else the case type's; null: not set), and the report's unit and category. */
export async function fixQuestionFacts(db: DbOrTx, caseId: string) {
  return db
    .selectFrom('cases')
    .innerJoin('case_types', 'case_types.id', 'cases.case_type_id')
    .leftJoin('problem_reports', 'problem_reports.case_id', 'cases.id')
    .leftJoin('problem_categories', 'problem_categories.id', 'problem_reports.category_id')
    .select([
      'cases.unit_id',
      'problem_reports.category_id',
      'problem_reports.merged_into',
      'cases.external_system',
      'problem_categories.fix_question_days as category_days',
      'case_types.fix_question_days as type_days',
    ])
    .where('cases.id', '=', caseId)
    .executeTakeFirst();
}

/** Who a question is for: a party of the case, or a proven follower of the public report (no party). */
export type FixPerson = { partyId: string; followerId?: undefined } | { followerId: string; partyId?: undefined };
export const personKey = (p: { partyId?: string | null; followerId?: string | null }) => (p.partyId ? `p:${p.partyId}` : `f:${p.followerId}`);
const rowKey = (r: { party_id: string | null; follower_id: string | null }) => personKey({ partyId: r.party_id, followerId: r.follower_id });

/** The highest round each person was asked about the case (keyed by personKey). */
export async function roundsAsked(db: DbOrTx, caseId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('fix_questions')
    .select(['party_id', 'follower_id', (eb) => eb.fn.max('round').as('round')])
    .where('case_id', '=', caseId)
    .groupBy(['party_id', 'follower_id'])
    .execute();
  return new Map(rows.map((r) => [rowKey(r), Number(r.round)]));
}

/** The people (personKey) already scheduled for this resolution of the case (another writer may schedule in the same transaction). */
export async function scheduledFor(db: DbOrTx, caseId: string, resolvedAt: Date): Promise<Set<string>> {
  const rows = await db
    .selectFrom('fix_questions')
    .select(['party_id', 'follower_id'])
    .where('case_id', '=', caseId)
    .where('resolved_at', '=', resolvedAt)
    .execute();
  return new Set(rows.map(rowKey));
}

/** The phone numbers and e-mail addresses of these parties (a follower with one of them is that party, asked once). */
export async function contactsOfParties(db: DbOrTx, partyIds: readonly string[]): Promise<Set<string>> {
  if (!partyIds.length) return new Set();
  const rows = await db.selectFrom('parties').select(['phone', 'email']).where('id', 'in', partyIds).execute();
  return new Set(rows.flatMap((r) => [r.phone, r.email?.toLowerCase()].filter((a): a is string => !!a)));
}

export interface NewFixQuestion {
  caseId: string;
  person: FixPerson;
  round: number;
  token: string;
  resolvedAt: Date;
  askAt: Date;
  unitId: string | null;
  categoryId: number | null;
  createdAt: Date;
}

export async function insertFixQuestion(tx: Tx, q: NewFixQuestion) {
  return (
    tx
      .insertInto('fix_questions')
      .values({
        case_id: q.caseId,
        party_id: q.person.partyId ?? null,
        follower_id: q.person.followerId ?? null,
        round: q.round,
        token: q.token,
        resolved_at: q.resolvedAt,
        ask_at: q.askAt,
        unit_id: q.unitId,
        category_id: q.categoryId,
        created_at: q.createdAt,
      })
      // One round per person and case (for parties and for followers alike).
      .onConflict((oc) => oc.doNothing())
      .returning(['id', 'ask_at'])
      .executeTakeFirst()
  );
}

/** A follower who may still be asked: proven, wants the report's updates and has not stopped them. */
export async function askableFollower(db: DbOrTx, id: string) {
  return db
    .selectFrom('report_followers')
    .select(['id', 'channel', 'address', 'locale'])
    .where('id', '=', id)
    .where('verified_at', 'is not', null)
    .where('wants_updates', '=', true)
    .where('stopped_at', 'is', null)
    .executeTakeFirst();
}

/** The questions of a case not yet asked nor skipped, the first due first. */
export async function questionsToAsk(db: DbOrTx, caseId: string) {
  return db
    .selectFrom('fix_questions')
    .select(['id', 'ask_at'])
    .where('case_id', '=', caseId)
    .where('asked_at', 'is', null)
    .where('skipped', 'is', null)
    .orderBy('ask_at')
    .execute();
}

export async function lockFixQuestion(tx: Tx, where: { id: string } | { token: string }) {
  let q = tx.selectFrom('fix_questions').selectAll().forUpdate();
  q = 'id' in where ? q.where('id', '=', where.id) : q.where('token', '=', where.token);
  return q.executeTakeFirst();
}
export type FixQuestionRow = NonNullable<Awaited<ReturnType<typeof lockFixQuestion>>>;

export async function findFixQuestionByToken(db: DbOrTx, token: string) {
  return db
    .selectFrom('fix_questions')
    .innerJoin('cases', 'cases.id', 'fix_questions.case_id')
    .select([
      'fix_questions.id',
      'fix_questions.case_id',
      'fix_questions.party_id',
      'fix_questions.follower_id',
      'fix_questions.asked_at',
      'fix_questions.answer',
      'fix_questions.rating',
      'fix_questions.comment',
      'fix_questions.reopened',
      'cases.number',
      'cases.subject',
      'cases.status',
    ])
    .where('fix_questions.token', '=', token)
    .executeTakeFirst();
}

export async function markAsked(tx: Tx, id: string, p: { at: Date; channel: 'sms' | 'email' | 'viber' | null; skipped: string | null }) {
  await tx
    .updateTable('fix_questions')
    .set(p.skipped ? { skipped: p.skipped } : { asked_at: p.at, channel: p.channel })
    .where('id', '=', id)
    .execute();
}

export async function saveFixAnswer(
  tx: Tx,
  id: string,
  p: Partial<{
    answer: FixAnswer;
    answered_at: Date;
    answered_via: 'sms' | 'email' | 'viber' | 'portal' | 'web';
    rating: number;
    comment: string;
    reopened: boolean;
  }>,
) {
  await tx.updateTable('fix_questions').set(p).where('id', '=', id).execute();
}

/**
 * The newest question asked within the window of any of these parties or of the follower with this
 * contact, answered or not (a rating may follow the answer): what a short reply ("NE", "4") from their
 * phone or Viber answers.
 */
export async function latestAskedOf(
  db: DbOrTx,
  who: { partyIds: readonly string[]; contact: { channel: 'sms' | 'email'; address: string } | null },
  since: Date,
) {
  if (!who.partyIds.length && !who.contact) return undefined;
  const contact = who.contact;
  return db
    .selectFrom('fix_questions')
    .leftJoin('report_followers', 'report_followers.id', 'fix_questions.follower_id')
    .select(['fix_questions.id', 'fix_questions.answer', 'fix_questions.rating', 'fix_questions.asked_at'])
    .where((eb) =>
      eb.or([
        ...(who.partyIds.length ? [eb('fix_questions.party_id', 'in', who.partyIds)] : []),
        ...(contact ? [eb.and([eb('report_followers.channel', '=', contact.channel), eb('report_followers.address', '=', contact.address)])] : []),
      ]),
    )
    .where('fix_questions.asked_at', '>=', since)
    .orderBy('fix_questions.asked_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The questions asked of these parties and not answered yet (the portal shows them with the buttons). */
export async function openQuestionsOf(db: DbOrTx, partyIds: readonly string[]) {
  if (!partyIds.length) return [];
  return db
    .selectFrom('fix_questions')
    .innerJoin('cases', 'cases.id', 'fix_questions.case_id')
    .select(['fix_questions.token', 'fix_questions.asked_at', 'cases.id as case_id', 'cases.number', 'cases.subject'])
    .where('fix_questions.party_id', 'in', partyIds)
    .where('fix_questions.asked_at', 'is not', null)
    .where('fix_questions.answer', 'is', null)
    .orderBy('fix_questions.asked_at', 'desc')
    .execute();
}
