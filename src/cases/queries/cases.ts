/** Read side of cases: lookups, lists, history, documents and chain verification, each within the actor's scope. */
import type { Actor, CaseStatus } from '../../kernel/types.ts';
import { notFound } from '../../kernel/lib/errors.ts';
import { caseReadScope } from '../policy.ts';
import { caseEvents, findVisibleCase, findVisibleCaseWithParties, listVisibleCases, type CaseListFilter } from '../repositories/case-repository.ts';
import { findDocument, listDocuments } from '../repositories/document-repository.ts';
import { allowedTransitions } from '../domain/case-status.ts';
import { verifyChain } from '../domain/event-chain.ts';
import { searchKey } from '../../i18n/search-key.ts';
import type { Ctx } from '../../kernel/context.ts';

const isStaff = (a: Actor) => a.kind !== 'citizen';

export async function getCase(ctx: Ctx, actor: Actor, where: { id: string } | { number: string }) {
  // The case and its parties in one statement: one round trip for the case page (issue 17).
  const c = await findVisibleCaseWithParties(ctx.db, caseReadScope(actor), where);
  if (!c) throw notFound();
  return { ...c, allowedTransitions: allowedTransitions(c.status) };
}

export async function getCaseHistory(ctx: Ctx, actor: Actor, caseId: string) {
  const c = await findVisibleCase(ctx.db, caseReadScope(actor), { id: caseId });
  if (!c) throw notFound();
  return caseEvents(ctx.db, c.id, !isStaff(actor));
}

export async function getCaseDocuments(ctx: Ctx, actor: Actor, caseId: string) {
  const c = await findVisibleCase(ctx.db, caseReadScope(actor), { id: caseId });
  if (!c) throw notFound();
  return listDocuments(ctx.db, c.id, !isStaff(actor));
}

export async function getCaseDocument(ctx: Ctx, actor: Actor, caseId: string, documentId: string) {
  const c = await findVisibleCase(ctx.db, caseReadScope(actor), { id: caseId });
  if (!c) throw notFound();
  const d = await findDocument(ctx.db, c.id, documentId);
  if (!d || (!isStaff(actor) && d.visibility !== 'public')) throw notFound();
  return d;
}

export interface ListCasesQuery {
  status?: CaseStatus[];
  unitId?: string;
  clerkId?: string;
  caseTypeId?: number;
  from?: Date;
  to?: Date;
  overdue?: boolean;
  open?: boolean;
  q?: string;
  sort?: 'registered_desc' | 'due_asc';
  cursor?: string;
  limit?: number;
}

function decodeCursor(cursor: string | undefined): CaseListFilter['cursor'] {
  if (!cursor) return undefined;
  try {
    const [key, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string | null, string];
    if (typeof id !== 'string' || !/^[0-9a-f-]{36}$/.test(id) || (key !== null && Number.isNaN(Date.parse(key)))) return undefined;
    return { key, id };
  } catch {
    return undefined;
  }
}

/** A page of cases and the cursor of the next page (null at the end). */
export async function listCases(ctx: Ctx, actor: Actor, q: ListCasesQuery) {
  const limit = Math.min(q.limit ?? 50, 200);
  const sort = q.sort ?? 'registered_desc';
  const key = q.q ? searchKey(q.q) : undefined;
  const rows = await listVisibleCases(ctx.db, caseReadScope(actor), {
    ...q,
    q: key || undefined,
    sort,
    limit,
    now: ctx.now(),
    cursor: decodeCursor(q.cursor),
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > limit && last
      ? Buffer.from(JSON.stringify([sort === 'due_asc' ? (last.due_at?.toISOString() ?? null) : last.registered_at.toISOString(), last.id])).toString(
          'base64url',
        )
      : null;
  return { items: page, nextCursor };
}

export async function verifyCaseChain(ctx: Ctx, actor: Actor, caseId: string) {
  const c = await findVisibleCase(ctx.db, caseReadScope(actor), { id: caseId });
  if (!c) throw notFound();
  return verifyChainOf(ctx, c.id);
}

/** Verification without an access check, for the operator's CLI. */
export async function verifyChainOf(ctx: Ctx, caseId: string) {
  const events = await caseEvents(ctx.db, caseId, false);
  return verifyChain(
    events.map((e) => ({
      caseId: e.case_id,
      seq: e.seq,
      type: e.type,
      actorId: e.actor_id,
      actorName: e.actor_name,
      occurredAt: new Date(e.occurred_at),
      visibility: e.visibility,
      data: e.data,
      note: e.note,
      prevHash: e.prev_hash,
      hash: e.hash,
    })),
  );
}
