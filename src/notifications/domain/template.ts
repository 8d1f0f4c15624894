/**
 * Message templates: short texts with `{placeholder}`s filled from the case. Checked when saved
 * (an unknown placeholder is refused by name), so rendering at send time cannot fail.
 */
import type { MessageKey, MessageParams } from '../../i18n/index.ts';

export const TEMPLATE_CHANNELS = ['sms', 'email_subject', 'email_body', 'viber'] as const;
export type TemplateChannel = (typeof TEMPLATE_CHANNELS)[number];

/** Every placeholder a template may use, with what it is filled with. */
export const PLACEHOLDERS = {
  number: 'case number',
  date: 'date the case was registered',
  subject: 'subject of the case',
  status: "current status of the case, in the citizen's language",
  body: 'body (department, enterprise) that holds the case now',
  clerk: 'clerk working on the case',
  institution: 'institution whose opinion the case waits for',
  deadline: 'deadline of the case (or the one just set)',
  classification: 'classification code',
  note: 'public note written with this step',
  name: 'name of the recipient',
  trackingCode: 'tracking code of the case',
  trackingLink: 'link to the public tracking page of the case',
  municipality: 'name of the municipality',
} as const;
export type Placeholder = keyof typeof PLACEHOLDERS;
export type PlaceholderValues = Partial<Record<Placeholder, string>>;

const PLACEHOLDER_RE = /\{([^{}]*)\}/g;

/** A refused template: `problem` in English (logs, tests), `key` and `params` to word it for the user. */
export type TemplateCheck =
  | { ok: true; placeholders: Placeholder[] }
  | { ok: false; problem: string; key: MessageKey; params?: MessageParams; placeholder?: string };

export const MAX_TEMPLATE_LENGTH: Record<TemplateChannel, number> = { sms: 640, email_subject: 200, email_body: 10_000, viber: 7000 };

/** Checks a template: known placeholders only, no stray braces, not empty, not too long. */
export function checkTemplate(channel: TemplateChannel, text: string): TemplateCheck {
  if (text.trim() === '') return { ok: false, problem: 'the template is empty', key: 'detail.template_empty' };
  const limit = MAX_TEMPLATE_LENGTH[channel];
  if (text.length > limit) return { ok: false, problem: `the template is longer than ${limit} characters`, key: 'detail.template_too_long', params: { limit } };
  if (channel === 'email_subject' && /[\r\n]/.test(text))
    return { ok: false, problem: 'an e-mail subject must be one line', key: 'detail.template_subject_line' };
  const found: Placeholder[] = [];
  for (const m of text.matchAll(PLACEHOLDER_RE)) {
    const name = m[1]!;
    if (!Object.hasOwn(PLACEHOLDERS, name)) {
      const known = Object.keys(PLACEHOLDERS)
        .map((p) => `{${p}}`)
        .join(', ');
      return {
        ok: false,
        problem: `unknown placeholder {${name}}; known placeholders: ${known}`,
        key: 'detail.template_unknown_placeholder',
        params: { placeholder: `{${name}}`, known },
        placeholder: name,
      };
    }
    if (!found.includes(name as Placeholder)) found.push(name as Placeholder);
  }
  const rest = text.replace(PLACEHOLDER_RE, '');
  const brace = /[{}]/.exec(rest)?.[0];
  if (brace) return { ok: false, problem: 'a "{" or "}" that does not belong to a placeholder', key: 'detail.template_stray_brace', params: { brace } };
  return { ok: true, placeholders: found };
}

/** Fills placeholders; a value that is missing (no clerk yet, no deadline) leaves an empty string, collapsed with its spacing. */
export function renderTemplate(text: string, values: PlaceholderValues): string {
  const filled = text.replace(PLACEHOLDER_RE, (_whole, name: string) => values[name as Placeholder] ?? '');
  // Missing values must not leave "  " or " ." behind.
  return filled
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/ ([.,;:!?])/g, '$1')
    .replace(/[ \t]+\n/g, '\n')
    .trim();
}
