/**
 * A unit head reassigns several cases at once (issue 15): each case goes through the cases room's
 * assignCase, in its own transaction, so each is checked (visibility, role, an archived case) and
 * recorded as its own event; the answer says which moved and which did not, and why.
 */
import type { Ctx } from '../../kernel/context.ts';
import type { Actor } from '../../kernel/types.ts';
import { AppError, forbidden } from '../../kernel/lib/errors.ts';
import { assignCase } from '../../cases/commands/assign-case.ts';

export async function reassignCases(ctx: Ctx, actor: Actor, input: { caseIds: string[]; unitId: string; clerkId: string | null; note?: string }) {
  if (actor.kind !== 'staff' || actor.role !== 'unit_head') throw forbidden();
  const done: string[] = [];
  const failed: { caseId: string; error: string }[] = [];
  for (const caseId of [...new Set(input.caseIds)]) {
    try {
      const r = await assignCase(ctx, actor, { caseId, unitId: input.unitId, clerkId: input.clerkId, note: input.note ?? null });
      done.push(r.id);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      failed.push({ caseId, error: e.code });
    }
  }
  return { done, failed };
}
