/**
 * Sistem 48's writers in the transaction of every case event.
 *
 * sistem48Outbox:
 * - a case resolved schedules "is it fixed?" for the people who asked for the work;
 * - a case that stops waiting for the citizen (its event carries `pausedMs`, see moveCaseStatus)
 *   moves its report's first-response clock on by the time waited, with its SLA jobs, so the wait
 *   is not counted against the unit.
 *
 * tellFollowers: a public update of a problem report is told to each of its proven followers on their
 * channel (SMS or e-mail), in their language, with the report's public page and a link that stops the
 * updates. Only what the public page shows is said: the event and the status, never a note (it may
 * await a moderator) or a name.
 */
import type { OutboxWriter } from '../kernel/context.ts';
import { enqueueJobs } from '../kernel/jobs.ts';
import { lockReport, updateReport } from './repositories/report-repository.ts';
import { scheduleFixQuestions } from './commands/schedule-fix-questions.ts';
import { SLA_TASK, slaJobKey } from './commands/file-report.ts';
import { CASE_STATUSES } from '../kernel/types.ts';
import { isLocale, t, type MessageKey } from '../i18n/index.ts';
import { queueDirectMessage } from '../notifications/commands/queue-direct-message.ts';
import { followersToTell, reportRefOf } from './repositories/follower-repository.ts';
import { FOLLOW_UPDATE_KIND } from './domain/follow-code.ts';

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

/** Events a follower is not told of: the report's filing (they followed it after) and the follow itself. */
const SILENT = new Set(['case.registered']);

export const tellFollowers: OutboxWriter = async (tx, event, ctx) => {
  // A case registered in this transaction has no followers yet: following takes a report that exists.
  if (event.visibility !== 'public' || SILENT.has(event.type) || event.caseIsNew) return;
  const followers = await followersToTell(tx, event.caseId);
  if (!followers.length) return;
  const report = await reportRefOf(tx, event.caseId);
  if (!report) return;
  const to = typeof event.data.to === 'string' && (CASE_STATUSES as readonly string[]).includes(event.data.to) ? event.data.to : null;
  for (const f of followers) {
    const locale = isLocale(f.locale) ? f.locale : 'sr-Latn';
    const what = to ? t(locale, `status.${to}` as MessageKey) : t(locale, `event.${event.type}` as MessageKey);
    const params = {
      municipality: ctx.config.municipalityName,
      number: report.number,
      what,
      url: `${ctx.config.publicUrl}/problems/${report.report_no}`,
      stop: `${ctx.config.publicUrl}/problems/stop#${f.stop_token}`,
    };
    await queueDirectMessage(tx, ctx, {
      purpose: FOLLOW_UPDATE_KIND,
      channel: f.channel,
      recipient: f.address,
      locale,
      caseId: event.caseId,
      subject: f.channel === 'email' ? t(locale, 's48f.email_subject_update', params) : null,
      body: t(locale, 's48f.update', params),
    });
  }
};
