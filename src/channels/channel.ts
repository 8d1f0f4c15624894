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
}

export type SendResult =
  | { kind: 'sent'; providerMessageId: string; parts?: number }
  // The same message may succeed later: provider down, throttled, HTTP 5xx/429, timeouts.
  | { kind: 'retryable'; reason: string; retryAfterMs?: number }
  // Sending it again cannot help: invalid number, rejected address, user unsubscribed.
  | { kind: 'permanent'; reason: string };

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
