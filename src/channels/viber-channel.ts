/**
 * Viber over the REST Bot API. Sending is one POST to /pa/send_message; receipts (delivered, seen,
 * failed) and citizens' own messages come back to our webhook, which hands the raw body and the
 * signature header to handleCallback(), so the HTTP route stays a thin adapter.
 *
 * Viber answers almost everything with HTTP 200 and a numeric status in the body; the mapping of
 * those codes to retryable/permanent lives here and nowhere else.
 */
import type { Channel, DeliveryReport, Logger, OutboundMessage, ReportHandler, SendResult } from './channel.ts';
import { silentLogger } from './channel.ts';
import { parseViberCallback, parseViberJson } from './viber-callback.ts';
import type { ViberCallback } from './viber-callback.ts';
import { verifyViberSignature } from './viber-signature.ts';

export const VIBER_API_URL = 'https://chatapi.viber.com';
/** Viber refuses longer text messages. */
export const VIBER_MAX_TEXT = 7000;

// https://developers.viber.com/docs/api/rest-bot-api/#error-codes
export const VIBER_STATUS: Readonly<Record<number, string>> = {
  0: 'ok',
  1: 'invalidUrl',
  2: 'invalidAuthToken',
  3: 'badData',
  4: 'missingData',
  5: 'receiverNotRegistered',
  6: 'receiverNotSubscribed',
  7: 'publicAccountBlocked',
  8: 'publicAccountNotFound',
  9: 'publicAccountSuspended',
  10: 'webhookNotSet',
  11: 'receiverNoSuitableDevice',
  12: 'tooManyRequests',
  13: 'apiVersionNotSupported',
  14: 'incompatibleWithVersion',
  15: 'publicAccountNotAuthorized',
  16: 'inchatReplyMessageNotAllowed',
  17: 'publicAccountIsNotInline',
  18: 'noPublicChat',
  19: 'cannotSendBroadcast',
  20: 'broadcastNotAllowed',
  21: 'unsupportedCountry',
  22: 'paymentUnsupported',
  23: 'freeMessagesExceeded',
  24: 'noBalance',
};

// Rate limits and an exhausted balance pass with time (or a payment); everything else Viber
// reports concerns this receiver or this request and will not change by resending it.
const RETRYABLE_STATUS = new Map<number, number>([
  [12, 60_000],
  [23, 3_600_000],
  [24, 3_600_000],
]);

export interface ViberChannelOptions {
  authToken: string;
  /** Shown as the sender; Viber allows up to 28 characters. */
  senderName: string;
  senderAvatar?: string;
  baseUrl?: string;
  /** Default 1. */
  minApiVersion?: number;
  /** Optional Viber keyboard object sent with every message (e.g. a "Status predmeta" button). */
  keyboard?: Record<string, unknown>;
  /** Default 10 000. */
  timeoutMs?: number;
  onReport?: ReportHandler;
  /** Subscriptions, conversation starts and citizens' messages. */
  onEvent?: (event: Exclude<ViberCallback, { event: 'delivered' | 'seen' | 'failed' }>) => void | Promise<void>;
  logger?: Logger;
}

export interface CallbackOutcome {
  /** HTTP status for the webhook response: 200 taken, 400 unreadable, 403 bad signature, 500 our failure (Viber retries). */
  httpStatus: 200 | 400 | 403 | 500;
  callback?: ViberCallback;
}

function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function statusName(status: number): string {
  return `${VIBER_STATUS[status] ?? 'generalError'} (${status})`;
}

export class ViberChannel implements Channel {
  readonly name = 'viber' as const;
  private readonly opts: ViberChannelOptions;
  private readonly baseUrl: string;
  private readonly log: Logger;

  constructor(options: ViberChannelOptions) {
    if (options.senderName.length === 0 || options.senderName.length > 28) throw new RangeError('Viber sender name must be 1-28 characters');
    this.opts = options;
    this.baseUrl = (options.baseUrl ?? VIBER_API_URL).replace(/\/+$/, '');
    this.log = options.logger ?? silentLogger;
  }

  async send(msg: OutboundMessage): Promise<SendResult> {
    if (msg.to.trim() === '') return { kind: 'permanent', reason: 'no Viber user id' };
    if (msg.text.length === 0) return { kind: 'permanent', reason: 'empty Viber text' };
    if (msg.text.length > VIBER_MAX_TEXT) return { kind: 'permanent', reason: `Viber text is ${msg.text.length} characters, more than ${VIBER_MAX_TEXT}` };
    const body = {
      receiver: msg.to,
      min_api_version: this.opts.minApiVersion ?? 1,
      sender: { name: this.opts.senderName, ...(this.opts.senderAvatar ? { avatar: this.opts.senderAvatar } : {}) },
      // Echoed back in the citizen's replies, which lets a reply be tied to the notification.
      tracking_data: msg.messageId,
      type: 'text',
      text: msg.text,
      ...((msg.keyboard ?? this.opts.keyboard) ? { keyboard: msg.keyboard ?? this.opts.keyboard } : {}),
    };
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${this.baseUrl}/pa/send_message`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Viber-Auth-Token': this.opts.authToken },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 10_000),
      });
      text = await response.text();
    } catch (error) {
      const reason = error instanceof Error && error.name === 'TimeoutError' ? 'Viber API timed out' : `Viber API unreachable: ${String(error)}`;
      return { kind: 'retryable', reason };
    }
    if (response.status === 429)
      return { kind: 'retryable', reason: 'Viber API HTTP 429', retryAfterMs: retryAfterMs(response.headers.get('retry-after')) ?? 60_000 };
    if (response.status >= 500) return { kind: 'retryable', reason: `Viber API HTTP ${response.status}` };
    if (!response.ok) return { kind: 'permanent', reason: `Viber API HTTP ${response.status}` };

    let result: { status?: unknown; status_message?: unknown; message_token?: unknown };
    try {
      result = parseViberJson(text) as typeof result;
    } catch {
      return { kind: 'retryable', reason: 'Viber API answered with invalid JSON' };
    }
    const status = typeof result.status === 'number' ? result.status : -1;
    if (status === 0 && typeof result.message_token === 'string') return { kind: 'sent', providerMessageId: result.message_token };
    if (status === 0) return { kind: 'retryable', reason: 'Viber API answered ok without a message_token' };
    const reason = `Viber ${statusName(status)}${typeof result.status_message === 'string' && result.status_message !== VIBER_STATUS[status] ? `: ${result.status_message}` : ''}`;
    const wait = RETRYABLE_STATUS.get(status);
    return wait !== undefined ? { kind: 'retryable', reason, retryAfterMs: wait } : { kind: 'permanent', reason };
  }

  /** Verifies, parses and dispatches one webhook request; the route just returns httpStatus. */
  async handleCallback(rawBody: Buffer | string, signatureHeader: string | string[] | undefined): Promise<CallbackOutcome> {
    if (!verifyViberSignature(this.opts.authToken, rawBody, signatureHeader)) return { httpStatus: 403 };
    let callback: ViberCallback;
    try {
      callback = parseViberCallback(rawBody);
    } catch {
      return { httpStatus: 400 };
    }
    try {
      if ('report' in callback) {
        const report: DeliveryReport = callback.report;
        await this.opts.onReport?.(report);
      } else {
        await this.opts.onEvent?.(callback);
      }
    } catch (error) {
      this.log('error', 'handling a Viber callback failed', { event: callback.event, error: String(error) });
      return { httpStatus: 500, callback };
    }
    return { httpStatus: 200, callback };
  }

  async close(): Promise<void> {
    // Stateless over HTTP: nothing to release.
  }
}

export class ViberApiError extends Error {
  override name = 'ViberApiError';
  readonly status: number;
  constructor(message: string, status: number) {
    super(message);
    this.status = status;
  }
}

export interface ViberApiCall {
  baseUrl?: string;
  authToken: string;
  timeoutMs?: number;
}

async function callViber(path: string, call: ViberApiCall, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const response = await fetch(`${(call.baseUrl ?? VIBER_API_URL).replace(/\/+$/, '')}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Viber-Auth-Token': call.authToken },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(call.timeoutMs ?? 10_000),
  });
  const text = await response.text();
  if (!response.ok) throw new ViberApiError(`Viber ${path} answered HTTP ${response.status}`, -1);
  const result = parseViberJson(text) as Record<string, unknown>;
  const status = typeof result.status === 'number' ? result.status : -1;
  if (status !== 0) throw new ViberApiError(`Viber ${path} failed: ${statusName(status)} ${String(result.status_message ?? '')}`.trim(), status);
  return result;
}

/**
 * Registers our webhook URL (an empty url removes it). Viber immediately POSTs a signed 'webhook'
 * event there and only accepts the URL if that request gets HTTP 200, so the route must be live.
 */
export async function setViberWebhook(
  call: ViberApiCall & { url: string; eventTypes?: string[]; sendName?: boolean; sendPhoto?: boolean },
): Promise<{ eventTypes: string[] }> {
  const result = await callViber('/pa/set_webhook', call, {
    url: call.url,
    ...(call.eventTypes ? { event_types: call.eventTypes } : {}),
    send_name: call.sendName ?? true,
    send_photo: call.sendPhoto ?? false,
  });
  return { eventTypes: Array.isArray(result.event_types) ? result.event_types.map(String) : [] };
}

export async function getViberAccountInfo(call: ViberApiCall): Promise<Record<string, unknown>> {
  return callViber('/pa/get_account_info', call, {});
}
