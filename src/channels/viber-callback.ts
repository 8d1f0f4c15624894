/**
 * Viber callback events as a typed union. message_token is a 64-bit integer in Viber's JSON,
 * beyond what a JS number holds exactly (2^53), so tokens are read from the JSON source text and
 * kept as strings: JSON.parse would turn 5741311803571721087 into 5741311803571721000 and the
 * delivered/seen callbacks would never match the token send_message returned.
 */
import type { DeliveryReport } from './channel.ts';

export interface ViberUser {
  id: string;
  name?: string;
  avatar?: string;
  country?: string;
  language?: string;
  apiVersion?: number;
}

export interface ViberInboundMessage {
  type: string;
  text?: string;
  media?: string;
  trackingData?: string;
  location?: { lat: number; lon: number };
  contact?: { name?: string; phoneNumber?: string };
  fileName?: string;
}

export type ViberCallback =
  | { event: 'delivered' | 'seen' | 'failed'; report: DeliveryReport; userId: string; messageToken: string; timestamp: Date; description?: string }
  | { event: 'subscribed'; user: ViberUser; messageToken: string; timestamp: Date }
  | { event: 'unsubscribed'; userId: string; messageToken: string; timestamp: Date }
  | { event: 'conversation_started'; user: ViberUser; type: string; context?: string; subscribed: boolean; messageToken: string; timestamp: Date }
  | { event: 'message'; sender: ViberUser; message: ViberInboundMessage; messageToken: string; timestamp: Date }
  | { event: 'webhook'; messageToken: string; timestamp: Date }
  | { event: 'unknown'; name: string; raw: Record<string, unknown> };

const TOKEN_KEYS = new Set(['message_token']);

/** JSON.parse that keeps Viber's 64-bit message_token values exact, as decimal strings. */
export function parseViberJson(text: string): unknown {
  // The third reviver argument (the source text of a primitive) is in Node 21+ (V8's JSON.parse source text access).
  return JSON.parse(text, function (key: string, value: unknown, context?: { source?: string }) {
    if (TOKEN_KEYS.has(key) && typeof value === 'number') return context?.source ?? String(value);
    return value;
  } as (this: unknown, key: string, value: unknown) => unknown);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'bigint' ? String(v) : undefined;
}

function user(raw: unknown): ViberUser {
  const u = (raw ?? {}) as Record<string, unknown>;
  return {
    id: str(u.id) ?? '',
    name: str(u.name),
    avatar: str(u.avatar),
    country: str(u.country),
    language: str(u.language),
    apiVersion: typeof u.api_version === 'number' ? u.api_version : undefined,
  };
}

function message(raw: unknown): ViberInboundMessage {
  const m = (raw ?? {}) as Record<string, unknown>;
  const location = m.location as { lat?: unknown; lon?: unknown } | undefined;
  const contact = m.contact as { name?: unknown; phone_number?: unknown } | undefined;
  return {
    type: str(m.type) ?? 'unknown',
    text: str(m.text),
    media: str(m.media),
    trackingData: str(m.tracking_data),
    location: location && typeof location.lat === 'number' && typeof location.lon === 'number' ? { lat: location.lat, lon: location.lon } : undefined,
    contact: contact ? { name: str(contact.name), phoneNumber: str(contact.phone_number) } : undefined,
    fileName: str(m.file_name),
  };
}

/**
 * Maps a callback body (raw text preferred, so tokens stay exact) to a typed event. Throws on a
 * body that is not a JSON object with an "event"; unknown event names become 'unknown'.
 */
export function parseViberCallback(body: string | Buffer | Record<string, unknown>): ViberCallback {
  const parsed = typeof body === 'string' || Buffer.isBuffer(body) ? parseViberJson(body.toString()) : body;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('Viber callback is not a JSON object');
  const raw = parsed as Record<string, unknown>;
  const event = str(raw.event);
  if (!event) throw new Error('Viber callback has no "event"');
  const timestamp = new Date(typeof raw.timestamp === 'number' ? raw.timestamp : Date.now());
  const messageToken = str(raw.message_token) ?? '';
  switch (event) {
    case 'delivered':
    case 'seen':
    case 'failed': {
      const description = str(raw.desc);
      const report: DeliveryReport = { channel: 'viber', providerMessageId: messageToken, status: event, at: timestamp };
      if (description) report.detail = description;
      return { event, report, userId: str(raw.user_id) ?? '', messageToken, timestamp, description };
    }
    case 'subscribed':
      return { event, user: user(raw.user), messageToken, timestamp };
    case 'unsubscribed':
      return { event, userId: str(raw.user_id) ?? '', messageToken, timestamp };
    case 'conversation_started':
      return {
        event,
        user: user(raw.user),
        type: str(raw.type) ?? 'open',
        context: str(raw.context),
        subscribed: raw.subscribed === true,
        messageToken,
        timestamp,
      };
    case 'message':
      return { event, sender: user(raw.sender), message: message(raw.message), messageToken, timestamp };
    case 'webhook':
      return { event, messageToken, timestamp };
    default:
      return { event: 'unknown', name: event, raw };
  }
}
