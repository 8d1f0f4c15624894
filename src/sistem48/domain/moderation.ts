/** What a moderator may do to the public text of a report or an update, and the checks on it. */
import { invalidAs } from '../../kernel/lib/errors.ts';
import { descriptionProblem } from '../../kernel/lib/public-text.ts';

export const REPORT_ACTIONS = ['edit', 'redact', 'restore', 'approve'] as const;
export const UPDATE_ACTIONS = ['edit', 'redact', 'restore', 'approve', 'hide', 'show'] as const;
export type UpdateAction = (typeof UPDATE_ACTIONS)[number];

export interface ModerationInput<A extends string> {
  action: A;
  text?: string | null;
  reason?: string | null;
}

/**
 * The checked decision: the public text it leaves (edit: the moderator's text; redact: empty; restore:
 * null, i.e. as written, masked), and the reason. A change to the text or its visibility needs a reason,
 * which staff read in the history; approving or showing as it is does not.
 */
export function checkModeration<A extends string>(input: ModerationInput<A>): { action: A; publicText: string | null; reason: string | null } {
  const reason = input.reason?.trim() || null;
  const needsReason = input.action === 'edit' || input.action === 'redact' || input.action === 'hide';
  if (needsReason && !reason) throw invalidAs('sistem48.err_moderation_reason', {}, 'reason');
  if (reason && reason.length > 500) throw invalidAs('sistem48.err_moderation_reason', {}, 'reason');
  if (input.action === 'edit') {
    const text = input.text?.trim() ?? '';
    if (!text || text.length > 5000 || descriptionProblem(text)) throw invalidAs('sistem48.err_moderation_text', {}, 'text');
    return { action: input.action, publicText: text, reason };
  }
  return { action: input.action, publicText: input.action === 'redact' ? '' : null, reason };
}
