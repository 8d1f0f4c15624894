/** Read side of the organisation: units, staff, case types, event types, tokens and the audit trail. */
import type { Actor } from '../../kernel/types.ts';
import { forbidden } from '../../kernel/lib/errors.ts';
import { canManageOrganisation, canReadAuditLog, canReadOrganisation } from '../policy.ts';
import { listStaff, listUnits } from '../repositories/org-repository.ts';
import { listCaseTypes } from '../repositories/case-type-repository.ts';
import { listEventTypes } from '../repositories/event-type-repository.ts';
import { listApiTokens } from '../../kernel/repositories/auth-repository.ts';
import { auditVocabulary, listAudit, type AuditFilter } from '../../kernel/repositories/audit-repository.ts';
import { auditCsvHeader, auditCsvLine } from '../domain/audit-csv.ts';
import type { Ctx } from '../../kernel/context.ts';

export async function getUnits(ctx: Ctx, actor: Actor) {
  if (!canReadOrganisation(actor)) throw forbidden();
  return listUnits(ctx.db);
}

export async function getStaff(ctx: Ctx, actor: Actor, unitId?: string) {
  if (!canReadOrganisation(actor)) throw forbidden();
  return listStaff(ctx.db, unitId);
}

export async function getCaseTypes(ctx: Ctx, actor: Actor) {
  if (!canReadOrganisation(actor)) throw forbidden();
  return listCaseTypes(ctx.db);
}

export async function getEventTypes(ctx: Ctx, actor: Actor) {
  if (!canReadOrganisation(actor)) throw forbidden();
  return listEventTypes(ctx.db);
}

export async function getApiTokens(ctx: Ctx, actor: Actor) {
  if (!canManageOrganisation(actor)) throw forbidden();
  return listApiTokens(ctx.db);
}

export interface AuditQuery extends Omit<AuditFilter, 'from' | 'to'> {
  from?: string;
  to?: string;
  limit?: number;
  beforeId?: string;
}

const toFilter = (f: AuditQuery): AuditFilter => ({
  ...(f.actorId ? { actorId: f.actorId } : {}),
  ...(f.action ? { action: f.action } : {}),
  ...(f.entity ? { entity: f.entity } : {}),
  ...(f.entityId ? { entityId: f.entityId } : {}),
  ...(f.from ? { from: new Date(f.from) } : {}),
  ...(f.to ? { to: new Date(f.to) } : {}),
});

/** One page of the audit trail, newest first; `nextBeforeId` asks for the next (older) page. */
export async function getAuditTrail(ctx: Ctx, actor: Actor, f: AuditQuery) {
  if (!canReadAuditLog(actor)) throw forbidden();
  const limit = Math.min(f.limit ?? 100, 500);
  const items = await listAudit(ctx.db, { ...toFilter(f), limit, ...(f.beforeId ? { beforeId: f.beforeId } : {}) });
  return { items, nextBeforeId: items.length === limit ? (items.at(-1)?.id ?? null) : null };
}

export async function getAuditVocabulary(ctx: Ctx, actor: Actor) {
  if (!canReadAuditLog(actor)) throw forbidden();
  return auditVocabulary(ctx.db);
}

const EXPORT_PAGE = 1000;
/** At most this many rows in one export; a wider one is asked for with a narrower period. */
export const AUDIT_EXPORT_MAX = 100_000;

/** The filtered trail as CSV lines, read page by page so a large export does not sit in memory at once. */
export function exportAuditCsv(ctx: Ctx, actor: Actor, f: AuditQuery): AsyncGenerator<string> {
  // Refused before the first byte, so a refusal is a 403 and not a broken download.
  if (!canReadAuditLog(actor)) throw forbidden();
  return auditCsvLines(ctx, toFilter(f));
}

async function* auditCsvLines(ctx: Ctx, filter: AuditFilter): AsyncGenerator<string> {
  yield auditCsvHeader();
  let beforeId: string | undefined;
  let sent = 0;
  while (sent < AUDIT_EXPORT_MAX) {
    const rows = await listAudit(ctx.db, { ...filter, limit: EXPORT_PAGE, ...(beforeId ? { beforeId } : {}) });
    for (const r of rows) yield auditCsvLine(r);
    sent += rows.length;
    if (rows.length < EXPORT_PAGE) return;
    beforeId = rows.at(-1)!.id;
  }
}
