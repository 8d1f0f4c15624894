/**
 * The outbox writer behind Tivat's promise: a case registered at the counter for a citizen with a
 * mobile number gives that citizen a portal account (found by the number, or created and linked to
 * the party), and, unless it is already active, an SMS with a one-time activation link. It runs in
 * the registration's transaction, so the account and the SMS exist exactly when the case does. The
 * SMS waits GLAS_PORTAL_ACTIVATION_DELAY_SECONDS so that the one with the case number comes first.
 */
import type { Tx } from '../../kernel/db/database.ts';
import type { Ctx, OutboxWriter } from '../../kernel/context.ts';
import type { StoredEvent } from '../../cases/commands/record-case-event.ts';
import { audit } from '../../kernel/audit.ts';
import { DEFAULT_LOCALE, isLocale, municipalityIn, t } from '../../i18n/index.ts';
import { enabledChannels } from '../../notifications/service.ts';
import { hashLinkToken, newLinkToken } from '../domain/one-time-code.ts';
import { caseContacts, findAccountById, findAccountByPhone, insertAccount } from '../repositories/account-repository.ts';
import { insertCode, lastLinkSentTo } from '../repositories/code-repository.ts';
import { channelLogger } from '../../kernel/log.ts';
import { queueDirectMessage } from '../../notifications/commands/queue-direct-message.ts';

export async function provisionCounterAccounts(tx: Tx, event: StoredEvent, ctx: Ctx): Promise<void> {
  if (event.type !== 'case.registered' || event.data.channel !== 'counter' || !ctx.config.portalAccounts) return;
  // Without SMS the citizen could neither activate nor sign in by code: no account is made.
  if (!enabledChannels(ctx.config).has('sms')) return;
  const now = ctx.now();
  for (const p of await caseContacts(tx, event.caseId)) {
    if (p.kind !== 'person' || !p.phone || p.role === 'opposing') continue;
    let account = await findAccountByPhone(tx, p.phone);
    if (!account) {
      const id = await insertAccount(tx, { displayName: p.name, partyId: p.id, phone: p.phone, email: null, locale: p.locale });
      account = id ? await findAccountById(tx, id) : await findAccountByPhone(tx, p.phone);
      if (!account) continue;
      if (id)
        await audit(tx, { kind: 'system', name: 'Portal' }, 'create_citizen_account', 'user', id, null, {
          partyId: p.id,
          phone: p.phone,
          caseId: event.caseId,
        });
    }
    if (account.party_id !== p.id) {
      // The clerk registered this person as a new party: the account keeps the party it was made for.
      channelLogger(ctx.config.logLevel, 'citizens')('info', 'portal account belongs to another party with the same number', {
        caseId: event.caseId,
        userId: account.id,
      });
      continue;
    }
    if (account.phone_verified_at || !account.active) continue;
    const last = await lastLinkSentTo(tx, account.id, 'activation');
    if (last && !last.used_at && new Date(last.expires_at) > now) continue;
    const token = newLinkToken();
    const hours = ctx.config.activationHours;
    await insertCode(tx, {
      purpose: 'activation',
      target: p.phone,
      userId: account.id,
      codeHash: hashLinkToken(token),
      salt: '',
      data: {},
      maxAttempts: 1,
      createdAt: now,
      expiresAt: new Date(now.getTime() + hours * 3_600_000),
    });
    const locale = isLocale(p.locale) ? p.locale : DEFAULT_LOCALE;
    const params = { municipality: municipalityIn(locale, ctx.config), hours };
    await queueDirectMessage(tx, ctx, {
      purpose: 'activation',
      channel: 'sms',
      recipient: p.phone,
      locale,
      partyId: p.id,
      userId: account.id,
      caseId: event.caseId,
      body: t(locale, 'citizens.sms_activation', { ...params, link: `${ctx.config.publicUrl}/portal/link#${token}` }),
      redacted: t(locale, 'citizens.sms_activation', { ...params, link: `${ctx.config.publicUrl}/portal/link#…` }),
      delayMs: ctx.config.activationDelaySeconds * 1000,
      ttlMs: hours * 3_600_000,
    });
  }
}

export const counterAccountOutbox: OutboxWriter = provisionCounterAccounts;
