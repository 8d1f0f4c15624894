/** The "is it fixed?" questions waiting for the signed-in citizen's answer (the portal shows a button for each). */
import type { Ctx } from '../../kernel/context.ts';
import type { Actor } from '../../kernel/types.ts';
import { forbidden } from '../../kernel/lib/errors.ts';
import { openFixQuestions } from '../../sistem48/queries/fix-questions.ts';
import { partiesWithPhone } from '../repositories/account-repository.ts';

export async function myFixQuestions(ctx: Ctx, actor: Actor) {
  if (actor.kind !== 'citizen') throw forbidden();
  // The same people the citizen's case scope covers: their party, and every party with their proven number.
  const ids = new Set<string>(actor.partyId ? [actor.partyId] : []);
  if (actor.verifiedPhone) for (const p of await partiesWithPhone(ctx.db, actor.verifiedPhone)) ids.add(p.id);
  const rows = await openFixQuestions(ctx.db, [...ids]);
  return rows.map((r) => ({ token: r.token, caseId: r.case_id, number: r.number, subject: r.subject, askedAt: r.asked_at }));
}
