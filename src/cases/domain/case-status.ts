/**
 * The case lifecycle: one transition table covering every step the seed systems name. A case is born
 * `received` (INITIAL_STATUS); every later change of status goes through `moveCaseStatus`
 * (commands/move-case-status.ts), which asks `checkMove` here, so no code path can invent a move the
 * rules lack. The table is the rule for staff and citizens' work (reopening included: a resolved
 * report answered again goes back to `in_progress`); two moves have rules of their own: a merge
 * closing a duplicate report (`checkMergeClose`), and the mirror of an external registry, which
 * follows whatever status the registry (the record for its cases) reports.
 */
import { CASE_STATUSES, DECISION_STATUSES, type CaseStatus } from '../../kernel/types.ts';

const DECIDE = DECISION_STATUSES;

export const TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  // The registry office receives and numbers the case, then delivers it to the deciding body.
  received: ['delivered', 'dismissed'],
  // The deciding body receives it at its desk, or sends it back when it is not competent.
  delivered: ['accepted', 'returned_to_registry'],
  accepted: ['in_progress', 'awaiting_opinion', 'incomplete', ...DECIDE],
  in_progress: ['awaiting_opinion', 'incomplete', ...DECIDE, 'returned_to_registry'],
  // Waiting for another institution's opinion ends when it arrives (back to work) or the case is suspended.
  awaiting_opinion: ['in_progress', 'suspended'],
  // The citizen supplements (back to work) or fails to, and the request is dismissed.
  incomplete: ['in_progress', 'dismissed'],
  approved: ['appeal_received', 'returned_to_registry'],
  rejected: ['appeal_received', 'returned_to_registry'],
  dismissed: ['appeal_received', 'returned_to_registry'],
  suspended: ['in_progress', 'appeal_received', 'returned_to_registry'],
  resolved: ['appeal_received', 'returned_to_registry', 'in_progress'],
  // An appeal reopens the case: the body reconsiders it, or it goes to the second instance via the registry.
  appeal_received: ['in_progress', ...DECIDE, 'returned_to_registry'],
  // Back at the registry office it is archived, or delivered again (for example after an appeal).
  returned_to_registry: ['archived', 'delivered'],
  archived: [],
};

/** Statuses in which the case waits for the citizen: the answer clock is paused while it is in one. */
export const WAITING_FOR_CITIZEN: readonly CaseStatus[] = ['incomplete'];

/** The status every case is registered in. */
export const INITIAL_STATUS = 'received' satisfies CaseStatus;

export type TransitionCheck = { ok: true } | { ok: false; allowed: readonly CaseStatus[] };

export function allowedTransitions(from: CaseStatus): readonly CaseStatus[] {
  return TRANSITIONS[from];
}

export function checkTransition(from: CaseStatus, to: CaseStatus): TransitionCheck {
  const allowed = TRANSITIONS[from];
  return allowed.includes(to) ? { ok: true } : { ok: false, allowed };
}

/**
 * A duplicate merged into another report is closed as resolved (the surviving report carries the
 * work) from whatever open step it was in; a closed case is not closed again.
 */
export const MERGED_DUPLICATE_STATUS: CaseStatus = 'resolved';

export function checkMergeClose(from: CaseStatus): TransitionCheck {
  return isOpen(from) ? { ok: true } : { ok: false, allowed: [] };
}

/**
 * Which rule a status move follows: `transition` the table (staff, citizens, Sistem 48 responses and
 * field results); `merge_close` the closing of a merged duplicate; `registry_mirror` the external
 * registry's own word about its case (any other status; Glas mirrors it and does not judge it).
 */
export type MoveRule = 'transition' | 'merge_close' | 'registry_mirror';

export function checkMove(from: CaseStatus, to: CaseStatus, rule: MoveRule): TransitionCheck {
  switch (rule) {
    case 'transition':
      return checkTransition(from, to);
    case 'merge_close':
      return to === MERGED_DUPLICATE_STATUS ? checkMergeClose(from) : { ok: false, allowed: [] };
    case 'registry_mirror':
      return to !== from ? { ok: true } : { ok: false, allowed: CASE_STATUSES.filter((s) => s !== from) };
  }
}

export function isDecision(status: CaseStatus): boolean {
  return (DECIDE as readonly CaseStatus[]).includes(status);
}

/** Statuses in which a case is still being worked on (mirrors the generated column cases.is_open). */
export function isOpen(status: CaseStatus): boolean {
  return !isDecision(status) && status !== 'archived';
}

/**
 * Whether a case in this status can still be assigned or take documents. An archived file is closed for
 * good (no transition leaves 'archived'); the API refuses both and the case page does not offer them.
 */
export function acceptsWork(status: CaseStatus, _work: 'assign' | 'document'): boolean {
  return status !== 'archived';
}

/** Which event type records a move into `to` (from `from`). */
export function eventTypeForTransition(from: CaseStatus, to: CaseStatus): string {
  switch (to) {
    case 'delivered':
      return 'case.delivered';
    case 'accepted':
      return 'case.accepted';
    case 'awaiting_opinion':
      return 'case.opinion_requested';
    case 'appeal_received':
      return 'case.appeal_received';
    case 'returned_to_registry':
      return 'case.returned_to_registry';
    case 'archived':
      return 'case.archived';
    case 'in_progress':
      return from === 'awaiting_opinion' ? 'case.opinion_received' : 'case.status_changed';
    default:
      return 'case.status_changed';
  }
}
