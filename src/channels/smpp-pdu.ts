/**
 * SMPP 3.4 details shared by the SMS channel and the local SMSC peer: status names and their
 * classification, user-data decoding, concatenation info, delivery-receipt parsing and reassembly.
 *
 * npm smpp decodes short_message into text per PDU by data_coding. Reassembly must happen on bytes,
 * not on per-part text (a part may end in the middle of an escape or a surrogate pair, and data
 * coding 1 is decoded with the wrong table), so userDataBytes() turns the library's text back into
 * the exact bytes, which it can do losslessly for every 7-bit and UCS-2 payload.
 */
import type { PDU } from 'smpp';
import { decodeGsm7, decodeUcs2, encodeGsm7Lenient, encodeUcs2 } from './sms-encoding.ts';

export const SMPP_STATUS = {
  ESME_ROK: 0x00,
  ESME_RINVMSGLEN: 0x01,
  ESME_RINVCMDID: 0x03,
  ESME_RINVBNDSTS: 0x04,
  ESME_RALYBND: 0x05,
  ESME_RSYSERR: 0x08,
  ESME_RINVSRCADR: 0x0a,
  ESME_RINVDSTADR: 0x0b,
  ESME_RBINDFAIL: 0x0d,
  ESME_RINVPASWD: 0x0e,
  ESME_RINVSYSID: 0x0f,
  ESME_RMSGQFUL: 0x14,
  ESME_RINVESMCLASS: 0x43,
  ESME_RSUBMITFAIL: 0x45,
  ESME_RINVSRCTON: 0x48,
  ESME_RINVSRCNPI: 0x49,
  ESME_RINVDSTTON: 0x50,
  ESME_RINVDSTNPI: 0x51,
  ESME_RTHROTTLED: 0x58,
  ESME_RX_T_APPN: 0x64,
  ESME_RX_P_APPN: 0x65,
  ESME_RX_R_APPN: 0x66,
  ESME_RDELIVERYFAILURE: 0xfe,
  ESME_RUNKNOWNERR: 0xff,
  ESME_RPROHIBITED: 0x101,
  ESME_RINVDCS: 0x104,
} as const;

const STATUS_NAMES = new Map<number, string>(Object.entries(SMPP_STATUS).map(([name, code]) => [code, name]));

export function smppStatusName(code: number): string {
  return `${STATUS_NAMES.get(code) ?? 'status'} (0x${code.toString(16).padStart(2, '0')})`;
}

// Statuses where sending the same submit_sm again cannot succeed. Anything else (including
// vendor-specific codes) is treated as retryable, because the delivery job caps the retries anyway.
const PERMANENT_STATUSES: ReadonlySet<number> = new Set([
  SMPP_STATUS.ESME_RINVMSGLEN,
  SMPP_STATUS.ESME_RINVSRCADR,
  SMPP_STATUS.ESME_RINVDSTADR,
  SMPP_STATUS.ESME_RINVESMCLASS,
  SMPP_STATUS.ESME_RINVSRCTON,
  SMPP_STATUS.ESME_RINVSRCNPI,
  SMPP_STATUS.ESME_RINVDSTTON,
  SMPP_STATUS.ESME_RINVDSTNPI,
  SMPP_STATUS.ESME_RX_P_APPN,
  SMPP_STATUS.ESME_RX_R_APPN,
  SMPP_STATUS.ESME_RPROHIBITED,
  SMPP_STATUS.ESME_RINVDCS,
]);

export function isPermanentSmppStatus(code: number): boolean {
  return PERMANENT_STATUSES.has(code);
}

/** esm_class message-type bits (5..2) that mark an SMSC delivery receipt or intermediate notification. */
export function isDeliveryReceipt(esmClass: number): boolean {
  const type = esmClass & 0x3c;
  return type === 0x04 || type === 0x20;
}

export const ESM_UDHI = 0x40;
export const ESM_DELIVERY_RECEIPT = 0x04;

export interface UserData {
  dataCoding: number;
  /** Information elements as the library splits them: each is [IEI, length, ...data]. */
  udh: Buffer[];
  /** The message bytes in their own encoding, UDH removed. */
  bytes: Buffer;
}

/** Recovers the raw user data of a submit_sm / deliver_sm decoded by npm smpp. */
export function userDataBytes(pdu: PDU): UserData {
  const dataCoding = typeof pdu.data_coding === 'number' ? pdu.data_coding : 0;
  const sm = pdu.short_message as { message?: string | Buffer; udh?: Buffer[] } | Buffer | undefined;
  let decoded = sm && !Buffer.isBuffer(sm) ? sm : { message: sm };
  const empty = decoded.message === undefined || decoded.message.length === 0;
  const payload = pdu.message_payload as { message?: string | Buffer; udh?: Buffer[] } | Buffer | undefined;
  if (empty && payload) decoded = Buffer.isBuffer(payload) ? { message: payload } : payload;
  const message = decoded.message ?? Buffer.alloc(0);
  let bytes: Buffer;
  if (Buffer.isBuffer(message)) bytes = message;
  else {
    const scheme = dataCoding & 0x0f;
    // The library decodes schemes 0 and 1 with the GSM table, 3 as Latin-1 and 8 as UTF-16BE.
    if (scheme === 0 || scheme === 1) bytes = encodeGsm7Lenient(message);
    else if (scheme === 8) bytes = encodeUcs2(message);
    else bytes = Buffer.from(message, 'latin1');
  }
  return { dataCoding, udh: decoded.udh ?? [], bytes };
}

/** Decodes message bytes by data_coding; 1 is IA5 (ASCII), which the library wrongly reads as GSM. */
export function decodeUserData(dataCoding: number, bytes: Buffer): string {
  switch (dataCoding & 0x0f) {
    case 0:
      return decodeGsm7(bytes);
    case 1:
      return bytes.toString('ascii');
    case 8:
      return decodeUcs2(bytes);
    default:
      return bytes.toString('latin1');
  }
}

export interface ConcatInfo {
  reference: number;
  total: number;
  sequence: number;
}

/** Concatenation from the UDH (IEI 0x00 8-bit or 0x08 16-bit reference) or from the SAR TLVs. */
export function concatInfo(pdu: PDU, udh: Buffer[]): ConcatInfo | null {
  for (const ie of udh) {
    if (ie[0] === 0x00 && ie[1] === 3 && ie.length >= 5) return { reference: ie[2], total: ie[3], sequence: ie[4] };
    if (ie[0] === 0x08 && ie[1] === 4 && ie.length >= 6) return { reference: ie.readUInt16BE(2), total: ie[4], sequence: ie[5] };
  }
  const total = pdu.sar_total_segments;
  if (typeof total === 'number' && total > 1) {
    return { reference: Number(pdu.sar_msg_ref_num ?? 0), total, sequence: Number(pdu.sar_segment_seqnum ?? 0) };
  }
  return null;
}

export type ReceiptStat = 'DELIVRD' | 'EXPIRED' | 'DELETED' | 'UNDELIV' | 'ACCEPTD' | 'UNKNOWN' | 'REJECTD' | 'ENROUTE' | string;

export interface DeliveryReceipt {
  id?: string;
  sub?: string;
  dlvrd?: string;
  submitDate?: string;
  doneDate?: string;
  stat?: ReceiptStat;
  err?: string;
  text?: string;
}

/** Parses the de-facto receipt text "id:… sub:… dlvrd:… submit date:… done date:… stat:… err:… text:…". */
export function parseDeliveryReceipt(text: string): DeliveryReceipt | null {
  const receipt: DeliveryReceipt = {};
  const field = (name: string) => new RegExp(`(?:^|\\s)${name}:(\\S*)`, 'i').exec(text)?.[1];
  receipt.id = field('id');
  receipt.sub = field('sub');
  receipt.dlvrd = field('dlvrd');
  receipt.submitDate = field('submit date');
  receipt.doneDate = field('done date');
  receipt.stat = field('stat')?.toUpperCase();
  receipt.err = field('err');
  const textAt = text.search(/(?:^|\s)text:/i);
  if (textAt >= 0) receipt.text = text.slice(text.indexOf(':', textAt) + 1);
  return receipt.id === undefined && receipt.stat === undefined ? null : receipt;
}

export type FinalStatus = 'delivered' | 'failed' | 'expired';

/** Final outcome from the receipt stat or the message_state TLV; null for intermediate states. */
export function receiptOutcome(stat: string | undefined, messageState: unknown): FinalStatus | null {
  switch (stat) {
    case 'DELIVRD':
      return 'delivered';
    case 'EXPIRED':
      return 'expired';
    case 'UNDELIV':
    case 'REJECTD':
    case 'DELETED':
      return 'failed';
  }
  switch (messageState) {
    case 2:
      return 'delivered';
    case 3:
      return 'expired';
    case 4:
    case 5:
    case 8:
      return 'failed';
  }
  return null;
}

const RECEIPT_STAT: Record<FinalStatus, { stat: string; state: number }> = {
  delivered: { stat: 'DELIVRD', state: 2 },
  expired: { stat: 'EXPIRED', state: 3 },
  failed: { stat: 'UNDELIV', state: 5 },
};

function smppDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCFullYear() % 100)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}`;
}

/** The receipt text SMSCs put in short_message (SMPP 3.4 appendix B). */
export function formatDeliveryReceipt(r: { id: string; stat: string; err?: string; submitted: Date; done: Date; text?: string }): string {
  const ok = r.stat === 'DELIVRD' ? '001' : '000';
  return (
    `id:${r.id} sub:001 dlvrd:${ok} submit date:${smppDate(r.submitted)} done date:${smppDate(r.done)} ` +
    `stat:${r.stat} err:${r.err ?? '000'} text:${(r.text ?? '').slice(0, 20)}`
  );
}

export function receiptState(outcome: FinalStatus, stat?: string): { stat: string; state: number } {
  if (stat === 'REJECTD') return { stat, state: 8 };
  return RECEIPT_STAT[outcome];
}

/**
 * Collects the parts of concatenated messages. Incomplete sets are handed to onTimeout after
 * timeoutMs so a lost part never keeps the rest (and memory) forever.
 */
export class Reassembler<T> {
  private readonly sets = new Map<string, { parts: (T | undefined)[]; received: number; timer: NodeJS.Timeout }>();
  private readonly timeoutMs: number;
  private readonly onTimeout: (key: string, parts: (T | undefined)[]) => void;

  constructor(timeoutMs: number, onTimeout: (key: string, parts: (T | undefined)[]) => void) {
    this.timeoutMs = timeoutMs;
    this.onTimeout = onTimeout;
  }

  /** Returns all parts in order once the last one arrives, otherwise null. */
  add(key: string, info: ConcatInfo, part: T): T[] | null {
    if (info.total < 1 || info.sequence < 1 || info.sequence > info.total) return [part];
    let set = this.sets.get(key);
    if (!set || set.parts.length !== info.total) {
      if (set) clearTimeout(set.timer);
      const timer = setTimeout(() => {
        const expired = this.sets.get(key);
        this.sets.delete(key);
        if (expired) this.onTimeout(key, expired.parts);
      }, this.timeoutMs);
      timer.unref();
      set = { parts: new Array<T | undefined>(info.total).fill(undefined), received: 0, timer };
      this.sets.set(key, set);
    }
    if (set.parts[info.sequence - 1] === undefined) set.received++;
    set.parts[info.sequence - 1] = part;
    if (set.received < info.total) return null;
    clearTimeout(set.timer);
    this.sets.delete(key);
    return set.parts as T[];
  }

  get pending(): number {
    return this.sets.size;
  }

  close(): void {
    for (const set of this.sets.values()) clearTimeout(set.timer);
    this.sets.clear();
  }
}
