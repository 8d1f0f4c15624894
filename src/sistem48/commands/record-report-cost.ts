/** Records what the work on a report cost (labour hours, materials, contractor) for the financial reports; internal to the municipality. */
import type { Actor } from '../../kernel/types.ts';
import { forbidden, invalidAs } from '../../kernel/lib/errors.ts';
import { recordCaseEvent } from '../../cases/commands/record-case-event.ts';
import type { Ctx } from '../../kernel/context.ts';
import { canWorkOnReport } from '../policy.ts';
import { insertCost } from '../repositories/cost-repository.ts';
import { lockVisibleReport } from './locked-report.ts';

export interface CostInput {
  caseId: string;
  labourHours?: number;
  materials?: number;
  contractor?: number;
  contractorName?: string | null;
  note?: string | null;
}

export async function recordReportCost(ctx: Ctx, actor: Actor, input: CostInput) {
  const labourHours = input.labourHours ?? 0;
  const materials = input.materials ?? 0;
  const contractor = input.contractor ?? 0;
  for (const [k, v] of Object.entries({ labourHours, materials, contractor })) {
    if (!Number.isFinite(v) || v < 0 || v > 1e10) throw invalidAs('detail.amount_not_negative', { field: k }, k);
  }
  if (labourHours + materials + contractor === 0) throw invalidAs('detail.cost_needs_one', {}, 'labourHours');
  return ctx.db.transaction().execute(async (tx) => {
    const { c } = await lockVisibleReport(tx, actor, input.caseId);
    if (!canWorkOnReport(actor)) throw forbidden();
    const row = await insertCost(tx, {
      caseId: c.id,
      unitId: c.unit_id,
      labourHours,
      materials,
      contractor,
      contractorName: input.contractorName ?? null,
      note: input.note ?? null,
      recordedBy: actor.kind === 'system' ? null : actor.userId,
      recordedAt: ctx.now(),
    });
    await recordCaseEvent(tx, ctx, c, actor, {
      type: 'case.cost_recorded',
      note: input.note ?? null,
      data: { costId: row.id, labourHours, materials, contractor, contractorName: input.contractorName ?? null },
    });
    return row;
  });
}
