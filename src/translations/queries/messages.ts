/** What the administration's wording screen reads: messages in every language, their versions, a language file. */
import type { Actor } from '../../kernel/types.ts';
import type { Ctx } from '../../kernel/context.ts';
import { forbidden, notFound } from '../../kernel/lib/errors.ts';
import { LOCALES, MESSAGE_KEYS, isLocale, messageSource, type Locale, type MessageKey } from '../../i18n/index.ts';
import { canManageWording } from '../policy.ts';
import { overrideVersions, overridesInForce } from '../repositories/override-repository.ts';
import { currentOverrides } from '../commands/load-overrides.ts';

/** Messages whose key or text (in any language) contains `q`, with their wording in force in every language. */
export async function findMessages(ctx: Ctx, actor: Actor, input: { q?: string; limit?: number }) {
  if (!canManageWording(actor)) throw forbidden();
  const q = (input.q ?? '').trim().toLowerCase();
  const overridden = new Map<string, Locale[]>();
  for (const o of await overridesInForce(ctx.db)) overridden.set(o.key, [...(overridden.get(o.key) ?? []), o.locale as Locale]);
  const items: { key: string; texts: Record<Locale, string>; overridden: Locale[] }[] = [];
  for (const key of MESSAGE_KEYS) {
    const texts = {} as Record<Locale, string>;
    for (const l of LOCALES) texts[l] = messageSource(l, key) ?? '';
    if (q && !key.toLowerCase().includes(q) && !Object.values(texts).some((x) => x.toLowerCase().includes(q))) continue;
    items.push({ key, texts, overridden: overridden.get(key) ?? [] });
    if (items.length >= (input.limit ?? 50)) break;
  }
  return { items };
}

export async function messageVersions(ctx: Ctx, actor: Actor, key: string) {
  if (!canManageWording(actor)) throw forbidden();
  if (!MESSAGE_KEYS.includes(key as MessageKey)) throw notFound();
  return { key, items: await overrideVersions(ctx.db, key) };
}

/** The language file as in force here (shipped text, with this installation's wording laid over it). */
export function exportLanguageFile(actor: Actor, locale: string): Record<string, string> {
  if (!canManageWording(actor)) throw forbidden();
  if (!isLocale(locale)) throw notFound();
  const out: Record<string, string> = {};
  for (const key of [...MESSAGE_KEYS].sort()) out[key] = messageSource(locale, key) ?? '';
  return out;
}

/** The installation's wording, for the web app to lay over the files it ships with (public wording, no secrets). */
export async function publicOverrides(ctx: Ctx) {
  return { overrides: await currentOverrides(ctx.db) };
}
