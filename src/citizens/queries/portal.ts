/** What the portal shows about the signed-in citizen: their account, and which notifications are key (not switchable). */
import type { Ctx } from '../../kernel/context.ts';
import type { Actor } from '../../kernel/types.ts';
import { SYSTEM_ACTOR } from '../../kernel/types.ts';
import { notFound } from '../../kernel/lib/errors.ts';
import { listNotificationKinds } from '../../notifications/queries/settings.ts';
import { findPreferences } from '../../notifications/repositories/contact-repository.ts';
import { findAccountById } from '../repositories/account-repository.ts';

export async function getMyAccount(ctx: Ctx, actor: Actor) {
  if (actor.kind !== 'citizen') throw notFound();
  const a = await findAccountById(ctx.db, actor.userId);
  if (!a) throw notFound();
  const prefs = a.party_id ? await findPreferences(ctx.db, a.party_id) : undefined;
  return {
    id: a.id,
    name: a.display_name,
    phone: a.phone,
    email: a.email,
    locale: a.locale,
    hasPassword: Boolean(a.password_hash),
    phoneVerified: Boolean(a.phone_verified_at),
    emailVerified: Boolean(a.email_verified_at),
    viberLinked: Boolean(prefs?.viber_user_id),
  };
}

/** The kinds a citizen can be told about, with their level: key ones are sent even to "key events only". Internal kinds are left out. */
export async function citizenNotificationKinds(ctx: Ctx) {
  // The levels are the municipality's settings, not anyone's data: read with the system's right.
  const kinds = await listNotificationKinds(ctx, SYSTEM_ACTOR);
  return kinds.filter((k) => k.level !== 'internal').map((k) => ({ kind: k.kind, eventType: k.eventType, level: k.level as 'notifiable' | 'key' }));
}
