/**
 * An administrator words one message for this installation in one language (or gives it back to the
 * shipped file with `text: null`). Each save is a new version; the earlier ones stay. It takes effect
 * for the next screen and the next message; a Latin Serbian wording is transliterated for Cyrillic.
 */
import type { Actor } from '../../kernel/types.ts';
import type { Ctx } from '../../kernel/context.ts';
import { forbidden, invalidAs, notFound } from '../../kernel/lib/errors.ts';
import { audit } from '../../kernel/audit.ts';
import { MESSAGE_KEYS, isLocale, messageSource, type MessageKey } from '../../i18n/index.ts';
import { canManageWording } from '../policy.ts';
import { checkOverride } from '../domain/check-override.ts';
import { insertOverrideVersion } from '../repositories/override-repository.ts';
import { loadOverrides } from './load-overrides.ts';

export async function saveOverride(ctx: Ctx, actor: Actor, input: { key: string; locale: string; text: string | null }) {
  if (!canManageWording(actor)) throw forbidden();
  const locale = input.locale;
  if (!isLocale(locale) || !MESSAGE_KEYS.includes(input.key as MessageKey)) throw notFound();
  const shipped = messageSource(locale === 'sr-Cyrl' ? 'sr-Latn' : locale, input.key) ?? '';
  if (input.text !== null) {
    const check = checkOverride(locale, input.text, shipped);
    if (!check.ok) throw invalidAs(check.key, check.params, 'text');
  }
  const saved = await ctx.db.transaction().execute(async (tx) => {
    const row = await insertOverrideVersion(tx, {
      key: input.key,
      locale,
      text: input.text,
      by: actor.kind === 'system' ? null : actor.userId,
      byName: actor.name,
    });
    await audit(tx, actor, 'save_message', 'message', `${input.key}/${locale}`, undefined, { version: row.version, text: input.text });
    return row;
  });
  await loadOverrides(ctx);
  return { key: saved.key, locale: saved.locale, version: saved.version, text: saved.text };
}
