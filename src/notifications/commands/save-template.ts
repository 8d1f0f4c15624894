/**
 * Saves a new version of a template. Refused, naming the problem, when it uses a placeholder that
 * does not exist (so a typo can never reach a citizen as "{numbr}"). Audited; earlier versions stay.
 */
import type { Actor } from '../../kernel/types.ts';
import { forbidden, invalidAs, notFound } from '../../kernel/lib/errors.ts';
import { isLocale } from '../../i18n/index.ts';
import type { Ctx } from '../../kernel/context.ts';
import { audit } from '../../kernel/audit.ts';
import { isKnownKind } from '../domain/kinds.ts';
import { checkTemplate, type TemplateChannel } from '../domain/template.ts';
import { insertTemplateVersion } from '../repositories/settings-repository.ts';
import { canConfigureNotifications } from '../policy.ts';

export async function saveTemplate(ctx: Ctx, actor: Actor, input: { kind: string; channel: TemplateChannel; locale: string; body: string }) {
  if (!canConfigureNotifications(actor)) throw forbidden();
  if (!isKnownKind(input.kind) || !isLocale(input.locale)) throw notFound();
  const check = checkTemplate(input.channel, input.body);
  if (!check.ok) throw invalidAs(check.key, check.params, 'body');
  return ctx.db.transaction().execute(async (tx) => {
    const saved = await insertTemplateVersion(tx, { ...input, by: actor.kind === 'system' ? null : actor.userId, byName: actor.name });
    await audit(tx, actor, 'save_template', 'notification_template', `${input.kind}/${input.channel}/${input.locale}`, undefined, {
      version: saved.version,
      body: input.body,
    });
    return { kind: input.kind, channel: input.channel, locale: input.locale, version: saved.version, body: input.body, placeholders: check.placeholders };
  });
}
