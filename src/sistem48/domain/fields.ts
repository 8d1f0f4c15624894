/**
 * A category's extra fields ("pole number", "size of the hole"): their definitions, which become
 * Open311 attributes, and the check of the values a report gives for them.
 */
import { latToCyr } from '../../i18n/transliterate.ts';
import type { LocalisedText } from '../../kernel/types.ts';

export const FIELD_TYPES = ['string', 'text', 'number', 'datetime', 'singlevaluelist', 'multivaluelist'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface FieldOption {
  key: string;
  name: LocalisedText;
}
export interface CategoryField {
  code: string;
  type: FieldType;
  required: boolean;
  label: LocalisedText;
  description?: LocalisedText;
  options?: FieldOption[];
}

export type FieldValues = Record<string, string | number | string[]>;

/** Problems with a list of field definitions, or an empty list. */
export function checkFieldDefinitions(fields: readonly CategoryField[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const f of fields) {
    // Codes become Open311 attribute codes and XML element names.
    if (!/^[a-z][a-z0-9_]{0,39}$/.test(f.code)) problems.push(`field code "${f.code}" must start with a letter and use a-z, 0-9 and _`);
    if (seen.has(f.code)) problems.push(`field "${f.code}" appears twice`);
    seen.add(f.code);
    const listed = f.type === 'singlevaluelist' || f.type === 'multivaluelist';
    if (listed && !f.options?.length) problems.push(`field "${f.code}" is a list and needs options`);
    if (!listed && f.options?.length) problems.push(`field "${f.code}" is not a list and cannot have options`);
    const keys = new Set<string>();
    for (const o of f.options ?? []) {
      if (keys.has(o.key)) problems.push(`field "${f.code}" has option "${o.key}" twice`);
      keys.add(o.key);
    }
  }
  return problems;
}

/** What is wrong with a field value: `problem` says which message the citizen gets, `reason` is the detail for developers. */
export interface FieldProblem {
  ok: false;
  field: string;
  reason: string;
  problem: 'required' | 'option' | 'number' | 'form';
}

/** Validates and normalises the given values against the definitions; unknown fields are refused. */
export function checkFieldValues(fields: readonly CategoryField[], given: Record<string, unknown>): { ok: true; values: FieldValues } | FieldProblem {
  const values: FieldValues = {};
  for (const code of Object.keys(given)) {
    if (!fields.some((f) => f.code === code)) return { ok: false, field: code, reason: `unknown field "${code}"`, problem: 'form' };
  }
  for (const f of fields) {
    let v = given[f.code];
    if (typeof v === 'string') v = v.trim();
    const empty = v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
    if (empty) {
      if (f.required) return { ok: false, field: f.code, reason: `"${f.code}" is required`, problem: 'required' };
      continue;
    }
    switch (f.type) {
      case 'string':
      case 'text': {
        if (typeof v !== 'string' && typeof v !== 'number') return { ok: false, field: f.code, reason: `"${f.code}" must be text`, problem: 'form' };
        const s = String(v);
        if (s.length > (f.type === 'string' ? 200 : 2000)) return { ok: false, field: f.code, reason: `"${f.code}" is too long`, problem: 'form' };
        values[f.code] = s;
        break;
      }
      case 'number': {
        const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.replace(',', '.')) ? Number(v.replace(',', '.')) : NaN;
        if (!Number.isFinite(n)) return { ok: false, field: f.code, reason: `"${f.code}" must be a number`, problem: 'number' };
        values[f.code] = n;
        break;
      }
      case 'datetime': {
        if (typeof v !== 'string' || Number.isNaN(Date.parse(v)))
          return { ok: false, field: f.code, reason: `"${f.code}" must be a date and time`, problem: 'form' };
        values[f.code] = new Date(v).toISOString();
        break;
      }
      case 'singlevaluelist': {
        const s = Array.isArray(v) ? (v.length === 1 ? String(v[0]) : '') : String(v);
        if (!f.options?.some((o) => o.key === s))
          return { ok: false, field: f.code, reason: `"${f.code}" must be one of ${f.options?.map((o) => o.key).join(', ')}`, problem: 'option' };
        values[f.code] = s;
        break;
      }
      case 'multivaluelist': {
        const list = (Array.isArray(v) ? v : String(v).split(',')).map((x) => String(x).trim()).filter(Boolean);
        const bad = list.find((x) => !f.options?.some((o) => o.key === x));
        if (bad !== undefined) return { ok: false, field: f.code, reason: `"${bad}" is not an option of "${f.code}"`, problem: 'option' };
        values[f.code] = [...new Set(list)];
        break;
      }
    }
  }
  return { ok: true, values };
}

/** A localised text in the wanted language, falling back through related languages to any. */
export function pickText(texts: LocalisedText | undefined | null, locale: string): string {
  if (!texts) return '';
  if (locale === 'sr-Cyrl' && !texts['sr-Cyrl'] && texts['sr-Latn']) return latToCyr(texts['sr-Latn']);
  const chain = [locale, 'sr-Latn', 'bs', 'hr', 'cnr', 'en'];
  for (const l of chain) if (l && texts[l]) return texts[l];
  return Object.values(texts)[0] ?? '';
}
