/**
 * Notification kinds: what the administrator configures and what templates are written for.
 *
 * A kind is the event type without its `case.` prefix, except for `case.status_changed`, which
 * covers seven different outcomes a citizen must be able to tell apart (and an administrator may
 * want to treat differently): its kind is `status:<new status>`, e.g. `status:approved`. Events an
 * external registry posts (`case.external_event`) carry the kind they map to in `data.kind`.
 */
import { EVENT_TYPES } from '../../cases/domain/event-types.ts';

export const NOTIFICATION_LEVELS = ['internal', 'notifiable', 'key'] as const;
/** internal: never sent; notifiable: sent unless the citizen chose key events only; key: sent regardless of that choice. */
export type NotificationLevel = (typeof NOTIFICATION_LEVELS)[number];

export interface KindDef {
  kind: string;
  eventType: string;
  defaultLevel: NotificationLevel;
  description: string;
}

/** The outcomes `case.status_changed` records (see eventTypeForTransition in src/cases/domain/case-status.ts). */
export const STATUS_CHANGE_TARGETS = ['in_progress', 'incomplete', 'approved', 'rejected', 'dismissed', 'suspended', 'resolved'] as const;

const statusKinds: KindDef[] = STATUS_CHANGE_TARGETS.map((to) => ({
  kind: `status:${to}`,
  eventType: 'case.status_changed',
  // Decisions and a request to complete the file are what the citizen must never miss.
  defaultLevel: to === 'in_progress' ? 'notifiable' : 'key',
  description: `Status changed to ${to.replace('_', ' ')}`,
}));

// Defaults follow the seed systems: Tivat's SMS list (registry, clerk, status changes, appeal,
// return to registry, archive), Stari Grad's Viber phases (service, clerk, awaited institution),
// VOPI's classification and assignment, Sistem 48's answer within 48 hours.
const DEFAULTS: Record<string, NotificationLevel> = {
  'case.registered': 'key',
  'case.delivered': 'notifiable',
  'case.accepted': 'notifiable',
  'case.assigned': 'notifiable',
  'case.opinion_requested': 'notifiable',
  'case.opinion_received': 'notifiable',
  'case.classified': 'notifiable',
  'case.note_added': 'notifiable',
  'case.appeal_received': 'key',
  'case.returned_to_registry': 'notifiable',
  'case.archived': 'notifiable',
  'case.rerouted': 'notifiable',
  'case.merged': 'notifiable',
  'case.response_given': 'key',
  // The first response already carries the deadline (Sistem 48 records both in one step); one SMS is enough.
  'case.deadline_set': 'internal',
  'case.field_result': 'notifiable',
};

/** Every kind: the seven status outcomes, then one per other event type (unknown ones start internal). */
export function kindDefinitions(): KindDef[] {
  const others = EVENT_TYPES.filter((e) => e.code !== 'case.status_changed' && e.code !== 'case.external_event').map((e) => ({
    kind: e.code.replace(/^case\./, ''),
    eventType: e.code,
    defaultLevel: DEFAULTS[e.code] ?? 'internal',
    description: e.description,
  }));
  return [
    ...others,
    ...statusKinds,
    {
      kind: 'registered:report',
      eventType: 'case.registered',
      defaultLevel: DEFAULTS['case.registered'] ?? 'key',
      description: 'Report received by web, SMS, e-mail, phone or Viber',
    },
    { kind: 'external', eventType: 'case.external_event', defaultLevel: 'notifiable', description: 'Other event reported by an external registry' },
    // A citizen answered "not fixed" and the report went back to work: they must hear of it and of the new deadline.
    { kind: 'reopened', eventType: 'case.status_changed', defaultLevel: 'key', description: 'Reopened because the citizen said the problem is not fixed' },
    // Staff wait for the answer (the clock is paused): the citizen must hear the question whatever they chose.
    { kind: 'question', eventType: 'case.note_added', defaultLevel: 'key', description: 'A question to the citizen (the answer clock waits for the reply)' },
  ];
}

/** Channels a report arrives by without a registry office: its receipt has its own wording. */
const REMOTE_CHANNELS: ReadonlySet<string> = new Set(['web', 'sms', 'email', 'phone', 'viber', 'api']);

const BY_KIND = new Map<string, KindDef>();
function byKind(): Map<string, KindDef> {
  // Built lazily: other modules may add event types to the catalogue before the first lookup.
  if (BY_KIND.size === 0) for (const d of kindDefinitions()) BY_KIND.set(d.kind, d);
  return BY_KIND;
}

export function findKind(kind: string): KindDef | undefined {
  return byKind().get(kind);
}

export function isKnownKind(kind: string): boolean {
  return byKind().has(kind);
}

/** The kind of a case event, or null when no kind covers it (such events are never sent). */
export function notificationKind(event: { type: string; data: Record<string, unknown> }): string | null {
  if (event.type === 'case.status_changed') {
    const to = event.data.to;
    if (event.data.reason === 'not_fixed') return 'reopened';
    return typeof to === 'string' && isKnownKind(`status:${to}`) ? `status:${to}` : null;
  }
  if (event.type === 'case.external_event') {
    const k = event.data.kind;
    return typeof k === 'string' && isKnownKind(k) ? k : 'external';
  }
  if (event.type === 'case.note_added' && event.data.question === true) return 'question';
  // A report that came from afar is acknowledged as a report, not as a file received at the registry office.
  if (event.type === 'case.registered' && typeof event.data.channel === 'string' && REMOTE_CHANNELS.has(event.data.channel)) return 'registered:report';
  // A merge is news for the duplicate's reporter only; the surviving report carries on unchanged.
  if (event.type === 'case.merged' && event.data.role === 'surviving') return null;
  const kind = event.type.replace(/^case\./, '');
  return isKnownKind(kind) && findKind(kind)!.eventType === event.type ? kind : null;
}
