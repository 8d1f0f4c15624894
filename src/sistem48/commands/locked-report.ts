/** Locks a report's case (within the actor's scope) and its report row, for a change; not found when either is missing or out of scope. */
import type { Tx } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/types.ts';
import { notFound } from '../../kernel/lib/errors.ts';
import { caseReadScope } from '../../cases/policy.ts';
import { lockVisibleCase } from '../../cases/repositories/case-repository.ts';
import { lockReport } from '../repositories/report-repository.ts';

export async function lockVisibleReport(tx: Tx, actor: Actor, caseId: string) {
  const c = await lockVisibleCase(tx, caseReadScope(actor), caseId);
  if (!c) throw notFound();
  const r = await lockReport(tx, c.id);
  if (!r) throw notFound();
  return { c, r };
}
