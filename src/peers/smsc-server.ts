/**
 * A local SMS centre speaking real SMPP 3.4 (npm smpp server), for tests, the demo mode and
 * benchmarks. It behaves like an operator's SMSC where it matters to Glas: authenticated binds,
 * message ids, per-part delivery receipts after a delay, failures for chosen numbers, throttling,
 * outages, and citizens' SMS (split into concatenated parts when long) sent to bound receivers.
 *
 * Like a real SMSC it interprets data_coding 1 as IA5/ASCII, so a client that forgets to set
 * data_coding (npm smpp then labels GSM bytes as IA5) sees '@' arrive as NUL here too.
 */
import { randomBytes } from 'node:crypto';
import smpp from 'smpp';
import type { PDU, Server, Session } from 'smpp';
import type { Logger } from '../channels/channel.ts';
import { silentLogger } from '../channels/channel.ts';
import { concatenationUdh, encodeGsm7, foldToGsm7, planSms, splitSms } from '../channels/sms-encoding.ts';
import {
  ESM_DELIVERY_RECEIPT,
  ESM_UDHI,
  Reassembler,
  SMPP_STATUS,
  concatInfo,
  decodeUserData,
  formatDeliveryReceipt,
  receiptState,
  userDataBytes,
} from '../channels/smpp-pdu.ts';
import { Recorder } from './recorder.ts';

export type ReceiptStat = 'DELIVRD' | 'UNDELIV' | 'REJECTD' | 'EXPIRED';

export interface SmscOptions {
  /** 0 or absent: a port chosen by the OS. */
  port?: number;
  host?: string;
  systemId: string;
  password: string;
  /** Delay between submit_sm_resp and the delivery receipt. Default 0. */
  receiptDelayMs?: number;
  /** Final state per destination. Default: numbers ending in 999 are UNDELIV, the rest DELIVRD. */
  receiptFor?: (destination: string) => ReceiptStat;
  /** A command_status to refuse submit_sm with (e.g. ESME_RINVDSTADR), or null to accept. */
  rejectSubmit?: (destination: string) => number | null;
  /** Missing parts of a concatenated submit are given up after this long. Default 60 000. */
  reassemblyTimeoutMs?: number;
  /** deliver_sm not acknowledged (or refused) is sent again after this delay. Default 1 000. */
  deliverRetryDelayMs?: number;
  deliverMaxAttempts?: number;
  logger?: Logger;
}

export interface SmscMessage {
  /** One message_id per part, in part order. */
  messageIds: string[];
  systemId: string;
  source: string;
  sourceTon: number;
  sourceNpi: number;
  destination: string;
  text: string;
  dataCoding: number;
  parts: number;
  registeredDelivery: number;
  receivedAt: Date;
}

/** One accepted submit_sm; reference, total and sequence are null for a single-part SMS. */
export interface SmscPart {
  messageId: string;
  destination: string;
  reference: number | null;
  total: number | null;
  sequence: number | null;
}

export interface SmscStats {
  submits: number;
  accepted: number;
  throttled: number;
  rejected: number;
  binds: number;
  bindFailures: number;
  receiptsSent: number;
  inboundSent: number;
}

export interface Smsc {
  readonly port: number;
  readonly host: string;
  received(): SmscMessage[];
  waitFor(predicate?: (m: SmscMessage) => boolean, timeoutMs?: number): Promise<SmscMessage>;
  clear(): void;
  /** While on, every submit_sm is answered with ESME_RTHROTTLED. */
  throttle(on: boolean): void;
  /** Answers every nth submit_sm (counted from now) with ESME_RTHROTTLED, as an SMSC over its contracted rate does; 0 stops it. */
  throttleEvery(n: number): void;
  /** Every part accepted so far, in order: what the municipality pays for. */
  acceptedParts(): SmscPart[];
  /** While on, the SMSC keeps connections open but answers nothing, like a hung link. */
  hang(on: boolean): void;
  /** Accepts n more submit_sm, then hangs (as hang(true)): to stop a multipart message after its nth part. */
  hangAfterAccepting(n: number): void;
  /** Drops every session and stops listening, like an SMSC outage. */
  goDown(): Promise<void>;
  /** Listens again on the same port. */
  comeUp(): Promise<void>;
  /** Sends a citizen's SMS to a bound receiver; resolves true once it was acknowledged. */
  injectInbound(from: string, to: string, text: string): Promise<boolean>;
  boundSessions(): number;
  stats(): SmscStats;
  close(): Promise<void>;
}

type Mode = 'transceiver' | 'transmitter' | 'receiver';
interface SessionState {
  mode: Mode | null;
  systemId: string;
  outstanding: Set<(ok: boolean) => void>;
}
interface Outgoing {
  options: Record<string, unknown>;
  attempts: number;
  kind: 'receipt' | 'inbound';
  resolve: (ok: boolean) => void;
}
interface SubmittedPart {
  id: string;
  bytes: Buffer;
  dataCoding: number;
}

const UNSUPPORTED = new Set(['query_sm', 'cancel_sm', 'replace_sm', 'submit_multi', 'data_sm', 'broadcast_sm', 'query_broadcast_sm', 'cancel_broadcast_sm']);

class LocalSmsc implements Smsc {
  port = 0;
  readonly host: string;
  private readonly opts: SmscOptions;
  private readonly log: Logger;
  private readonly server: Server;
  private readonly sessions = new Map<Session, SessionState>();
  private readonly messages = new Recorder<SmscMessage>('an SMS at the SMSC');
  private readonly parts: Reassembler<SubmittedPart>;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly outbox: Outgoing[] = [];
  private readonly counters: SmscStats = { submits: 0, accepted: 0, throttled: 0, rejected: 0, binds: 0, bindFailures: 0, receiptsSent: 0, inboundSent: 0 };
  private readonly idPrefix = randomBytes(2).toString('hex');
  private nextId = 0;
  private rotation = 0;
  private throttled = false;
  private throttleNth = 0;
  private acceptsBeforeHang = -1;
  private sinceThrottleSet = 0;
  private readonly accepted: SmscPart[] = [];
  private hanging = false;
  private listening = false;
  private closed = false;

  constructor(options: SmscOptions) {
    this.opts = options;
    this.host = options.host ?? '127.0.0.1';
    this.log = options.logger ?? silentLogger;
    this.parts = new Reassembler(options.reassemblyTimeoutMs ?? 60_000, (key) => this.log('warn', 'incomplete concatenated SMS dropped', { key }));
    this.server = smpp.createServer({}, (session) => this.onSession(session));
  }

  async listen(port: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      this.server.once('error', onError);
      this.server.listen(port, this.host, () => {
        this.server.off('error', onError);
        resolve();
      });
    });
    const address = this.server.address();
    if (address && typeof address === 'object') this.port = address.port;
    this.listening = true;
  }

  received(): SmscMessage[] {
    return this.messages.all();
  }
  waitFor(predicate?: (m: SmscMessage) => boolean, timeoutMs?: number): Promise<SmscMessage> {
    return this.messages.waitFor(predicate, timeoutMs);
  }
  clear(): void {
    this.messages.clear();
    this.accepted.length = 0;
  }
  throttle(on: boolean): void {
    this.throttled = on;
  }
  throttleEvery(n: number): void {
    this.throttleNth = n;
    this.sinceThrottleSet = 0;
  }
  acceptedParts(): SmscPart[] {
    return [...this.accepted];
  }
  hang(on: boolean): void {
    this.hanging = on;
    this.acceptsBeforeHang = -1;
  }
  hangAfterAccepting(n: number): void {
    this.acceptsBeforeHang = n;
  }
  stats(): SmscStats {
    return { ...this.counters };
  }

  boundSessions(): number {
    let n = 0;
    for (const st of this.sessions.values()) if (st.mode) n++;
    return n;
  }

  async goDown(): Promise<void> {
    if (!this.listening) return;
    this.listening = false;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const session of this.sessions.keys()) session.destroy();
    await closed;
  }

  async comeUp(): Promise<void> {
    if (this.listening || this.closed) return;
    await this.listen(this.port);
  }

  injectInbound(from: string, to: string, text: string): Promise<boolean> {
    const plan = planSms(text, 'unicode');
    const parts = splitSms(plan);
    const multipart = parts.length > 1;
    const reference = randomBytes(1)[0];
    const destination = to.replace(/^\+/, '');
    const longNumber = /^\d{9,}$/.test(destination);
    const sends = parts.map((part, i) =>
      this.enqueue('inbound', {
        source_addr_ton: 1,
        source_addr_npi: 1,
        source_addr: from.replace(/^\+/, ''),
        dest_addr_ton: longNumber ? 1 : 0,
        dest_addr_npi: 1,
        destination_addr: destination,
        esm_class: multipart ? ESM_UDHI : 0,
        data_coding: plan.dataCoding,
        short_message: multipart ? Buffer.concat([concatenationUdh(reference, parts.length, i + 1), part.payload]) : part.payload,
      }),
    );
    return Promise.all(sends).then((results) => results.every(Boolean));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.goDown();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.parts.close();
    this.messages.close();
    for (const item of this.outbox.splice(0)) item.resolve(false);
  }

  private onSession(session: Session): void {
    const st: SessionState = { mode: null, systemId: '', outstanding: new Set() };
    this.sessions.set(session, st);
    session.on('error', (error: Error) => this.log('debug', 'SMPP session error', { error: error.message }));
    session.on('close', () => {
      this.sessions.delete(session);
      for (const finish of [...st.outstanding]) finish(false);
    });
    // Every request handler goes through here, so hang() silences them all at once.
    const on = (command: string, handler: (pdu: PDU) => void) =>
      session.on(command, (pdu: PDU) => {
        if (!this.hanging) handler(pdu);
      });
    const bind = (mode: Mode) => (pdu: PDU) => this.onBind(session, st, mode, pdu);
    on('bind_transceiver', bind('transceiver'));
    on('bind_transmitter', bind('transmitter'));
    on('bind_receiver', bind('receiver'));
    on('submit_sm', (pdu) => this.onSubmit(session, st, pdu));
    on('enquire_link', (pdu) => session.send(pdu.response()));
    on('unbind', (pdu) => {
      st.mode = null;
      session.send(pdu.response(), () => session.close());
    });
    on('pdu', (pdu) => {
      if (pdu.command === 'unknown') session.send(pdu.response());
      else if (UNSUPPORTED.has(pdu.command)) session.send(pdu.response({ command_status: SMPP_STATUS.ESME_RINVCMDID }));
    });
  }

  private onBind(session: Session, st: SessionState, mode: Mode, pdu: PDU): void {
    const refuse = (status: number) => {
      this.counters.bindFailures++;
      session.send(pdu.response({ command_status: status }));
    };
    if (st.mode) return refuse(SMPP_STATUS.ESME_RALYBND);
    if (pdu.system_id !== this.opts.systemId) return refuse(SMPP_STATUS.ESME_RINVSYSID);
    if (pdu.password !== this.opts.password) return refuse(SMPP_STATUS.ESME_RINVPASWD);
    st.mode = mode;
    st.systemId = String(pdu.system_id);
    this.counters.binds++;
    session.send(pdu.response({ system_id: 'GLAS-SMSC' }));
    this.dispatch();
  }

  private onSubmit(session: Session, st: SessionState, pdu: PDU): void {
    this.counters.submits++;
    const refuse = (status: number) => {
      this.counters.rejected++;
      session.send(pdu.response({ command_status: status }));
    };
    if (st.mode !== 'transceiver' && st.mode !== 'transmitter') return refuse(SMPP_STATUS.ESME_RINVBNDSTS);
    if (this.throttled || (this.throttleNth > 0 && ++this.sinceThrottleSet % this.throttleNth === 0)) {
      this.counters.throttled++;
      session.send(pdu.response({ command_status: SMPP_STATUS.ESME_RTHROTTLED }));
      return;
    }
    const destination = String(pdu.destination_addr ?? '');
    if (destination === '') return refuse(SMPP_STATUS.ESME_RINVDSTADR);
    const rejection = this.opts.rejectSubmit?.(destination);
    if (rejection) return refuse(rejection);

    const id = `${this.idPrefix}${(++this.nextId).toString(16).padStart(8, '0')}`;
    this.counters.accepted++;
    session.send(pdu.response({ message_id: id }));
    if (this.acceptsBeforeHang > 0 && --this.acceptsBeforeHang === 0) this.hanging = true;

    const receivedAt = new Date();
    const { dataCoding, udh, bytes } = userDataBytes(pdu);
    const source = String(pdu.source_addr ?? '');
    const registeredDelivery = typeof pdu.registered_delivery === 'number' ? pdu.registered_delivery : 0;
    const record = (parts: SubmittedPart[]) =>
      this.messages.push({
        messageIds: parts.map((p) => p.id),
        systemId: st.systemId,
        source,
        sourceTon: Number(pdu.source_addr_ton ?? 0),
        sourceNpi: Number(pdu.source_addr_npi ?? 0),
        destination,
        text: decodeUserData(parts[0].dataCoding, Buffer.concat(parts.map((p) => p.bytes))),
        dataCoding,
        parts: parts.length,
        registeredDelivery,
        receivedAt,
      });
    const part: SubmittedPart = { id, bytes, dataCoding };
    const info = concatInfo(pdu, udh);
    this.accepted.push({ messageId: id, destination, reference: info?.reference ?? null, total: info?.total ?? null, sequence: info?.sequence ?? null });
    // The demo SMSC runs for days: keep the newest parts only.
    if (this.accepted.length > 100_000) this.accepted.splice(0, this.accepted.length - 100_000);
    if (!info) record([part]);
    else {
      const complete = this.parts.add(`${st.systemId}|${source}|${destination}|${info.reference}`, info, part);
      if (complete) record(complete);
    }
    this.scheduleReceipt(pdu, id, destination, source, registeredDelivery, receivedAt, decodeUserData(dataCoding, bytes));
  }

  private scheduleReceipt(pdu: PDU, id: string, destination: string, source: string, registeredDelivery: number, submitted: Date, text: string): void {
    const wanted = registeredDelivery & 0x03;
    if (wanted === 0) return;
    const stat = this.opts.receiptFor?.(destination) ?? (destination.endsWith('999') ? 'UNDELIV' : 'DELIVRD');
    // registered_delivery 2 asks for failure receipts only, 3 (SMPP 5.0) for success only.
    if (wanted === 2 && stat === 'DELIVRD') return;
    if (wanted === 3 && stat !== 'DELIVRD') return;
    const outcome = stat === 'DELIVRD' ? 'delivered' : stat === 'EXPIRED' ? 'expired' : 'failed';
    const { state } = receiptState(outcome, stat);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const receipt = formatDeliveryReceipt({ id, stat, err: stat === 'DELIVRD' ? '000' : '001', submitted, done: new Date(), text: foldToGsm7(text) });
      void this.enqueue('receipt', {
        source_addr_ton: Number(pdu.dest_addr_ton ?? 1),
        source_addr_npi: Number(pdu.dest_addr_npi ?? 1),
        source_addr: destination,
        dest_addr_ton: Number(pdu.source_addr_ton ?? 0),
        dest_addr_npi: Number(pdu.source_addr_npi ?? 0),
        destination_addr: source,
        esm_class: ESM_DELIVERY_RECEIPT,
        data_coding: 0,
        short_message: encodeGsm7(receipt),
        receipted_message_id: id,
        message_state: state,
      });
    }, this.opts.receiptDelayMs ?? 0);
    this.timers.add(timer);
  }

  private enqueue(kind: Outgoing['kind'], options: Record<string, unknown>): Promise<boolean> {
    return new Promise((resolve) => {
      if (this.closed) return resolve(false);
      this.outbox.push({ options, attempts: 0, kind, resolve });
      this.dispatch();
    });
  }

  private pickReceiver(): [Session, SessionState] | null {
    const candidates = [...this.sessions].filter(([s, st]) => (st.mode === 'transceiver' || st.mode === 'receiver') && s.socket.writable);
    if (candidates.length === 0) return null;
    // Round-robin over binds, as SMSCs spread traffic over an ESME's sessions.
    return candidates[this.rotation++ % candidates.length];
  }

  /** Store and forward: whatever cannot go out now waits for the next bind. */
  private dispatch(): void {
    while (this.outbox.length > 0) {
      const receiver = this.pickReceiver();
      if (!receiver) return;
      this.deliver(receiver[0], receiver[1], this.outbox.shift()!);
    }
  }

  private deliver(session: Session, st: SessionState, item: Outgoing): void {
    item.attempts++;
    let done = false;
    const finish = (ok: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      st.outstanding.delete(finish);
      if (ok) {
        if (item.kind === 'receipt') this.counters.receiptsSent++;
        else this.counters.inboundSent++;
        item.resolve(true);
        return;
      }
      if (this.closed || item.attempts >= (this.opts.deliverMaxAttempts ?? 10)) {
        this.log('warn', 'deliver_sm given up', { kind: item.kind, attempts: item.attempts });
        item.resolve(false);
        return;
      }
      const retry = setTimeout(() => {
        this.timers.delete(retry);
        this.outbox.push(item);
        this.dispatch();
      }, this.opts.deliverRetryDelayMs ?? 1000);
      this.timers.add(retry);
    };
    const timer = setTimeout(() => finish(false), 10_000);
    timer.unref();
    st.outstanding.add(finish);
    const written = session.deliver_sm(item.options, (resp) => finish(resp.command_status === 0));
    if (!written) finish(false);
  }
}

/** Starts a local SMSC; `port` 0 or absent lets the OS choose (read it back from `.port`). */
export async function startSmsc(options: SmscOptions): Promise<Smsc> {
  const smsc = new LocalSmsc(options);
  await smsc.listen(options.port ?? 0);
  return smsc;
}
