/**
 * The one interface every delivery channel implements. A channel only says what happened to one
 * attempt (sent / retryable / permanent); the delivery job alone owns retries and backoff, so no
 * channel retries by itself.
 */

export type ChannelName = 'sms' | 'email' | 'viber';

export interface OutboundMessage {
  /** Our own id of the notification; e-mail uses it in Message-ID, Viber as tracking_data. */
  messageId: string;
  /** E.164 phone number, e-mail address, or Viber user id, depending on the channel. */
  to: string;
  subject?: string;
  text: string;
  html?: string;
  listUnsubscribeUrl?: string;
  locale?: string;
  /** Viber only: a keyboard for this message (e.g. the citizen's own cases), instead of the channel's default one. */
  keyboard?: Record<string, unknown>;
  /**
   * SMS only: the parts of this message the SMSC accepted in earlier attempts. Only the others are
   * submitted, under the same concatenation reference, so a retry never resends an accepted part.
   */
  acceptedParts?: readonly AcceptedSmsPart[];
  /**
   * SMS only: told at once of each part the SMSC accepts while later parts are still to go, so the
   * caller can keep it before the outcome (a crash in between then resends only the parts after it).
   * Not awaited: the next part is submitted meanwhile. The outcome's newParts lists these parts too.
   */
  onPartAccepted?: (part: AcceptedSmsPart) => void;
}

/** One part of a concatenated SMS as the SMSC accepted it (part numbers from 1). */
export interface AcceptedSmsPart {
  part: number;
  total: number;
  reference: number;
  providerMessageId: string;
}

/**
 * `newParts` (multipart SMS): the parts the SMSC accepted in this attempt, whatever its outcome; the
 * caller keeps them for the next attempt (acceptedParts) and to match their delivery receipts.
 */
export type SendResult =
  | { kind: 'sent'; providerMessageId: string; parts?: number; newParts?: AcceptedSmsPart[] }
  // The same message may succeed later: provider down, throttled, HTTP 5xx/429, timeouts.
  | { kind: 'retryable'; reason: string; retryAfterMs?: number; newParts?: AcceptedSmsPart[] }
  // Sending it again cannot help: invalid number, rejected address, user unsubscribed.
  | { kind: 'permanent'; reason: string; newParts?: AcceptedSmsPart[] };

export interface Channel {
  readonly name: ChannelName;
  /** Never throws: every failure is reported as a SendResult. */
  send(msg: OutboundMessage): Promise<SendResult>;
  close(): Promise<void>;
}

export type DeliveryReport = {
  channel: ChannelName;
  providerMessageId: string;
  status: 'delivered' | 'failed' | 'expired' | 'seen';
  detail?: string;
  at: Date;
};

/**
 * Receives asynchronous receipts. A returned promise is awaited before the provider is told the
 * receipt was taken (where the protocol allows it), so a failed write makes the provider resend.
 */
export type ReportHandler = (report: DeliveryReport) => void | Promise<void>;

/** Optional diagnostic sink; peers and channels print nothing by themselves. */
export type Logger = (level: 'debug' | 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;

export const silentLogger: Logger = () => {};
