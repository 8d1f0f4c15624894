/** The administrator decides, per notification kind, whether it is internal, notifiable or key. Audited. */
import type { Actor } from '../../kernel/types.ts';
import { forbidden, notFound } from '../../kernel/lib/errors.ts';
import type { Ctx } from '../../kernel/context.ts';
import { audit } from '../../kernel/audit.ts';
import { findKind, type NotificationLevel } from '../domain/kinds.ts';
import { findKindSetting, upsertKindSetting } from '../repositories/settings-repository.ts';
import { canConfigureNotifications } from '../policy.ts';

export async function setKindLevel(ctx: Ctx, actor: Actor, kind: string, level: NotificationLevel) {
  if (!canConfigureNotifications(actor)) throw forbidden();
  const def = findKind(kind);
  if (!def) throw notFound();
  return ctx.db.transaction().execute(async (tx) => {
    const before = await findKindSetting(tx, kind);
    await upsertKindSetting(tx, { kind, level, by: actor.kind === 'system' ? null : actor.userId, byName: actor.name, at: ctx.now() });
    await audit(tx, actor, 'set_notification_level', 'notification_kind', kind, { level: before?.level ?? def.defaultLevel }, { level });
    return { kind, level, defaultLevel: def.defaultLevel };
  });
}
