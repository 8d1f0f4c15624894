/**
 * Placeholder values for one event, one recipient and one language: what {number}, {status},
 * {body}, … stand for. Values from the event (the unit it was delivered to, the institution asked)
 * win over the case row, which already reflects the change made in the same transaction.
 */
import { isLocale, latToCyr, municipalityIn, t, type Locale, type MessageKey } from '../../i18n/index.ts';
import { dateTimeFormat } from '../../kernel/time.ts';
import { CASE_STATUSES } from '../../kernel/types.ts';
import type { PlaceholderValues } from './template.ts';
import { maskContacts } from '../../kernel/lib/public-text.ts';

export interface CaseFacts {
  number: string;
  subject: string;
  status: string;
  registeredAt: Date;
  unitName: string | null;
  clerkName: string | null;
  awaitingName: string | null;
  dueAt: Date | null;
  classificationCode: string | null;
  trackingCode: string;
}
export interface EventFacts {
  type: string;
  data: Record<string, unknown>;
  note: string | null;
  visibility: 'public' | 'internal';
}
export interface Installation {
  publicUrl: string;
  municipality: string;
  /** Its configured Cyrillic form (GLAS_MUNICIPALITY_CYRILLIC), else transliterated. */
  municipalityCyrillic?: string | undefined;
  timeZone: string;
}

const DATE_LOCALE: Record<Locale, string> = {
  'sr-Latn': 'sr-Latn-RS',
  'sr-Cyrl': 'sr-Latn-RS',
  bs: 'bs-BA',
  hr: 'hr-HR',
  cnr: 'sr-Latn-ME',
  sl: 'sl-SI',
  en: 'en-GB',
};

/** Dates as people write them: 21.11.2026 (no trailing dot, so a sentence can end after it), 21. 11. 2026 in Slovenian, 21/11/2026 in English. */
export function formatDate(at: Date, locale: Locale, timeZone: string): string {
  // Kept for reuse (dateTimeFormat): building one was most of the CPU of rendering a message (bench/notifications.ts).
  const parts = dateTimeFormat(DATE_LOCALE[locale], { timeZone, day: 'numeric', month: 'numeric', year: 'numeric' }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  if (locale === 'en') return `${get('day')}/${get('month')}/${get('year')}`;
  if (locale === 'sl') return `${get('day')}. ${get('month')}. ${get('year')}`;
  return `${get('day')}.${get('month')}.${get('year')}`;
}

export function statusLabel(status: string, locale: Locale): string {
  return (CASE_STATUSES as readonly string[]).includes(status) ? t(locale, `status.${status}` as MessageKey) : status;
}

export function trackingLink(publicUrl: string, number: string, trackingCode: string): string {
  return `${publicUrl}/track?number=${encodeURIComponent(number)}&code=${encodeURIComponent(trackingCode)}`;
}

type Words = Record<Exclude<Locale, 'sr-Cyrl'>, string>;
// What a sentence says when a value is not known yet, so no message reads "sada vodi:." or "rok je .".
const WHEN_EMPTY: Record<'body' | 'clerk' | 'institution' | 'deadline', Words> = {
  body: {
    'sr-Latn': 'nadležna služba',
    bs: 'nadležna služba',
    hr: 'nadležna služba',
    cnr: 'nadležna služba',
    sl: 'pristojna služba',
    en: 'the responsible service',
  },
  clerk: {
    'sr-Latn': 'nadležni referent',
    bs: 'nadležni referent',
    hr: 'nadležni službenik',
    cnr: 'nadležni referent',
    sl: 'pristojna uradna oseba',
    en: 'the responsible clerk',
  },
  institution: {
    'sr-Latn': 'druga institucija',
    bs: 'druga institucija',
    hr: 'druga institucija',
    cnr: 'druga institucija',
    sl: 'druga institucija',
    en: 'another institution',
  },
  deadline: {
    'sr-Latn': 'biće naknadno određen',
    bs: 'bit će naknadno određen',
    hr: 'bit će naknadno određen',
    cnr: 'biće naknadno određen',
    sl: 'bo določen naknadno',
    en: 'a date still to be set',
  },
};
/** The stand-in for a missing value, in the message's language and script. */
export function whenEmpty(what: keyof typeof WHEN_EMPTY, locale: Locale): string {
  return locale === 'sr-Cyrl' ? latToCyr(WHEN_EMPTY[what]['sr-Latn']) : WHEN_EMPTY[what][locale];
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const date = (v: unknown): Date | null => {
  const s = str(v);
  if (!s) return null;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
};

export function placeholderValues(c: CaseFacts, e: EventFacts, recipientName: string, locale: Locale, inst: Installation): PlaceholderValues {
  const loc: Locale = isLocale(locale) ? locale : 'sr-Latn';
  // Names are written in Latin in the registry; a Cyrillic message shows them in Cyrillic too.
  const names = (s: string | null) => (s && loc === 'sr-Cyrl' ? latToCyr(s) : (s ?? ''));
  const d = e.data;
  const number = (e.type === 'case.external_event' ? str(d.caseNumber) : null) ?? c.number;
  const status = str(d.status) ?? c.status;
  const deadline = date(d.plannedResolutionAt) ?? date(d.dueAt) ?? date(d.deadline) ?? c.dueAt;
  return {
    number,
    date: formatDate(c.registeredAt, loc, inst.timeZone),
    subject: c.subject,
    status: statusLabel(e.type === 'case.status_changed' ? (str(d.to) ?? status) : status, loc),
    body: names(str(d.unitName) ?? c.unitName) || whenEmpty('body', loc),
    clerk: names(str(d.clerkName) ?? c.clerkName) || whenEmpty('clerk', loc),
    institution: names(str(d.institutionName) ?? c.awaitingName) || whenEmpty('institution', loc),
    deadline: deadline ? formatDate(deadline, loc, inst.timeZone) : whenEmpty('deadline', loc),
    classification: str(d.code) ?? c.classificationCode ?? '',
    // Only what the citizen may read: a note on an internal event never leaves the building, a note
    // awaiting a moderator's review is not read yet, and a public note goes to every follower of the
    // case, so it is masked as on the public pages.
    note: e.visibility === 'public' && d.awaitingReview !== true ? maskContacts(e.note ?? str(d.text) ?? '') : '',
    name: names(recipientName),
    trackingCode: c.trackingCode,
    trackingLink: trackingLink(inst.publicUrl, number, c.trackingCode),
    municipality: municipalityIn(loc, { municipalityName: inst.municipality, municipalityNameCyrillic: inst.municipalityCyrillic }),
  };
}

/** Plain text to minimal HTML for the e-mail's HTML part: escaped, paragraphs kept, links clickable. */
export function textToHtml(text: string, lang: string): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const paragraphs = text.split(/\n{2,}/).map(
    (p) =>
      `<p>${esc(p)
        .replace(/\n/g, '<br>')
        .replace(/https?:\/\/[^\s<]+/g, (u) => `<a href="${u}">${u}</a>`)}</p>`,
  );
  return `<!doctype html><html lang="${esc(lang)}"><body>${paragraphs.join('\n')}</body></html>`;
}
