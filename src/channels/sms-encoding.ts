/**
 * SMS text encoding: GSM 03.38 (7-bit) versus UCS-2, part counting and splitting for concatenated
 * messages, and folding of our languages' letters into the GSM alphabet when the municipality
 * prefers cheaper messages over diacritics. Pure functions only, so cost and part counts can be
 * shown before anything is sent.
 */

export type SmsEncoding = 'GSM-7' | 'UCS-2';
/** 'unicode' keeps the text as written (UCS-2 when needed); 'gsm7-fold' always sends GSM-7. */
export type SmsPolicy = 'unicode' | 'gsm7-fold';

export interface SmsPlan {
  /** The text that will actually be sent (folded under 'gsm7-fold'). */
  text: string;
  encoding: SmsEncoding;
  /** SMPP data_coding: 0 = SMSC default alphabet (GSM 03.38), 8 = UCS-2. */
  dataCoding: 0 | 8;
  parts: number;
  /** Septets for GSM-7, UTF-16 code units for UCS-2. */
  unitsUsed: number;
}

export interface SmsPart {
  text: string;
  /** Encoded user data without UDH: one unpacked septet per byte (GSM-7) or UTF-16BE (UCS-2). */
  payload: Buffer;
}

export const GSM7_SINGLE_LIMIT = 160;
export const GSM7_PART_LIMIT = 153;
export const UCS2_SINGLE_LIMIT = 70;
export const UCS2_PART_LIMIT = 67;
/** The 8-bit concatenation UDH counts parts in one octet. */
export const MAX_PARTS = 255;

const ESC = 0x1b;

// Index = septet value. 0x1B is the escape to the extension table, not a character.
const GSM_BASIC = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1BÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' + '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

const GSM_EXTENSION: ReadonlyMap<string, number> = new Map([
  ['\f', 0x0a],
  ['^', 0x14],
  ['{', 0x28],
  ['}', 0x29],
  ['\\', 0x2f],
  ['[', 0x3c],
  ['~', 0x3d],
  [']', 0x3e],
  ['|', 0x40],
  ['€', 0x65],
]);

const BASIC_ENCODE: ReadonlyMap<string, number> = new Map([...GSM_BASIC].map((ch, i) => [ch, i] as const).filter(([, i]) => i !== ESC));
const EXTENSION_DECODE: ReadonlyMap<number, string> = new Map([...GSM_EXTENSION].map(([ch, code]) => [code, ch]));

/** Septets one character takes in GSM-7: 1 basic, 2 extension (ESC + code), 0 if not encodable. */
export function gsmSeptets(ch: string): 0 | 1 | 2 {
  if (BASIC_ENCODE.has(ch)) return 1;
  if (GSM_EXTENSION.has(ch)) return 2;
  return 0;
}

export function isGsm7(text: string): boolean {
  for (const ch of text) if (gsmSeptets(ch) === 0) return false;
  return true;
}

/** Unpacked septets, one per byte, as SMPP carries them with data_coding 0. */
export function encodeGsm7(text: string): Buffer {
  const out: number[] = [];
  for (const ch of text) {
    const basic = BASIC_ENCODE.get(ch);
    if (basic !== undefined) {
      out.push(basic);
      continue;
    }
    const ext = GSM_EXTENSION.get(ch);
    if (ext === undefined) throw new RangeError(`character U+${ch.codePointAt(0)!.toString(16).toUpperCase()} is not in the GSM 03.38 alphabet`);
    out.push(ESC, ext);
  }
  return Buffer.from(out);
}

/**
 * Like encodeGsm7, but never throws: a lone ESC (an escape split off at a part boundary) stays 0x1B
 * and anything else unknown becomes a space. It is the exact inverse of npm smpp's GSM decoder.
 */
export function encodeGsm7Lenient(text: string): Buffer {
  const out: number[] = [];
  for (const ch of text) {
    if (ch === '\x1B') {
      out.push(ESC);
      continue;
    }
    const basic = BASIC_ENCODE.get(ch);
    if (basic !== undefined) {
      out.push(basic);
      continue;
    }
    const ext = GSM_EXTENSION.get(ch);
    if (ext !== undefined) out.push(ESC, ext);
    else out.push(0x20);
  }
  return Buffer.from(out);
}

export function decodeGsm7(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] & 0x7f;
    if (b === ESC && i + 1 < bytes.length) {
      const next = bytes[++i] & 0x7f;
      // 3GPP 23.038: an unknown extension code shows the basic-table character instead.
      out += EXTENSION_DECODE.get(next) ?? GSM_BASIC[next];
      continue;
    }
    out += b === ESC ? ' ' : GSM_BASIC[b];
  }
  return out;
}

export function encodeUcs2(text: string): Buffer {
  const out = Buffer.alloc(text.length * 2);
  for (let i = 0; i < text.length; i++) out.writeUInt16BE(text.charCodeAt(i), i * 2);
  return out;
}

export function decodeUcs2(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) out += String.fromCharCode((bytes[i] << 8) | bytes[i + 1]);
  return out;
}

// Serbian Cyrillic first (the official Latin pairs), then Macedonian and other neighbours' letters
// that citizens may type, so nothing Cyrillic ends up as '?'.
const CYRILLIC_UPPER: Record<string, string> = {
  А: 'A',
  Б: 'B',
  В: 'V',
  Г: 'G',
  Д: 'D',
  Ђ: 'Đ',
  Е: 'E',
  Ж: 'Ž',
  З: 'Z',
  И: 'I',
  Ј: 'J',
  К: 'K',
  Л: 'L',
  Љ: 'Lj',
  М: 'M',
  Н: 'N',
  Њ: 'Nj',
  О: 'O',
  П: 'P',
  Р: 'R',
  С: 'S',
  Т: 'T',
  Ћ: 'Ć',
  У: 'U',
  Ф: 'F',
  Х: 'H',
  Ц: 'C',
  Ч: 'Č',
  Џ: 'Dž',
  Ш: 'Š',
  Ѓ: 'Gj',
  Ќ: 'Kj',
  Ѕ: 'Dz',
  Й: 'J',
  Ы: 'Y',
  Э: 'E',
  Ю: 'Ju',
  Я: 'Ja',
  Ё: 'Jo',
  Щ: 'Šč',
  Ъ: '',
  Ь: '',
  Є: 'Je',
  Ї: 'Ji',
  І: 'I',
  Ў: 'U',
  Ґ: 'G',
};
const CYRILLIC: ReadonlyMap<string, string> = new Map(
  Object.entries(CYRILLIC_UPPER).flatMap(
    ([k, v]) =>
      [
        [k, v],
        [k.toLowerCase(), v.toLowerCase()],
      ] as [string, string][],
  ),
);

const LATIN: ReadonlyMap<string, string> = new Map([
  ['č', 'c'],
  ['ć', 'c'],
  ['Č', 'C'],
  ['Ć', 'C'],
  ['š', 's'],
  ['Š', 'S'],
  ['ž', 'z'],
  ['Ž', 'Z'],
  ['đ', 'dj'],
  ['Đ', 'Dj'],
  ['ł', 'l'],
  ['Ł', 'L'],
  ['œ', 'oe'],
  ['Œ', 'OE'],
  ['ı', 'i'],
  ['þ', 'th'],
  ['Þ', 'Th'],
  ['ð', 'd'],
  ['ç', 'c'],
  // Typography that word processors put into templates.
  ['\u2018', "'"],
  ['\u2019', "'"],
  ['\u201a', "'"],
  ['\u201b', "'"],
  ['\u2032', "'"],
  ['`', "'"],
  ['\u00b4', "'"],
  ['\u201c', '"'],
  ['\u201d', '"'],
  ['\u201e', '"'],
  ['\u201f', '"'],
  ['\u2033', '"'],
  ['\u00ab', '"'],
  ['\u00bb', '"'],
  ['\u2010', '-'],
  ['\u2011', '-'],
  ['\u2012', '-'],
  ['\u2013', '-'],
  ['\u2014', '-'],
  ['\u2015', '-'],
  ['\u2212', '-'],
  ['\u2026', '...'],
  ['\u2022', '*'],
  ['\u00b7', '.'],
  ['\u00d7', 'x'],
  ['\u00f7', '/'],
  ['\t', ' '],
  ['\u00a0', ' '],
  ['\u2007', ' '],
  ['\u2009', ' '],
  ['\u202f', ' '],
  ['\u2002', ' '],
  ['\u2003', ' '],
  ['\u00ad', ''],
  ['\u200b', ''],
  ['\u200c', ''],
  ['\u200d', ''],
  ['\u2060', ''],
  ['\ufeff', ''],
  ['\u00a9', '(c)'],
  ['\u00ae', '(R)'],
  ['\u2122', 'TM'],
]);

function isUpper(ch: string | undefined): boolean {
  return ch !== undefined && ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}
function isLetter(ch: string | undefined): boolean {
  return ch !== undefined && ch.toLowerCase() !== ch.toUpperCase();
}

/**
 * Replaces characters through `table`; a multi-letter capital (Љ → Lj, Đ → Dj) becomes all capitals
 * inside an all-capitals word, so "ЉУБИША" gives "LJUBIŠA" rather than "LjUBIŠA".
 */
function transliterate(text: string, table: ReadonlyMap<string, string>): string {
  const chars = [...text];
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const mapped = table.get(chars[i]);
    if (mapped === undefined) {
      out += chars[i];
      continue;
    }
    if (mapped.length > 1 && isUpper(mapped[0])) {
      const next = chars[i + 1];
      const shouting = isLetter(next) ? isUpper(next) : isUpper(chars[i - 1]);
      out += shouting ? mapped.toUpperCase() : mapped;
    } else {
      out += mapped;
    }
  }
  return out;
}

/** Folds any text into the GSM 03.38 alphabet: Cyrillic to Serbian Latin, then diacritics off; '?' for the rest. */
export function foldToGsm7(text: string): string {
  const latin = transliterate(transliterate(text.normalize('NFC'), CYRILLIC), LATIN);
  let out = '';
  for (const ch of latin) {
    if (gsmSeptets(ch) !== 0) {
      out += ch;
      continue;
    }
    const stripped = ch.normalize('NFD').replace(/\p{M}/gu, '');
    out += stripped !== '' && isGsm7(stripped) ? stripped : '?';
  }
  return out;
}

interface Unit {
  text: string;
  size: number;
}

function unitsOf(text: string, encoding: SmsEncoding): Unit[] {
  // Iterating by code point keeps a surrogate pair (size 2 in UCS-2) and an escape pair together.
  return [...text].map((ch) => ({ text: ch, size: encoding === 'GSM-7' ? gsmSeptets(ch) : ch.length }));
}

function chunk(units: Unit[], encoding: SmsEncoding): string[] {
  const single = encoding === 'GSM-7' ? GSM7_SINGLE_LIMIT : UCS2_SINGLE_LIMIT;
  const perPart = encoding === 'GSM-7' ? GSM7_PART_LIMIT : UCS2_PART_LIMIT;
  const total = units.reduce((n, u) => n + u.size, 0);
  if (total <= single) return [units.map((u) => u.text).join('')];
  const parts: string[] = [];
  let current = '';
  let used = 0;
  for (const u of units) {
    if (used + u.size > perPart) {
      parts.push(current);
      current = '';
      used = 0;
    }
    current += u.text;
    used += u.size;
  }
  parts.push(current);
  return parts;
}

function encodingFor(text: string, policy: SmsPolicy): { text: string; encoding: SmsEncoding } {
  const normalized = text.normalize('NFC');
  if (policy === 'gsm7-fold') return { text: foldToGsm7(normalized), encoding: 'GSM-7' };
  return { text: normalized, encoding: isGsm7(normalized) ? 'GSM-7' : 'UCS-2' };
}

/** Decides encoding and counts parts; the same chunking is used by splitSms, so the count is exact. */
export function planSms(text: string, policy: SmsPolicy): SmsPlan {
  const { text: sent, encoding } = encodingFor(text, policy);
  const units = unitsOf(sent, encoding);
  return {
    text: sent,
    encoding,
    dataCoding: encoding === 'GSM-7' ? 0 : 8,
    parts: chunk(units, encoding).length,
    unitsUsed: units.reduce((n, u) => n + u.size, 0),
  };
}

/** Splits a planned message into encoded part payloads (without UDH). */
export function splitSms(plan: SmsPlan): SmsPart[] {
  const texts = chunk(unitsOf(plan.text, plan.encoding), plan.encoding);
  if (texts.length > MAX_PARTS) throw new RangeError(`message needs ${texts.length} parts, more than ${MAX_PARTS}`);
  return texts.map((t) => ({ text: t, payload: plan.encoding === 'GSM-7' ? encodeGsm7(t) : encodeUcs2(t) }));
}

/** User data header for concatenated SMS with an 8-bit reference (IEI 0x00). */
export function concatenationUdh(reference: number, total: number, sequence: number): Buffer {
  return Buffer.from([0x05, 0x00, 0x03, reference & 0xff, total, sequence]);
}

/**
 * Cost of a message. Prices are decimal, so the product is rounded to 6 places to avoid binary
 * floating-point noise (3 × 0.1 must be 0.3, not 0.30000000000000004).
 */
export function smsCost(parts: number, pricePerPart: number): number {
  if (!Number.isInteger(parts) || parts < 0) throw new RangeError(`parts must be a whole number >= 0, got ${parts}`);
  if (!Number.isFinite(pricePerPart) || pricePerPart < 0) throw new RangeError(`pricePerPart must be >= 0, got ${pricePerPart}`);
  return Math.round(parts * pricePerPart * 1e6) / 1e6;
}
