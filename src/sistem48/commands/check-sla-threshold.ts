/**
 * Runs when one report crosses its 75 % mark or its first-response deadline (a graphile-worker job
 * scheduled at registration for exactly that instant, so no run ever scans the open reports). It
 * re-checks the report: answered, merged or closed reports are left alone. Otherwise it records the
 * escalation (once: the unique key makes retries harmless) and an internal case.escalated event
 * naming who must act — the unit head for a warning, the unit head and leadership for a breach —
 * for the notification engine to deliver.
 */
import { SYSTEM_ACTOR } from '../../domain/types.ts';
import { lockVisibleCase } from '../../repositories/case-repository.ts';
import { recordCaseEvent } from '../../commands/record-case-event.ts';
import { enqueueJob } from '../../jobs/registry.ts';
import type { Ctx } from '../../commands/context.ts';
import { lockReport } from '../repositories/report-repository.ts';
import { insertEscalation, leadershipIds, unitHead } from '../repositories/sla-repository.ts';
import { SLA_TASK, slaJobKey } from './file-report.ts';

export interface SlaJob { caseId: string; level: 'warning' | 'breach' }

export type SlaOutcome = 'escalated' | 'answered' | 'closed' | 'already' | 'rescheduled' | 'missing';

export async function checkSlaThreshold(ctx: Ctx, job: SlaJob): Promise<SlaOutcome> {
  return ctx.db.transaction().execute(async (tx) => {
    const c = await lockVisibleCase(tx, { kind: 'all' }, job.caseId);
    const r = c ? await lockReport(tx, c.id) : undefined;
    if (!c || !r) return 'missing';
    if (r.responded_at) return 'answered';
    if (r.merged_into || !c.is_open) return 'closed';
    const now = ctx.now();
    const at = new Date(job.level === 'warning' ? r.first_response_warn_at : r.first_response_due_at);
    // Woken early (a clock moved, or a job added by hand): go back to sleep until the real instant.
    if (now.getTime() < at.getTime() - 1000) {
      await enqueueJob(tx, SLA_TASK, job, { runAt: at, jobKey: slaJobKey(c.id, job.level), maxAttempts: 10 });
      return 'rescheduled';
    }
    const unit = c.unit_id ? await unitHead(tx, c.unit_id) : undefined;
    const recipients = new Set<string>();
    if (unit?.head_user_id) recipients.add(unit.head_user_id);
    if (job.level === 'breach') for (const id of await leadershipIds(tx)) recipients.add(id);
    const dueAt = new Date(r.first_response_due_at);
    const fresh = await insertEscalation(tx, { caseId: c.id, level: job.level, dueAt, unitId: c.unit_id, recipientIds: [...recipients], firedAt: now });
    if (!fresh) return 'already';
    await recordCaseEvent(tx, ctx, c, SYSTEM_ACTOR, {
      type: 'case.escalated',
      data: {
        level: job.level, threshold: job.level === 'warning' ? 'first_response_75' : 'first_response_due', dueAt: dueAt.toISOString(),
        unitId: c.unit_id, unitName: unit?.name ?? null, recipientIds: [...recipients], notify: job.level === 'warning' ? ['unit_head'] : ['unit_head', 'leadership'],
      },
    });
    return 'escalated';
  });
}
