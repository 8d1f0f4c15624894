/**
 * Sistem 48's writer in the transaction of every case event:
 * - a case resolved schedules "is it fixed?" for the people who asked for the work;
 * - a case that stops waiting for the citizen (its event carries `pausedMs`, see moveCaseStatus)
 *   moves its report's first-response clock on by the time waited, with its SLA jobs, so the wait
 *   is not counted against the unit.
 */
import type { OutboxWriter } from '../kernel/context.ts';
import { enqueueJobs } from '../kernel/jobs.ts';
import { lockReport, updateReport } from './repositories/report-repository.ts';
import { scheduleFixQuestions } from './commands/schedule-fix-questions.ts';
import { SLA_TASK, slaJobKey } from './commands/file-report.ts';

export const sistem48Outbox: OutboxWriter = async (tx, event, ctx) => {
  if (event.type === 'case.status_changed' && event.data.to === 'resolved') {
    await scheduleFixQuestions(tx, ctx, { caseId: event.caseId, resolvedAt: event.occurredAt });
  }
  const waited = event.data.pausedMs;
  if (typeof waited === 'number' && waited > 0) {
    const r = await lockReport(tx, event.caseId);
    if (!r) return;
    const later = (d: Date | string) => new Date(new Date(d).getTime() + waited);
    if (r.planned_resolution_at) await updateReport(tx, event.caseId, { planned_resolution_at: later(r.planned_resolution_at) });
    if (r.responded_at) return;
    const dueAt = later(r.first_response_due_at);
    const warnAt = later(r.first_response_warn_at);
    await updateReport(tx, event.caseId, { first_response_due_at: dueAt, first_response_warn_at: warnAt });
    await enqueueJobs(
      tx,
      (['warning', 'breach'] as const).map((level) => ({
        task: SLA_TASK,
        payload: { caseId: event.caseId, level },
        options: { runAt: level === 'warning' ? warnAt : dueAt, jobKey: slaJobKey(event.caseId, level), maxAttempts: 10 },
      })),
    );
  }
};
