/**
 * An administrator imports a language file a translator has worked on (the same flat key → ICU
 * message JSON that export gives and translation platforms read and write). Every message is checked
 * first; one bad message refuses the whole file, naming it, so nothing is half imported. A message that
 * differs from the wording in force becomes a new version; one that is back to the shipped text gives the
 * message back to the file.
 */
import type { Actor } from '../../kernel/types.ts';
import type { Ctx } from '../../kernel/context.ts';
import { forbidden, invalidAs, notFound } from '../../kernel/lib/errors.ts';
import { audit } from '../../kernel/audit.ts';
import { MESSAGE_KEYS, isLocale, messageSource, t, type Locale, type MessageKey } from '../../i18n/index.ts';
import { MESSAGE_FILES, icuLatToCyr } from '../../i18n/catalog.ts';
import { canManageWording } from '../policy.ts';
import { checkOverride } from '../domain/check-override.ts';
import { insertOverrideVersion } from '../repositories/override-repository.ts';
import { loadOverrides } from './load-overrides.ts';

function shippedText(locale: Locale, key: string): string {
  if (locale === 'sr-Cyrl') return icuLatToCyr(MESSAGE_FILES['sr-Latn']?.[key] ?? '');
  return MESSAGE_FILES[locale]?.[key] ?? '';
}

export async function importLanguageFile(ctx: Ctx, actor: Actor, input: { locale: string; entries: Record<string, unknown> }) {
  if (!canManageWording(actor)) throw forbidden();
  const locale = input.locale;
  if (!isLocale(locale)) throw notFound();
  const known = new Set<string>(MESSAGE_KEYS);
  const unknown = Object.keys(input.entries).filter((k) => !known.has(k));
  if (unknown.length) throw invalidAs('detail.import_unknown_keys', { keys: unknown.slice(0, 10).join(', '), count: unknown.length }, 'file');
  const changes: { key: string; text: string | null }[] = [];
  for (const [key, value] of Object.entries(input.entries)) {
    if (typeof value !== 'string') throw invalidAs('detail.import_not_text', { key }, 'file');
    const inForce = messageSource(locale, key);
    if (value === inForce) continue;
    const shipped = shippedText(locale, key);
    const check = checkOverride(locale, value, messageSource(locale === 'sr-Cyrl' ? 'sr-Latn' : locale, key) ?? '');
    if (!check.ok) throw invalidAs('detail.import_bad_message', { key, problem: t(locale, check.key as MessageKey, check.params) }, 'file');
    changes.push({ key, text: value === shipped ? null : value });
  }
  await ctx.db.transaction().execute(async (tx) => {
    for (const c of changes) {
      await insertOverrideVersion(tx, { key: c.key, locale, text: c.text, by: actor.kind === 'system' ? null : actor.userId, byName: actor.name });
    }
    await audit(tx, actor, 'import_messages', 'message', locale, undefined, { changed: changes.map((c) => c.key) });
  });
  await loadOverrides(ctx);
  return { locale, changed: changes.length, unchanged: Object.keys(input.entries).length - changes.length };
}
