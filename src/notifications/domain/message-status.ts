/**
 * The life of one message. Changed only through moveMessageStatus (repositories/message-repository.ts),
 * which locks the row and checks this table, so no code path can move a message out of a final state.
 */

export const MESSAGE_STATUSES = ['queued', 'sending', 'sent', 'delivered', 'failed_temporary', 'failed_permanent', 'expired'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export const FINAL_STATUSES: readonly MessageStatus[] = ['delivered', 'failed_permanent', 'expired'];

export const MESSAGE_TRANSITIONS: Readonly<Record<MessageStatus, readonly MessageStatus[]>> = {
  // Waiting for its delivery job; it may be refused before sending (consent withdrawn) or run out of time.
  queued: ['sending', 'failed_permanent', 'expired'],
  // Handed to the channel. The outcome is sent, a failure, or (after a crash) unknown: failed_temporary and tried again.
  sending: ['sent', 'failed_temporary', 'failed_permanent'],
  // Accepted by the provider; its delivery report says what happened on the handset.
  sent: ['delivered', 'failed_permanent', 'expired'],
  // 'sent' too: a send that outlived the stuck-message replay may still report its (successful) outcome.
  failed_temporary: ['sending', 'sent', 'failed_permanent', 'expired'],
  delivered: [],
  failed_permanent: [],
  expired: [],
};

/** States from which the delivery job may (re)claim a message. */
export const SENDABLE: readonly MessageStatus[] = ['queued', 'failed_temporary'];

/** The statuses a message may be in for a move to `to` to be allowed (the guard of the one status-changing function). */
export function predecessors(to: MessageStatus): MessageStatus[] {
  return MESSAGE_STATUSES.filter((from) => MESSAGE_TRANSITIONS[from].includes(to));
}
