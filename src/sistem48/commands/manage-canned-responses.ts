/**
 * Creating, changing and deleting canned responses. Each is checked against the unit it belongs to before
 * and after the change, so a unit head can neither touch another unit's nor move theirs to another unit;
 * every change is audited.
 */
import type { Actor, CaseStatus } from '../../kernel/types.ts';
import { forbidden, notFound, invalidAs } from '../../kernel/lib/errors.ts';
import { canManageCannedResponses } from '../policy.ts';
import {
  deleteCannedResponse as deleteRow,
  findCannedResponse,
  insertCannedResponse,
  updateCannedResponse as updateRow,
  type CannedResponseValues,
} from '../repositories/canned-response-repository.ts';
import { categoryExists } from '../queries/category-exists.ts';
import type { Ctx } from '../../kernel/context.ts';
import type { Tx } from '../../kernel/db/database.ts';
import { audit } from '../../kernel/audit.ts';

export interface CannedResponseInput {
  unitId?: string | null;
  categoryId?: number | null;
  status?: CaseStatus | null;
  title: Record<string, string | undefined>;
  body: Record<string, string | undefined>;
  active?: boolean;
}

const defined = (o: Record<string, string | undefined>) => Object.fromEntries(Object.entries(o).filter((e): e is [string, string] => e[1] !== undefined));

async function values(tx: Tx, input: CannedResponseInput): Promise<CannedResponseValues> {
  if (input.categoryId != null && !(await categoryExists(tx, input.categoryId))) throw invalidAs('detail.unknown_category', {}, 'categoryId');
  // Every language that has a title needs its text, and the other way round, so a clerk never picks half a template.
  const langs = new Set([...Object.keys(input.title), ...Object.keys(input.body)]);
  for (const l of langs) {
    if (!input.title[l]?.trim()) throw invalidAs('detail.canned_text_missing', { what: 'title', language: l }, 'title');
    if (!input.body[l]?.trim()) throw invalidAs('detail.canned_text_missing', { what: 'body', language: l }, 'body');
  }
  return {
    unit_id: input.unitId ?? null,
    category_id: input.categoryId ?? null,
    status: input.status ?? null,
    title: defined(input.title),
    body: defined(input.body),
    active: input.active ?? true,
  };
}

export async function createCannedResponse(ctx: Ctx, actor: Actor, input: CannedResponseInput) {
  if (!canManageCannedResponses(actor, input.unitId ?? null)) throw forbidden();
  return ctx.db.transaction().execute(async (tx) => {
    const row = await insertCannedResponse(tx, { ...(await values(tx, input)), created_by: actor.kind === 'system' ? null : actor.userId });
    await audit(tx, actor, 'create', 'canned_response', row.id, undefined, row);
    return row;
  });
}

export async function updateCannedResponse(ctx: Ctx, actor: Actor, id: string, input: CannedResponseInput) {
  return ctx.db.transaction().execute(async (tx) => {
    const before = await findCannedResponse(tx, id);
    if (!before) throw notFound();
    if (!canManageCannedResponses(actor, before.unit_id)) throw forbidden();
    const v = await values(tx, { ...input, unitId: input.unitId === undefined ? before.unit_id : input.unitId });
    if (!canManageCannedResponses(actor, v.unit_id)) throw forbidden();
    const after = await updateRow(tx, id, v, ctx.now());
    await audit(tx, actor, 'update', 'canned_response', id, before, after);
    return after;
  });
}

export async function deleteCannedResponse(ctx: Ctx, actor: Actor, id: string) {
  return ctx.db.transaction().execute(async (tx) => {
    const before = await findCannedResponse(tx, id);
    if (!before) throw notFound();
    if (!canManageCannedResponses(actor, before.unit_id)) throw forbidden();
    await deleteRow(tx, id);
    await audit(tx, actor, 'delete', 'canned_response', id, before);
    return { deleted: true };
  });
}
