/**
 * SMS over SMPP 3.4 (npm smpp 0.5.1) as a transceiver: submit_sm out, delivery receipts and citizens'
 * SMS in over the same bind.
 *
 * Why it looks the way it does:
 * - The connection is kept by the channel (bind, enquire_link, reconnect with backoff), but a send
 *   never waits for it: while unbound it answers `retryable` at once and the delivery job decides.
 * - data_coding is always explicit. Left unset, npm smpp labels text as IA5 (1) yet encodes it with
 *   the GSM table, so '@', '$' and '_' arrive as other characters.
 * - Text is encoded here (sms-encoding.ts) and handed to the library as bytes, so what is counted,
 *   priced and split is exactly what goes on the wire.
 * - A multipart message whose part the SMSC refuses (ESME_RTHROTTLED on part 2 of 3) is not sent
 *   again from part 1: send() reports the parts accepted so far (newParts), the caller keeps them, and
 *   the next attempt (acceptedParts) submits only the rest under the same concatenation reference and
 *   total, so the handset joins them and the citizen pays each part once.
 * - Receipts come per part and are reported per part, each under its own message_id: the caller
 *   matches them to the message through the parts it kept (a retry may be in another process, so an
 *   in-memory combination could not see every part). send() returns part 1's id.
 */
import smpp from 'smpp';
import type { PDU, Session } from 'smpp';
import type { AcceptedSmsPart, Channel, Logger, OutboundMessage, ReportHandler, SendResult } from './channel.ts';
import { silentLogger } from './channel.ts';
import { concatenationUdh, planSms, splitSms } from './sms-encoding.ts';
import type { SmsPolicy } from './sms-encoding.ts';
import {
  ESM_UDHI,
  Reassembler,
  SMPP_STATUS,
  concatInfo,
  decodeUserData,
  isDeliveryReceipt,
  isPermanentSmppStatus,
  parseDeliveryReceipt,
  receiptOutcome,
  smppStatusName,
  userDataBytes,
} from './smpp-pdu.ts';
import { TokenBucket } from './token-bucket.ts';

export interface InboundSms {
  from: string;
  to: string;
  text: string;
  receivedAt: Date;
}
/** A returned promise is awaited before deliver_sm_resp, so a failed save makes the SMSC resend. */
export type InboundHandler = (sms: InboundSms) => void | Promise<void>;

export interface SmppChannelOptions {
  host: string;
  port: number;
  systemId: string;
  password: string;
  systemType?: string;
  /** Alphanumeric sender id (max 11 characters, sent with TON 5 / NPI 0) or a number. */
  sourceAddr: string;
  sourceAddrTon?: number;
  sourceAddrNpi?: number;
  /** 'unicode' (default) keeps diacritics and Cyrillic as UCS-2; 'gsm7-fold' folds to GSM-7. */
  encodingPolicy?: SmsPolicy;
  /** submit_sm per second allowed by the SMSC contract; unlimited when absent. */
  ratePerSecond?: number;
  /** Outstanding submit_sm without a response (the SMSC's window). Default 10. */
  maxInFlight?: number;
  /** Longer messages are refused as permanent, to cap the cost of one notification. Default 10. */
  maxParts?: number;
  /** Default 30 000. */
  enquireLinkIntervalMs?: number;
  /** How long to wait for bind, submit_sm and unbind responses. Default 10 000. */
  responseTimeoutMs?: number;
  /** Reconnect backoff doubles from the first delay up to the maximum. Defaults 1 000 / 30 000. */
  reconnectInitialDelayMs?: number;
  reconnectMaxDelayMs?: number;
  /** retryAfterMs returned for ESME_RTHROTTLED. Default 1 000. */
  throttleRetryAfterMs?: number;
  /** retryAfterMs returned for ESME_RMSGQFUL. Default 10 000. */
  queueFullRetryAfterMs?: number;
  /** Ask for delivery receipts (registered_delivery = 1). Default true. */
  registeredDelivery?: boolean;
  /** How long to wait for missing parts of an incoming concatenated SMS. Default 5 minutes. */
  inboundReassemblyTimeoutMs?: number;
  onReport?: ReportHandler;
  onInbound?: InboundHandler;
  logger?: Logger;
}

type State = 'connecting' | 'bound' | 'disconnected' | 'closing' | 'closed';

type SubmitOutcome = { kind: 'response'; status: number; messageId: string } | { kind: 'timeout' } | { kind: 'closed' } | { kind: 'error'; error: Error };

interface Pending {
  finish(outcome: SubmitOutcome): void;
}

const MSISDN = /^\+?[1-9]\d{6,14}$/;

/** Counting semaphore for the submit window. */
class Window {
  private free: number;
  private readonly waiters: (() => void)[] = [];
  constructor(size: number) {
    this.free = size;
  }
  async acquire(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return;
    }
    await new Promise<void>((resolve) => this.waiters.push(resolve));
  }
  release(): void {
    const next = this.waiters.shift();
    if (next) next();
    else this.free++;
  }
}

/**
 * The parts of earlier attempts that still fit: same total, one reference. A text split differently
 * now (the SMS text policy changed in between) cannot be completed; it is sent whole, anew.
 */
function usableEarlierParts(earlier: readonly AcceptedSmsPart[] | undefined, total: number): AcceptedSmsPart[] {
  if (!earlier?.length) return [];
  const reference = earlier[0].reference;
  if (earlier.some((p) => p.total !== total || p.reference !== reference || p.part < 1 || p.part > total)) return [];
  return [...earlier];
}

function sourceAddressing(addr: string, ton?: number, npi?: number): { addr: string; ton: number; npi: number } {
  if (/^\+?\d+$/.test(addr)) {
    const digits = addr.replace(/^\+/, '');
    // Short codes are national; longer numbers are sent in international format.
    const international = addr.startsWith('+') || digits.length > 8;
    return { addr: digits, ton: ton ?? (international ? 1 : 0), npi: npi ?? 1 };
  }
  if (addr.length === 0 || addr.length > 11) throw new RangeError(`alphanumeric sender id must be 1-11 characters, got "${addr}"`);
  return { addr, ton: ton ?? 5, npi: npi ?? 0 };
}

export class SmppChannel implements Channel {
  readonly name = 'sms' as const;
  private readonly opts: SmppChannelOptions;
  private readonly log: Logger;
  private readonly source: { addr: string; ton: number; npi: number };
  private readonly bucket: TokenBucket | null;
  private readonly window: Window;
  private readonly inbound: Reassembler<{ bytes: Buffer; dataCoding: number }>;
  private readonly abort = new AbortController();
  private readonly pending = new Set<Pending>();
  private session: Session | null = null;
  private state: State = 'disconnected';
  private attempt = 0;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private reconnectAt = 0;
  private enquireTimer: NodeJS.Timeout | null = null;
  private bindTimer: NodeJS.Timeout | null = null;
  private reference = Math.floor(Math.random() * 256);
  private boundWaiters: (() => void)[] = [];
  private closedPromise: Promise<void> | null = null;
  /** The last reason the link is not bound, for logs and retryable reasons. */
  lastError: string | null = null;

  constructor(options: SmppChannelOptions) {
    this.opts = options;
    this.log = options.logger ?? silentLogger;
    this.source = sourceAddressing(options.sourceAddr, options.sourceAddrTon, options.sourceAddrNpi);
    this.bucket = options.ratePerSecond ? new TokenBucket(options.ratePerSecond) : null;
    this.window = new Window(options.maxInFlight ?? 10);
    this.inbound = new Reassembler(options.inboundReassemblyTimeoutMs ?? 300_000, (key, parts) => {
      // A part never came: the citizen's words still matter more than a perfect text.
      const [from, to] = key.split('|');
      const text = parts.map((p) => (p ? decodeUserData(p.dataCoding, p.bytes) : ' […] ')).join('');
      void this.emitInbound({ from, to, text, receivedAt: new Date() }).catch((e: unknown) =>
        this.log('error', 'onInbound failed for a partial message', { error: String(e) }),
      );
    });
    this.connect();
  }

  get isBound(): boolean {
    return this.state === 'bound';
  }

  /** Resolves true once bound, false after timeoutMs or when the channel closes. */
  waitUntilBound(timeoutMs: number): Promise<boolean> {
    if (this.state === 'bound') return Promise.resolve(true);
    if (this.state === 'closing' || this.state === 'closed') return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = (ok: boolean) => {
        clearTimeout(timer);
        this.boundWaiters = this.boundWaiters.filter((w) => w !== onBound);
        resolve(ok);
      };
      const onBound = () => done(this.state === 'bound');
      const timer = setTimeout(() => done(false), timeoutMs);
      this.boundWaiters.push(onBound);
    });
  }

  async send(msg: OutboundMessage): Promise<SendResult> {
    try {
      return await this.submitMessage(msg);
    } catch (error) {
      // send() must never throw; an unexpected fault is reported for the delivery job to retry.
      this.log('error', 'unexpected error while sending SMS', { messageId: msg.messageId, error: String(error) });
      return { kind: 'retryable', reason: `unexpected error: ${error instanceof Error ? error.message : String(error)}` };
    }
  }

  private notBound(): SendResult {
    if (this.state === 'closing' || this.state === 'closed') return { kind: 'retryable', reason: 'SMS channel is closed' };
    const retryAfterMs =
      this.state === 'disconnected' && this.reconnectTimer ? Math.max(0, this.reconnectAt - Date.now()) : (this.opts.reconnectInitialDelayMs ?? 1000);
    return { kind: 'retryable', reason: `not bound to the SMSC${this.lastError ? ` (${this.lastError})` : ''}`, retryAfterMs };
  }

  private async submitMessage(msg: OutboundMessage): Promise<SendResult> {
    if (!MSISDN.test(msg.to)) return { kind: 'permanent', reason: `"${msg.to}" is not an E.164 phone number` };
    if (msg.text.length === 0) return { kind: 'permanent', reason: 'empty SMS text' };
    const plan = planSms(msg.text, this.opts.encodingPolicy ?? 'unicode');
    const maxParts = this.opts.maxParts ?? 10;
    if (plan.parts > maxParts) return { kind: 'permanent', reason: `SMS needs ${plan.parts} parts, more than the allowed ${maxParts}` };
    if (this.state !== 'bound') return this.notBound();

    const parts = splitSms(plan);
    const multipart = parts.length > 1;
    const earlier = multipart ? usableEarlierParts(msg.acceptedParts, parts.length) : [];
    if (multipart && msg.acceptedParts?.length && !earlier.length) {
      this.log('warn', 'accepted parts of an earlier attempt no longer fit the text; sending it whole', { messageId: msg.messageId });
    }
    const reference = earlier.length ? earlier[0].reference : multipart ? (this.reference = (this.reference + 1) & 0xff) : 0;
    const ids = new Map(earlier.map((p) => [p.part, p.providerMessageId]));
    const newParts: AcceptedSmsPart[] = [];
    let lastToSend = parts.length;
    while (lastToSend > 1 && ids.has(lastToSend)) lastToSend--;
    for (let i = 0; i < parts.length; i++) {
      if (ids.has(i + 1)) continue;
      const udh = multipart ? concatenationUdh(reference, parts.length, i + 1) : null;
      const result = await this.submitPart({
        source_addr_ton: this.source.ton,
        source_addr_npi: this.source.npi,
        source_addr: this.source.addr,
        dest_addr_ton: 1,
        dest_addr_npi: 1,
        destination_addr: msg.to.replace(/^\+/, ''),
        esm_class: multipart ? ESM_UDHI : 0,
        registered_delivery: this.opts.registeredDelivery === false ? 0 : 1,
        data_coding: plan.dataCoding,
        short_message: udh ? Buffer.concat([udh, parts[i].payload]) : parts[i].payload,
      });
      if (result.kind !== 'sent') {
        const partial = ids.size ? ` (part ${i + 1} of ${parts.length}; ${ids.size} accepted, not to be sent again)` : '';
        return { ...result, reason: result.reason + partial, ...(newParts.length ? { newParts } : {}) };
      }
      ids.set(i + 1, result.providerMessageId);
      if (multipart) {
        const accepted = { part: i + 1, total: parts.length, reference, providerMessageId: result.providerMessageId };
        newParts.push(accepted);
        // The last one is kept with the outcome, a moment later.
        if (i + 1 < lastToSend) this.tellPartAccepted(msg, accepted);
      }
    }
    this.log('debug', 'SMS submitted', {
      messageId: msg.messageId,
      providerMessageId: ids.get(1),
      parts: parts.length,
      submittedNow: multipart ? newParts.length : 1,
    });
    return { kind: 'sent', providerMessageId: ids.get(1)!, parts: parts.length, ...(multipart ? { newParts } : {}) };
  }

  private tellPartAccepted(msg: OutboundMessage, part: AcceptedSmsPart): void {
    try {
      msg.onPartAccepted?.(part);
    } catch (error) {
      this.log('warn', 'onPartAccepted failed', { messageId: msg.messageId, error: String(error) });
    }
  }

  private async submitPart(options: Record<string, unknown>): Promise<SendResult> {
    if (this.bucket) {
      try {
        await this.bucket.take(this.abort.signal);
      } catch {
        return { kind: 'retryable', reason: 'SMS channel is closed' };
      }
    }
    await this.window.acquire();
    try {
      const session = this.session;
      if (this.state !== 'bound' || !session) return this.notBound();
      const outcome = await this.submit(session, options);
      switch (outcome.kind) {
        case 'timeout':
          return { kind: 'retryable', reason: 'no submit_sm_resp from the SMSC in time (outcome unknown)' };
        case 'closed':
          return { kind: 'retryable', reason: 'SMSC connection lost before submit_sm_resp (outcome unknown)' };
        case 'error':
          return { kind: 'permanent', reason: `submit_sm could not be encoded: ${outcome.error.message}` };
      }
      const status = outcome.status;
      if (status === SMPP_STATUS.ESME_ROK) return { kind: 'sent', providerMessageId: outcome.messageId };
      const reason = `SMSC answered ${smppStatusName(status)}`;
      if (status === SMPP_STATUS.ESME_RTHROTTLED) return { kind: 'retryable', reason, retryAfterMs: this.opts.throttleRetryAfterMs ?? 1000 };
      if (status === SMPP_STATUS.ESME_RMSGQFUL) return { kind: 'retryable', reason, retryAfterMs: this.opts.queueFullRetryAfterMs ?? 10_000 };
      return isPermanentSmppStatus(status) ? { kind: 'permanent', reason } : { kind: 'retryable', reason };
    } finally {
      this.window.release();
    }
  }

  private submit(session: Session, options: Record<string, unknown>): Promise<SubmitOutcome> {
    return new Promise((resolve) => {
      let done = false;
      const entry: Pending = {
        finish: (outcome) => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          this.pending.delete(entry);
          resolve(outcome);
        },
      };
      const timer = setTimeout(() => entry.finish({ kind: 'timeout' }), this.opts.responseTimeoutMs ?? 10_000);
      this.pending.add(entry);
      let written: boolean;
      try {
        written = session.submit_sm(options, (pdu) => {
          const messageId = typeof pdu.message_id === 'string' ? pdu.message_id : '';
          entry.finish({ kind: 'response', status: pdu.command_status, messageId });
        });
      } catch (error) {
        entry.finish({ kind: 'error', error: error instanceof Error ? error : new Error(String(error)) });
        return;
      }
      if (!written) entry.finish({ kind: 'closed' });
    });
  }

  private connect(): void {
    if (this.state === 'closing' || this.state === 'closed') return;
    this.state = 'connecting';
    const session = new smpp.Session({ host: this.opts.host, port: this.opts.port });
    this.session = session;
    session.on('error', (error: Error) => {
      this.lastError = error.message;
      this.log('warn', 'SMPP connection error', { error: error.message });
      // The library stops reading after a PDU parse error, so the link is useless either way.
      session.destroy();
    });
    session.on('close', () => this.onClosed(session));
    session.on('connect', () => this.bind(session));
    session.on('deliver_sm', (pdu: PDU) => void this.onDeliverSm(session, pdu));
    session.on('enquire_link', (pdu: PDU) => session.send(pdu.response()));
    session.on('unbind', (pdu: PDU) => {
      session.send(pdu.response());
      session.close();
    });
    session.on('pdu', (pdu: PDU) => {
      if (pdu.command === 'unknown') session.send(pdu.response());
    });
    this.bindTimer = setTimeout(() => {
      this.lastError = 'no bind response in time';
      session.destroy();
    }, this.opts.responseTimeoutMs ?? 10_000);
  }

  private bind(session: Session): void {
    session.bind_transceiver(
      {
        system_id: this.opts.systemId,
        password: this.opts.password,
        system_type: this.opts.systemType ?? '',
        interface_version: 0x34,
      },
      (pdu) => {
        if (this.session !== session) return;
        if (this.bindTimer) clearTimeout(this.bindTimer);
        this.bindTimer = null;
        if (pdu.command_status !== 0) {
          this.lastError = `bind refused: ${smppStatusName(pdu.command_status)}`;
          this.log('error', 'SMSC refused bind_transceiver', { status: smppStatusName(pdu.command_status) });
          session.destroy();
          return;
        }
        if (this.state !== 'connecting') {
          session.destroy();
          return;
        }
        this.state = 'bound';
        this.attempt = 0;
        this.lastError = null;
        this.log('info', 'bound to SMSC as transceiver', { host: this.opts.host, port: this.opts.port });
        this.startEnquireLink(session);
        for (const w of this.boundWaiters.splice(0)) w();
      },
    );
  }

  private startEnquireLink(session: Session): void {
    let awaiting = false;
    this.enquireTimer = setInterval(() => {
      // No answer to the previous enquire_link within a whole interval: the link is dead.
      if (awaiting) {
        this.lastError = 'enquire_link not answered';
        this.log('warn', 'SMSC did not answer enquire_link; reconnecting');
        session.destroy();
        return;
      }
      awaiting = true;
      session.enquire_link({}, () => {
        awaiting = false;
      });
    }, this.opts.enquireLinkIntervalMs ?? 30_000);
  }

  private onClosed(session: Session): void {
    if (this.session !== session) return;
    this.session = null;
    if (this.enquireTimer) clearInterval(this.enquireTimer);
    if (this.bindTimer) clearTimeout(this.bindTimer);
    this.enquireTimer = this.bindTimer = null;
    for (const p of [...this.pending]) p.finish({ kind: 'closed' });
    if (this.state === 'closing' || this.state === 'closed') return;
    if (this.state === 'bound') this.log('warn', 'SMPP connection closed; reconnecting');
    this.state = 'disconnected';
    this.lastError ??= 'connection closed';
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    const initial = this.opts.reconnectInitialDelayMs ?? 1000;
    const max = this.opts.reconnectMaxDelayMs ?? 30_000;
    const base = Math.min(max, initial * 2 ** Math.min(this.attempt, 20));
    // Jitter keeps many workers from reconnecting to a recovering SMSC in lockstep.
    const delay = Math.round(base * (0.8 + Math.random() * 0.2));
    this.attempt++;
    this.reconnectAt = Date.now() + delay;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connect();
    }, delay);
  }

  private async onDeliverSm(session: Session, pdu: PDU): Promise<void> {
    let status = 0;
    try {
      const esmClass = typeof pdu.esm_class === 'number' ? pdu.esm_class : 0;
      if (isDeliveryReceipt(esmClass)) await this.handleReceipt(pdu);
      else if ((esmClass & 0x3c) === 0) await this.handleInbound(pdu);
    } catch (error) {
      // ESME_RX_T_APPN asks the SMSC to deliver it again later rather than lose it.
      status = SMPP_STATUS.ESME_RX_T_APPN;
      this.log('error', 'handling deliver_sm failed', { error: String(error) });
    }
    session.send(pdu.response({ command_status: status }));
  }

  private async handleReceipt(pdu: PDU): Promise<void> {
    const { dataCoding, bytes } = userDataBytes(pdu);
    const receipt = parseDeliveryReceipt(decodeUserData(dataCoding, bytes));
    const tlvId = typeof pdu.receipted_message_id === 'string' && pdu.receipted_message_id !== '' ? pdu.receipted_message_id : undefined;
    const id = tlvId ?? receipt?.id;
    const outcome = receiptOutcome(receipt?.stat, pdu.message_state);
    if (!id || !outcome) return;
    const detail = receipt ? `stat:${receipt.stat ?? '?'} err:${receipt.err ?? '?'}` : `message_state:${String(pdu.message_state)}`;
    if (this.opts.onReport) await this.opts.onReport({ channel: 'sms', providerMessageId: id, status: outcome, detail, at: new Date() });
  }

  private async handleInbound(pdu: PDU): Promise<void> {
    const { dataCoding, udh, bytes } = userDataBytes(pdu);
    const from = String(pdu.source_addr ?? '');
    const to = String(pdu.destination_addr ?? '');
    const info = concatInfo(pdu, udh);
    if (!info) {
      await this.emitInbound({ from, to, text: decodeUserData(dataCoding, bytes), receivedAt: new Date() });
      return;
    }
    const parts = this.inbound.add(`${from}|${to}|${info.reference}`, info, { bytes, dataCoding });
    if (!parts) return;
    // Decoding the joined bytes keeps escapes and surrogate pairs that straddle parts intact.
    const text = decodeUserData(parts[0].dataCoding, Buffer.concat(parts.map((p) => p.bytes)));
    await this.emitInbound({ from, to, text, receivedAt: new Date() });
  }

  private async emitInbound(sms: InboundSms): Promise<void> {
    if (this.opts.onInbound) await this.opts.onInbound(sms);
    else this.log('warn', 'incoming SMS dropped: no onInbound handler', { from: sms.from });
  }

  /** Unbinds politely, then closes; pending sends end as retryable. */
  close(): Promise<void> {
    this.closedPromise ??= this.shutdown();
    return this.closedPromise;
  }

  private async shutdown(): Promise<void> {
    const wasBound = this.state === 'bound';
    this.state = 'closing';
    this.abort.abort(new Error('SMS channel closed'));
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.enquireTimer) clearInterval(this.enquireTimer);
    if (this.bindTimer) clearTimeout(this.bindTimer);
    this.reconnectTimer = this.enquireTimer = this.bindTimer = null;
    this.inbound.close();
    for (const w of this.boundWaiters.splice(0)) w();
    const session = this.session;
    if (session && wasBound) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(this.opts.responseTimeoutMs ?? 10_000, 2000));
        const written = session.unbind({}, () => {
          clearTimeout(timer);
          resolve();
        });
        if (!written) {
          clearTimeout(timer);
          resolve();
        }
      });
    }
    for (const p of [...this.pending]) p.finish({ kind: 'closed' });
    if (session && !session.socket.destroyed) await new Promise<void>((resolve) => session.destroy(resolve));
    this.session = null;
    this.state = 'closed';
  }
}
