/**
 * The texts the chatbot and the SMS number answer with, filled from the catalogue in the citizen's
 * language: a case's status (body, clerk, awaited institution, deadline), and the Viber keyboard of
 * the citizen's own cases.
 */
import type { CaseStatus } from '../../kernel/types.ts';
import { t, type Locale } from '../../i18n/index.ts';
import { REPORT_BUTTON } from './inbound-text.ts';

export interface CaseFacts {
  number: string;
  status: CaseStatus;
  unit_name: string | null;
  clerk_name: string | null;
  awaiting_name: string | null;
  due_at: Date | string | null;
  closed_at: Date | string | null;
}

export function formatDate(d: Date | string, locale: Locale, timeZone: string): string {
  const x = new Date(d);
  const p = new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'numeric', year: 'numeric' }).formatToParts(x);
  const get = (k: string) => String(Number(p.find((q) => q.type === k)?.value ?? '0'));
  return locale === 'en' ? `${get('day')}/${get('month')}/${get('year')}` : `${get('day')}.${get('month')}.${get('year')}.`;
}

export function statusText(locale: Locale, c: CaseFacts, timeZone: string): string {
  const lines = [t(locale, 'citizens.status_line', { number: c.number, status: t(locale, `status.${c.status}`) })];
  if (c.unit_name) lines.push(t(locale, 'citizens.status_unit', { unit: c.unit_name }));
  if (c.clerk_name) lines.push(t(locale, 'citizens.status_clerk', { clerk: c.clerk_name }));
  if (c.awaiting_name) lines.push(t(locale, 'citizens.status_awaiting', { institution: c.awaiting_name }));
  if (c.due_at && !c.closed_at) lines.push(t(locale, 'citizens.status_due', { date: formatDate(c.due_at, locale, timeZone) }));
  return lines.join('\n');
}

const button = (text: string, body: string, columns = 6) => ({
  Columns: columns,
  Rows: 1,
  ActionType: 'reply',
  ActionBody: body,
  Text: text,
  TextSize: 'regular',
});

/** A Viber keyboard: one button per own case (its number answers with its status), then "my cases" and "help". */
export function casesKeyboard(locale: Locale, cases: readonly { number: string; status: CaseStatus }[]): Record<string, unknown> {
  return {
    Type: 'keyboard',
    DefaultHeight: false,
    InputFieldState: 'regular',
    Buttons: [
      ...cases.slice(0, 20).map((c) => button(`${c.number} · ${t(locale, `status.${c.status}`)}`, c.number)),
      button(t(locale, 'citizens.bot_button_cases'), 'cases', 3),
      button(t(locale, 'citizens.bot_button_help'), 'help', 3),
    ],
  };
}

/** The Viber keyboard under "shall we file this?": file it, or not. */
export function reportKeyboard(locale: Locale): Record<string, unknown> {
  return {
    Type: 'keyboard',
    DefaultHeight: false,
    InputFieldState: 'regular',
    Buttons: [
      button(t(locale, 'citizens.bot_button_report_yes'), REPORT_BUTTON.yes, 3),
      button(t(locale, 'citizens.bot_button_report_no'), REPORT_BUTTON.no, 3),
    ],
  };
}
