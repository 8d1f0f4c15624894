/**
 * Runs when one report crosses its 75 % mark or its first-response deadline (a graphile-worker job
 * scheduled at registration for exactly that instant, so no run ever scans the open reports). It
 * re-checks the report: answered, merged or closed reports are left alone. Otherwise it records the
 * escalation (once: the unique key makes retries harmless), an internal case.escalated event
 * naming who must act — the unit head for a warning, the unit head and leadership for a breach —
 * and an e-mail to each of them and to the unit's mailbox.
 */
import { SYSTEM_ACTOR } from '../../kernel/types.ts';
import { lockVisibleCase } from '../../cases/repositories/case-repository.ts';
import { recordCaseEvent } from '../../cases/commands/record-case-event.ts';
import { enqueueJob } from '../../kernel/jobs.ts';
import type { Ctx } from '../../kernel/context.ts';
import { lockReport } from '../repositories/report-repository.ts';
import { insertEscalation, leadership, unitAndAbove, type StaffContact } from '../repositories/sla-repository.ts';
import { findCategory } from '../repositories/category-repository.ts';
import { pickText } from '../domain/fields.ts';
import { queueDirectMessage } from '../../notifications/commands/queue-direct-message.ts';
import { t } from '../../i18n/index.ts';
import { DEFAULT_LOCALE, isLocale, type Locale } from '../../i18n/locales.ts';
import { formatDate } from '../../notifications/domain/render.ts';
import { SLA_TASK, slaJobKey } from './file-report.ts';

/** The day as the notification texts write it, and the time (24-hour) in the municipality's zone. */
function formatDateTime(at: Date, locale: Locale, timeZone: string): string {
  const time = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hour12: false }).format(at);
  return `${formatDate(at, locale, timeZone)} ${time}`;
}

export interface SlaJob {
  caseId: string;
  level: 'warning' | 'breach';
}

export type SlaOutcome = 'escalated' | 'answered' | 'closed' | 'paused' | 'already' | 'rescheduled' | 'missing';

export async function checkSlaThreshold(ctx: Ctx, job: SlaJob): Promise<SlaOutcome> {
  return ctx.db.transaction().execute(async (tx) => {
    const c = await lockVisibleCase(tx, { kind: 'all' }, job.caseId);
    const r = c ? await lockReport(tx, c.id) : undefined;
    if (!c || !r) return 'missing';
    if (r.responded_at) return 'answered';
    if (r.merged_into || !c.is_open) return 'closed';
    // Waiting for the citizen: the clock stands still; the move out of the wait moves the deadline and this job on.
    if (c.paused_at) return 'paused';
    const now = ctx.now();
    const at = new Date(job.level === 'warning' ? r.first_response_warn_at : r.first_response_due_at);
    // Woken early (a clock moved, or a job added by hand): go back to sleep until the real instant.
    if (now.getTime() < at.getTime() - 1000) {
      await enqueueJob(tx, SLA_TASK, job, { runAt: at, jobKey: slaJobKey(c.id, job.level), maxAttempts: 10 });
      return 'rescheduled';
    }
    // The head of the unit, or of the nearest unit above it that has one; at a breach also
    // leadership; and leadership whenever nobody else would hear of it.
    const chain = c.unit_id ? await unitAndAbove(tx, c.unit_id) : [];
    const unit = chain[0];
    const head = chain.find((u) => u.head)?.head ?? null;
    const people = new Map<string, StaffContact>();
    if (head) people.set(head.id, head);
    if (job.level === 'breach' || !people.size) for (const l of await leadership(tx)) people.set(l.id, l);
    const recipients = [...people.keys()];
    const dueAt = new Date(r.first_response_due_at);
    const fresh = await insertEscalation(tx, { caseId: c.id, level: job.level, dueAt, unitId: c.unit_id, recipientIds: recipients, firedAt: now });
    if (!fresh) return 'already';
    await recordCaseEvent(tx, ctx, c, SYSTEM_ACTOR, {
      type: 'case.escalated',
      data: {
        level: job.level,
        threshold: job.level === 'warning' ? 'first_response_75' : 'first_response_due',
        dueAt: dueAt.toISOString(),
        unitId: c.unit_id,
        unitName: unit?.name ?? null,
        recipientIds: recipients,
        notify: job.level === 'warning' ? ['unit_head'] : ['unit_head', 'leadership'],
      },
    });
    // The case event is internal (the citizen is not told of it); the staff named hear of it by
    // e-mail, and so does the unit's own mailbox, queued in this transaction.
    const category = await findCategory(tx, { id: r.category_id });
    const mailboxes: StaffContact[] = [...people.values(), ...(unit?.email ? [{ id: '', email: unit.email, locale: null }] : [])];
    const sentTo = new Set<string>();
    for (const p of mailboxes) {
      if (!p.email || sentTo.has(p.email)) continue;
      sentTo.add(p.email);
      const locale: Locale = isLocale(p.locale) ? p.locale : DEFAULT_LOCALE;
      const params = {
        number: c.number,
        category: category ? pickText(category.name, locale) : '',
        unit: unit?.name ?? '',
        due: formatDateTime(dueAt, locale, ctx.config.timezone),
        link: `${ctx.config.publicUrl}/cases/${c.id}`,
        // The category's own warning mark (75 % unless configured otherwise), written the locale's way.
        share: (category?.warn_percent ?? 75) / 100,
      };
      await queueDirectMessage(tx, ctx, {
        purpose: `sla_${job.level}`,
        channel: 'email',
        recipient: p.email,
        locale,
        userId: p.id || null,
        caseId: c.id,
        subject: t(locale, job.level === 'warning' ? 'sistem48.escalation_subject_warning' : 'sistem48.escalation_subject_breach', params),
        body: t(locale, 'sistem48.escalation_body', params),
      });
    }
    return 'escalated';
  });
}
