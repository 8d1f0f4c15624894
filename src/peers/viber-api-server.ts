/**
 * A local stand-in for Viber's REST Bot API (node:http), for tests, the demo mode and benchmarks.
 * It answers like Viber (HTTP 200 with a numeric status, 64-bit message tokens as bare JSON
 * numbers) and calls our webhook back like Viber does: a signed 'webhook' probe on set_webhook,
 * 'delivered' (and optionally 'seen') after each message, and any user event on demand.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { Logger } from '../channels/channel.ts';
import { silentLogger } from '../channels/channel.ts';
import { viberSignature } from '../channels/viber-signature.ts';
import { Recorder } from './recorder.ts';

export interface ViberApiServerOptions {
  /** 0 or absent: a port chosen by the OS. */
  port?: number;
  host?: string;
  authToken: string;
  accountName?: string;
  /** Receivers answered with status 6 receiverNotSubscribed. */
  unsubscribed?: Iterable<string>;
  /** Receivers whose messages get a 'failed' callback instead of 'delivered'. */
  failing?: Iterable<string>;
  /** Also send 'seen' after 'delivered'. */
  autoSeen?: boolean;
  /** Delay before the delivery callback. Default 0. */
  callbackDelayMs?: number;
  logger?: Logger;
}

export interface ViberSentMessage {
  receiver: string;
  senderName: string;
  type: string;
  text?: string;
  trackingData?: string;
  minApiVersion?: number;
  keyboard?: unknown;
  messageToken: string;
  receivedAt: Date;
}

export interface ViberCallbackDelivery {
  event: string;
  url: string;
  /** HTTP status our webhook answered, or null when it could not be reached. */
  status: number | null;
  body: string;
  signature: string;
}

export interface ViberApiServer {
  readonly port: number;
  /** Base URL to give the channel as baseUrl. */
  readonly url: string;
  webhookUrl(): string | null;
  received(): ViberSentMessage[];
  waitFor(predicate?: (m: ViberSentMessage) => boolean, timeoutMs?: number): Promise<ViberSentMessage>;
  /** Every callback POSTed to the webhook, with the webhook's answer. */
  callbacks(): ViberCallbackDelivery[];
  waitForCallback(predicate?: (c: ViberCallbackDelivery) => boolean, timeoutMs?: number): Promise<ViberCallbackDelivery>;
  /** While on, every API call is answered with HTTP 500. */
  fail(on: boolean): void;
  setSubscribed(userId: string, subscribed: boolean): void;
  /** POSTs a signed user event (message, subscribed, conversation_started, ...) to the webhook. */
  sendUserEvent(event: Record<string, unknown>): Promise<ViberCallbackDelivery>;
  clear(): void;
  close(): Promise<void>;
}

const ALL_EVENTS = ['delivered', 'seen', 'failed', 'subscribed', 'unsubscribed', 'conversation_started'];
// Viber always sends these, whatever event_types says.
const MANDATORY_EVENTS = new Set(['message', 'subscribed', 'unsubscribed', 'webhook']);
const MAX_BODY = 1024 * 1024;

/** JSON with bigint values written as bare numbers, the way Viber writes message tokens. */
function viberJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `\u0000bigint:${v}` : v)).replace(/"\\u0000bigint:(\d+)"/g, '$1');
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Starts the fake Viber API; read `.url` for the channel's baseUrl. */
export async function startViberApiServer(options: ViberApiServerOptions): Promise<ViberApiServer> {
  const log = options.logger ?? silentLogger;
  const host = options.host ?? '127.0.0.1';
  const unsubscribed = new Set(options.unsubscribed ?? []);
  const failing = new Set(options.failing ?? []);
  const messages = new Recorder<ViberSentMessage>('a message at the Viber API');
  const deliveries = new Recorder<ViberCallbackDelivery>('a Viber callback');
  const timers = new Set<NodeJS.Timeout>();
  const abort = new AbortController();
  const chatHostname = 'SN-GLAS-LOCAL';
  // Real tokens are around 5e18, above 2^53, which is exactly what clients must not round.
  let nextToken = 5_000_000_000_000_000_000n + BigInt(randomBytes(4).readUInt32BE(0)) * 1000n;
  let webhook: string | null = null;
  let eventTypes = new Set(ALL_EVENTS);
  let failing500 = false;

  async function postCallback(url: string, payload: Record<string, unknown>): Promise<ViberCallbackDelivery> {
    const body = viberJson(payload);
    const signature = viberSignature(options.authToken, body);
    const delivery: ViberCallbackDelivery = { event: String(payload.event), url, status: null, body, signature };
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Viber-Content-Signature': signature },
        body,
        signal: AbortSignal.any([abort.signal, AbortSignal.timeout(5000)]),
      });
      await response.arrayBuffer();
      delivery.status = response.status;
    } catch (error) {
      log('warn', 'Viber callback could not be delivered', { url, error: String(error) });
    }
    deliveries.push(delivery);
    return delivery;
  }

  function emit(payload: Record<string, unknown>): void {
    const event = String(payload.event);
    if (!webhook || (!MANDATORY_EVENTS.has(event) && !eventTypes.has(event))) return;
    void postCallback(webhook, payload);
  }

  function afterSend(receiver: string, token: bigint): void {
    const timer = setTimeout(() => {
      timers.delete(timer);
      const base = { timestamp: Date.now(), chat_hostname: chatHostname, message_token: token, user_id: receiver };
      if (failing.has(receiver)) {
        emit({ event: 'failed', ...base, desc: 'failed to deliver the message to the receiver' });
        return;
      }
      emit({ event: 'delivered', ...base });
      if (options.autoSeen) emit({ event: 'seen', ...base, timestamp: Date.now() });
    }, options.callbackDelayMs ?? 0);
    timers.add(timer);
  }

  function reply(res: ServerResponse, body: Record<string, unknown>, status = 200): void {
    const text = viberJson(body);
    res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'POST' || !path.startsWith('/pa/')) return reply(res, { error: 'not found' }, 404);
    const raw = await readBody(req);
    if (failing500) return reply(res, { error: 'internal error' }, 500);
    if (req.headers['x-viber-auth-token'] !== options.authToken) return reply(res, { status: 2, status_message: 'invalidAuthToken' });
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw.toString('utf8') || '{}') as Record<string, unknown>;
    } catch {
      return reply(res, { status: 3, status_message: 'badData' });
    }
    switch (path) {
      case '/pa/set_webhook': {
        const url = typeof body.url === 'string' ? body.url : undefined;
        if (url === undefined) return reply(res, { status: 4, status_message: 'missingData' });
        if (url === '') {
          webhook = null;
          return reply(res, { status: 0, status_message: 'ok' });
        }
        // Like Viber: the URL is only accepted if it answers a signed probe with 200.
        const probe = await postCallback(url, { event: 'webhook', timestamp: Date.now(), chat_hostname: chatHostname, message_token: nextToken++ });
        if (probe.status !== 200) return reply(res, { status: 1, status_message: 'invalidUrl' });
        webhook = url;
        eventTypes = new Set(Array.isArray(body.event_types) ? body.event_types.map(String) : ALL_EVENTS);
        return reply(res, { status: 0, status_message: 'ok', chat_hostname: chatHostname, event_types: [...eventTypes] });
      }
      case '/pa/send_message': {
        const receiver = typeof body.receiver === 'string' ? body.receiver : '';
        const sender = (body.sender ?? {}) as Record<string, unknown>;
        if (!receiver || typeof sender.name !== 'string' || typeof body.type !== 'string') return reply(res, { status: 4, status_message: 'missingData' });
        if (body.type === 'text' && (typeof body.text !== 'string' || body.text.length === 0)) return reply(res, { status: 4, status_message: 'missingData' });
        if (unsubscribed.has(receiver)) return reply(res, { status: 6, status_message: 'receiverNotSubscribed', chat_hostname: chatHostname });
        const token = nextToken++;
        messages.push({
          receiver,
          senderName: sender.name,
          type: body.type,
          text: typeof body.text === 'string' ? body.text : undefined,
          trackingData: typeof body.tracking_data === 'string' ? body.tracking_data : undefined,
          minApiVersion: typeof body.min_api_version === 'number' ? body.min_api_version : undefined,
          keyboard: body.keyboard,
          messageToken: token.toString(),
          receivedAt: new Date(),
        });
        reply(res, { status: 0, status_message: 'ok', message_token: token, chat_hostname: chatHostname, billing_status: 1 });
        afterSend(receiver, token);
        return;
      }
      case '/pa/get_account_info':
        return reply(res, {
          status: 0,
          status_message: 'ok',
          id: 'pa:glas-local',
          chat_hostname: chatHostname,
          name: options.accountName ?? 'Glas',
          uri: 'glas',
          webhook: webhook ?? '',
          event_types: [...eventTypes],
          subscribers_count: 0,
          members: [],
        });
      default:
        return reply(res, { error: 'not found' }, 404);
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log('warn', 'Viber API stand-in failed a request', { error: String(error) });
      if (!res.headersSent) reply(res, { error: 'internal error' }, 500);
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = address && typeof address === 'object' ? address.port : 0;
  let closing: Promise<void> | null = null;

  return {
    port,
    url: `http://${host}:${port}`,
    webhookUrl: () => webhook,
    received: () => messages.all(),
    waitFor: (predicate, timeoutMs) => messages.waitFor(predicate, timeoutMs),
    callbacks: () => deliveries.all(),
    waitForCallback: (predicate, timeoutMs) => deliveries.waitFor(predicate, timeoutMs),
    fail: (on) => {
      failing500 = on;
    },
    setSubscribed: (userId, subscribed) => {
      if (subscribed) unsubscribed.delete(userId);
      else unsubscribed.add(userId);
    },
    sendUserEvent: (event) => {
      if (!webhook) return Promise.reject(new Error('no webhook is set'));
      return postCallback(webhook, { timestamp: Date.now(), chat_hostname: chatHostname, message_token: nextToken++, ...event });
    },
    clear: () => {
      messages.clear();
      deliveries.clear();
    },
    close: () => {
      closing ??= (async () => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        abort.abort();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await closed;
        messages.close();
        deliveries.close();
      })();
      return closing;
    },
  };
}
