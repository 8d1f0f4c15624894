/**
 * Message templates: short texts with `{placeholder}`s filled from the case. Checked when saved
 * (an unknown placeholder is refused by name), so rendering at send time cannot fail.
 */

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

export type TemplateCheck = { ok: true; placeholders: Placeholder[] } | { ok: false; problem: string; placeholder?: string };

export const MAX_TEMPLATE_LENGTH: Record<TemplateChannel, number> = { sms: 640, email_subject: 200, email_body: 10_000, viber: 7000 };

/** Checks a template: known placeholders only, no stray braces, not empty, not too long. */
export function checkTemplate(channel: TemplateChannel, text: string): TemplateCheck {
  if (text.trim() === '') return { ok: false, problem: 'the template is empty' };
  if (text.length > MAX_TEMPLATE_LENGTH[channel]) return { ok: false, problem: `the template is longer than ${MAX_TEMPLATE_LENGTH[channel]} characters` };
  if (channel === 'email_subject' && /[\r\n]/.test(text)) return { ok: false, problem: 'an e-mail subject must be one line' };
  const found: Placeholder[] = [];
  for (const m of text.matchAll(PLACEHOLDER_RE)) {
    const name = m[1]!;
    if (!Object.hasOwn(PLACEHOLDERS, name)) {
      return {
        ok: false,
        problem: `unknown placeholder {${name}}; known placeholders: ${Object.keys(PLACEHOLDERS)
          .map((p) => `{${p}}`)
          .join(', ')}`,
        placeholder: name,
      };
    }
    if (!found.includes(name as Placeholder)) found.push(name as Placeholder);
  }
  const rest = text.replace(PLACEHOLDER_RE, '');
  if (/[{}]/.test(rest)) return { ok: false, problem: 'a "{" or "}" that does not belong to a placeholder' };
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
