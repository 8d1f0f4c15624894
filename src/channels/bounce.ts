/**
 * Bounces (RFC 3464 delivery status notifications) arriving at the return-path mailbox, turned into
 * DeliveryReports keyed by the Message-ID we sent with, which is the e-mail providerMessageId.
 * Only standard multipart/report DSNs are understood; free-text bounces are ignored rather than
 * guessed at, since a wrong guess would mark a citizen's address as dead.
 */
import { simpleParser } from 'mailparser';
import type { DeliveryReport } from './channel.ts';

export interface DeliveryStatus {
  /** Per-message fields (Reporting-MTA, Original-Envelope-Id, ...), names lower-cased. */
  message: Record<string, string>;
  /** One field set per recipient (Final-Recipient, Action, Status, Diagnostic-Code, ...). */
  recipients: Record<string, string>[];
}

/** Parses the body of a message/delivery-status part into its field groups. */
export function parseDeliveryStatus(text: string): DeliveryStatus {
  const groups = text
    .replace(/\r\n/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((block) => parseFields(block))
    .filter((fields) => Object.keys(fields).length > 0);
  return { message: groups[0] ?? {}, recipients: groups.slice(1) };
}

function parseFields(block: string): Record<string, string> {
  const fields: Record<string, string> = {};
  // Continuation lines start with white space and belong to the field above (RFC 5322 folding).
  const unfolded = block.replace(/\n[ \t]+/g, ' ');
  for (const line of unfolded.split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!(name in fields)) fields[name] = line.slice(colon + 1).trim();
  }
  return fields;
}

function headerBlock(raw: string): string {
  const normalized = raw.replace(/\r\n/g, '\n');
  const end = normalized.search(/\n\n/);
  return end >= 0 ? normalized.slice(0, end) : normalized;
}

function stripBrackets(id: string): string {
  return id.trim().replace(/^<|>$/g, '');
}

/** The part after the "type;" prefix of DSN fields such as "rfc822; user@example.org". */
function typedValue(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const semicolon = value.indexOf(';');
  return (semicolon >= 0 ? value.slice(semicolon + 1) : value).trim();
}

const RETURNED_CONTENT = new Set(['message/rfc822', 'text/rfc822-headers', 'message/global', 'message/global-headers']);
const STATUS_CONTENT = new Set(['message/delivery-status', 'message/global-delivery-status']);

/**
 * Reads a bounce and returns a report for the message it concerns: 'failed' for a permanent
 * failure, 'delivered' for a success notification, null for delays, relays and anything that is
 * not a DSN or does not name one of our messages.
 */
export async function parseBounce(raw: Buffer | string): Promise<DeliveryReport | null> {
  const mail = await simpleParser(raw, { keepDeliveryStatus: true, skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true });
  const statusPart = mail.attachments.find((a) => STATUS_CONTENT.has(a.contentType.toLowerCase()));
  if (!statusPart) return null;
  const status = parseDeliveryStatus(statusPart.content.toString('utf8'));

  let originalId: string | undefined;
  const returned = mail.attachments.find((a) => RETURNED_CONTENT.has(a.contentType.toLowerCase()));
  if (returned) {
    const id = parseFields(headerBlock(returned.content.toString('utf8')))['message-id'];
    if (id) originalId = stripBrackets(id);
  }
  // We send ENVID = our Message-ID, so a DSN without the returned headers still names the message.
  originalId ??= status.message['original-envelope-id'] ? stripBrackets(status.message['original-envelope-id']) : undefined;
  if (!originalId) return null;

  const failed = status.recipients.find((r) => r.action?.toLowerCase() === 'failed');
  const delivered = status.recipients.find((r) => r.action?.toLowerCase() === 'delivered');
  const recipient = failed ?? delivered;
  if (!recipient) return null;

  const detail = [
    typedValue(recipient['final-recipient'] ?? recipient['original-recipient']),
    recipient.status && `status ${recipient.status}`,
    typedValue(recipient['diagnostic-code']),
  ]
    .filter(Boolean)
    .join('; ');
  const arrival = status.message['arrival-date'] ?? recipient['last-attempt-date'];
  const at = mail.date ?? (arrival ? new Date(arrival) : new Date());
  return {
    channel: 'email',
    providerMessageId: originalId,
    status: failed ? 'failed' : 'delivered',
    detail,
    at: Number.isNaN(at.getTime()) ? new Date() : at,
  };
}
