/** How reports are shown: the public shape (no personal data), the public timeline, and the first-response clock. */
import { t, type Locale } from '../../i18n/index.ts';
import type { CaseStatus } from '../../kernel/types.ts';
import { clockAt } from '../domain/sla-clock.ts';
import { pickText } from '../domain/fields.ts';
import { maskContacts } from '../../kernel/lib/public-text.ts';
import type { PublicReportRow } from '../repositories/report-repository.ts';

export function presentClock(
  now: Date,
  r: {
    first_response_due_at: Date | string;
    first_response_warn_at: Date | string;
    responded_at: Date | string | null;
    is_open?: boolean;
    closed_at?: Date | string | null;
  },
) {
  // A report closed without a separate response (resolved at once, or merged) was answered when it closed.
  const answeredAt = r.responded_at ? new Date(r.responded_at) : r.is_open === false && r.closed_at ? new Date(r.closed_at) : null;
  const c = clockAt(now, { dueAt: new Date(r.first_response_due_at), warnAt: new Date(r.first_response_warn_at), answeredAt });
  return {
    state: c.state,
    dueAt: c.dueAt,
    warnAt: c.warnAt,
    remainingSeconds: Math.round(c.remainingMs / 1000),
    answeredAt: c.answeredAt,
    answeredLate: c.answeredLate,
  };
}

export function presentPublicReport(r: PublicReportRow, locale: Locale, now: Date) {
  return {
    id: String(r.report_no),
    number: r.number,
    category: { code: r.category_code, name: pickText(r.category_name, locale) },
    status: r.status,
    statusLabel: t(locale, `status.${r.status}`),
    open: r.is_open,
    description: maskContacts(r.description),
    address: r.address,
    lat: r.lat,
    lon: r.lon,
    unit: r.unit_name,
    registeredAt: r.registered_at,
    updatedAt: r.updated_at,
    plannedResolutionAt: r.planned_resolution_at,
    closedAt: r.closed_at,
    mergedInto: r.merged_into_report_no ? String(r.merged_into_report_no) : null,
    fields: r.field_values,
    photoIds: r.photo_ids,
    firstResponse: presentClock(now, r),
    // The promise this report runs on: hours, on the calendar or in working hours only.
    sla: { hours: r.sla_hours, clock: r.sla_clock },
    // Awaiting review: the category asks a moderator to read the report before the public does (no text, no photos until then).
    awaitingReview: r.awaiting_review,
    moderated: r.moderated,
    // Waiting for the citizen: the answer clock stands still since then; the hours waited so far are not counted against the unit.
    waitingForCitizenSince: r.paused_at,
    pausedHours: Math.round((Number(r.paused_ms) / 3_600_000) * 10) / 10,
  };
}

// Notes of these events are written for the public about the problem itself; other notes may address the reporter by name.
const PUBLIC_NOTE_TYPES = new Set(['case.response_given', 'case.field_result']);

export interface PublicEvent {
  type: string;
  occurred_at: Date | string;
  data: Record<string, unknown>;
  note: string | null;
  awaitingReview?: boolean;
}

/** One step of the public timeline: what happened and when, never who did it or who reported it. */
export function presentTimelineItem(e: PublicEvent, locale: Locale) {
  const d = e.data ?? {};
  const status = (typeof d.to === 'string' ? d.to : typeof d.status === 'string' ? d.status : null) as CaseStatus | null;
  return {
    type: e.type,
    // A move the citizen caused says so: reopened because it is not fixed, or back to work after their reply.
    label:
      d.reason === 'not_fixed'
        ? t(locale, d.by === 'follower' ? 'sistem48.timeline_reopened_follower' : 'sistem48.timeline_reopened')
        : d.reason === 'citizen_replied'
          ? t(locale, 'sistem48.timeline_citizen_replied')
          : t(locale, `event.${e.type}` as never),
    at: new Date(e.occurred_at),
    status,
    statusLabel: status ? t(locale, `status.${status}`) : null,
    unit: ['case.delivered', 'case.rerouted'].includes(e.type) && typeof d.unitName === 'string' ? d.unitName : null,
    plannedResolutionAt:
      typeof d.plannedResolutionAt === 'string' ? d.plannedResolutionAt : typeof d.dueAt === 'string' && e.type === 'case.deadline_set' ? d.dueAt : null,
    mergedInto: typeof d.intoReportNo === 'string' ? d.intoReportNo : null,
    photoIds: Array.isArray(d.photoIds) ? d.photoIds : [],
    note: PUBLIC_NOTE_TYPES.has(e.type) || (e.type === 'case.note_added' && d.source === 'open311') ? e.note : null,
    awaitingReview: e.awaitingReview ?? false,
  };
}
