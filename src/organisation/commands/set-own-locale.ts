/**
 * A signed-in staff user's language, as chosen in the app: it is also the language of the e-mails
 * Glas sends them (deadline warnings, password links) and of the pages it renders for them.
 */
import type { Actor } from '../../kernel/types.ts';
import type { Ctx } from '../../kernel/context.ts';
import { forbidden } from '../../kernel/lib/errors.ts';
import { audit } from '../../kernel/audit.ts';
import type { Locale } from '../../i18n/index.ts';
import { setUserLocale } from '../repositories/org-repository.ts';

export async function setOwnLocale(ctx: Ctx, actor: Actor, locale: Locale) {
  if (actor.kind !== 'staff' || actor.scopes) throw forbidden();
  return ctx.db.transaction().execute(async (tx) => {
    const before = await setUserLocale(tx, actor.userId, locale);
    if (before !== locale) await audit(tx, actor, 'set_locale', 'user', actor.userId, { locale: before }, { locale });
    return { locale };
  });
}
