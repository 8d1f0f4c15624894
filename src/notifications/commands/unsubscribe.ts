/**
 * One-click List-Unsubscribe (RFC 8058) from a notification e-mail: the party keeps getting key
 * messages, which are mandatory, and stops getting the others. The link carries a random per-party
 * token, so it works without signing in and reveals nothing.
 */
import type { Ctx } from '../../kernel/context.ts';
import { audit } from '../../kernel/audit.ts';
import { notFound } from '../../kernel/lib/errors.ts';
import { findPreferencesByUnsubscribeToken, updatePreferences } from '../repositories/contact-repository.ts';

export async function unsubscribeByToken(ctx: Ctx, token: string): Promise<{ scope: 'key' }> {
  return ctx.db.transaction().execute(async (tx) => {
    const prefs = await findPreferencesByUnsubscribeToken(tx, token);
    if (!prefs) throw notFound();
    if (prefs.scope !== 'key') {
      await updatePreferences(tx, prefs.party_id, { scope: 'key' }, ctx.now());
      await audit(
        tx,
        { kind: 'system', name: 'List-Unsubscribe' },
        'update_notification_preferences',
        'party',
        prefs.party_id,
        { scope: prefs.scope },
        { scope: 'key' },
      );
    }
    return { scope: 'key' };
  });
}
