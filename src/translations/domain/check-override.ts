/**
 * Checks an installation's wording of a message before it is saved: valid ICU MessageFormat, the same
 * arguments as the shipped message (a missing `{number}` would drop the case number from every SMS),
 * and the plural forms of its language.
 */
import { parse, TYPE } from '@formatjs/icu-messageformat-parser';
import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { INTL_LOCALE, type Locale, type MessageKey, type MessageParams } from '../../i18n/index.ts';

export type OverrideCheck = { ok: true } | { ok: false; key: MessageKey; params: MessageParams };

function argumentsOf(ast: readonly MessageFormatElement[], into: Set<string>, plurals: string[][]): void {
  for (const el of ast) {
    if (el.type === TYPE.argument || el.type === TYPE.number || el.type === TYPE.date || el.type === TYPE.time) into.add(el.value);
    if (el.type === TYPE.plural || el.type === TYPE.select) {
      into.add(el.value);
      if (el.type === TYPE.plural) plurals.push(Object.keys(el.options).filter((k) => !k.startsWith('=')));
      for (const o of Object.values(el.options)) argumentsOf(o.value, into, plurals);
    }
  }
}

/** `shipped` is the message's source in the same language, whose arguments the new text must keep. */
export function checkOverride(locale: Locale, text: string, shipped: string): OverrideCheck {
  if (text.trim() === '') return { ok: false, key: 'detail.override_empty', params: {} };
  let ast: MessageFormatElement[];
  try {
    ast = parse(text, { ignoreTag: true });
  } catch (e) {
    return { ok: false, key: 'detail.override_syntax', params: { problem: e instanceof Error ? e.message : String(e) } };
  }
  const got = new Set<string>();
  const plurals: string[][] = [];
  argumentsOf(ast, got, plurals);
  const want = new Set<string>();
  argumentsOf(parse(shipped, { ignoreTag: true }), want, []);
  const list = (s: Set<string>) => [...s].sort().map((a) => `{${a}}`);
  if (list(got).join() !== list(want).join()) return { ok: false, key: 'detail.override_arguments', params: { expected: list(want).join(', ') || '—' } };
  const needed = new Intl.PluralRules(INTL_LOCALE[locale]).resolvedOptions().pluralCategories;
  for (const forms of plurals) {
    const missing = needed.filter((c) => !forms.includes(c));
    if (missing.length) return { ok: false, key: 'detail.override_plural_forms', params: { forms: missing.join(', ') } };
  }
  return { ok: true };
}
