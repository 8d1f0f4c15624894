/**
 * The first response the 48-hour promise is about: a status AND a planned resolution date. Both are
 * recorded (case.response_given and case.deadline_set), the case's deadline becomes the planned
 * date, the clock stops at the first such response, and the pending SLA jobs are cancelled.
 * A later call moves the planned date and tells the citizen again.
 */
import type { Actor, CaseStatus } from '../../kernel/types.ts';
import { AppError, forbidden, invalidAs } from '../../kernel/lib/errors.ts';
import { canActOnCase } from '../../cases/policy.ts';
import { updateCase, type CasePatch } from '../../cases/repositories/case-repository.ts';
import { allowedTransitions } from '../../cases/domain/case-status.ts';
import { recordCaseEvent } from '../../cases/commands/record-case-event.ts';
import { moveCaseStatus } from '../../cases/commands/move-case-status.ts';
import type { Ctx } from '../../kernel/context.ts';
import { canWorkOnReport } from '../policy.ts';
import { updateReport } from '../repositories/report-repository.ts';
import { removeJobs } from '../repositories/sla-repository.ts';
import { slaJobKey } from './file-report.ts';
import { lockVisibleReport } from './locked-report.ts';

export interface ReportResponse {
  caseId: string;
  status: CaseStatus;
  plannedResolutionAt: Date | null;
  note?: string | null;
}

/** The shortest way through the transition table from one status to another (at most three steps), or null. */
export function pathTo(from: CaseStatus, to: CaseStatus): CaseStatus[] | null {
  if (from === to) return [];
  let frontier: CaseStatus[][] = [[from]];
  for (let depth = 0; depth < 3; depth++) {
    const next: CaseStatus[][] = [];
    for (const path of frontier) {
      for (const s of allowedTransitions(path.at(-1)!)) {
        if (path.includes(s)) continue;
        if (s === to) return [...path.slice(1), s];
        next.push([...path, s]);
      }
    }
    frontier = next;
  }
  return null;
}

export async function respondToReport(ctx: Ctx, actor: Actor, input: ReportResponse) {
  // Without a date the citizen still does not know when; such an update is a plain status change and does not stop the clock.
  if (!input.plannedResolutionAt) throw invalidAs('detail.response_needs_date', {}, 'plannedResolutionAt');
  const planned = input.plannedResolutionAt;
  return ctx.db.transaction().execute(async (tx) => {
    const { c, r } = await lockVisibleReport(tx, actor, input.caseId);
    if (!canWorkOnReport(actor)) throw forbidden();
    if (r.merged_into) throw new AppError('conflict', {}, { reason: 'the report was merged into another one' });
    const now = ctx.now();
    if (planned.getTime() < now.getTime() - 60_000) throw invalidAs('detail.date_in_past', {}, 'plannedResolutionAt');
    const steps = pathTo(c.status, input.status);
    if (!steps)
      throw new AppError(
        'invalid_transition',
        { from: c.status, to: input.status, allowed: allowedTransitions(c.status).join(', ') },
        { allowed: allowedTransitions(c.status) },
      );
    // Each step is a move of its own (a resolved report answered again is reopened: in_progress, no longer closed).
    for (const to of steps) {
      if (!canActOnCase(actor, 'transition', to)) throw forbidden();
      const data: Record<string, unknown> = { from: c.status, to };
      const casePatch: CasePatch = {};
      if (to === 'accepted' && !c.clerk_id && actor.kind === 'staff') {
        casePatch.clerk_id = actor.userId;
        Object.assign(data, { clerkId: actor.userId, clerkName: actor.name });
      }
      await moveCaseStatus(tx, ctx, c, actor, { to, event: { data, casePatch, at: now } });
    }
    const first = r.responded_at === null;
    await updateCase(tx, c.id, { due_at: planned });
    await updateReport(tx, c.id, { ...(first ? { responded_at: now } : {}), planned_resolution_at: planned });
    if (first) await removeJobs(tx, [slaJobKey(c.id, 'warning'), slaJobKey(c.id, 'breach')]);
    const onTime = first ? now <= new Date(r.first_response_due_at) : null;
    const response = await recordCaseEvent(tx, ctx, c, actor, {
      type: 'case.response_given',
      note: input.note ?? null,
      data: { status: input.status, plannedResolutionAt: planned.toISOString(), firstResponse: first, onTime },
    });
    await recordCaseEvent(tx, ctx, c, actor, {
      type: 'case.deadline_set',
      data: { dueAt: planned.toISOString(), previousDueAt: c.due_at ? new Date(c.due_at).toISOString() : null },
    });
    return {
      caseId: c.id,
      status: input.status,
      plannedResolutionAt: planned,
      respondedAt: first ? now : new Date(r.responded_at!),
      firstResponse: first,
      onTime,
      eventSeq: response.seq,
    };
  });
}
