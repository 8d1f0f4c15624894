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

export async function roundsAsked(db: DbOrTx, caseId: string, partyIds: readonly string[]): Promise<Map<string, number>> {
  if (!partyIds.length) return new Map();
  const rows = await db
    .selectFrom('fix_questions')
    .select(['party_id', (eb) => eb.fn.max('round').as('round')])
    .where('case_id', '=', caseId)
    .where('party_id', 'in', partyIds)
    .groupBy('party_id')
    .execute();
  return new Map(rows.map((r) => [r.party_id, Number(r.round)]));
}

/** The parties already scheduled for this resolution of the case (another writer may schedule in the same transaction). */
export async function scheduledFor(db: DbOrTx, caseId: string, resolvedAt: Date): Promise<Set<string>> {
  const rows = await db.selectFrom('fix_questions').select('party_id').where('case_id', '=', caseId).where('resolved_at', '=', resolvedAt).execute();
  return new Set(rows.map((r) => r.party_id));
}

export interface NewFixQuestion {
  caseId: string;
  partyId: string;
  round: number;
  token: string;
  resolvedAt: Date;
  askAt: Date;
  unitId: string | null;
  categoryId: number | null;
  createdAt: Date;
}

export async function insertFixQuestion(tx: Tx, q: NewFixQuestion) {
  return tx
    .insertInto('fix_questions')
    .values({
      case_id: q.caseId,
      party_id: q.partyId,
      round: q.round,
      token: q.token,
      resolved_at: q.resolvedAt,
      ask_at: q.askAt,
      unit_id: q.unitId,
      category_id: q.categoryId,
      created_at: q.createdAt,
    })
    .onConflict((oc) => oc.columns(['case_id', 'party_id', 'round']).doNothing())
    .returning(['id', 'ask_at'])
    .executeTakeFirst();
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
 * The newest question asked of any of these parties within the window, answered or not (a rating may
 * follow the answer): what a short reply ("NE", "4") from their phone or Viber answers.
 */
export async function latestAskedOf(db: DbOrTx, partyIds: readonly string[], since: Date) {
  if (!partyIds.length) return undefined;
  return db
    .selectFrom('fix_questions')
    .select(['id', 'answer', 'rating', 'asked_at'])
    .where('party_id', 'in', partyIds)
    .where('asked_at', '>=', since)
    .orderBy('asked_at', 'desc')
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
