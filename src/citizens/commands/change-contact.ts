/**
 * A citizen changes their mobile number or e-mail address on the portal. The new one is proven
 * before it is used: a 6-digit code goes to it (the only message it gets until then), and only when
 * the citizen types the code back does it replace the old one, on the account (signing in) and on
 * the party (notifications). The consent given for the old contact ends then, and the portal asks
 * for consent on the new one (notifications/commands/apply-proven-contact.ts).
 */
import type { Ctx } from '../../kernel/context.ts';
import type { Actor } from '../../kernel/types.ts';
import { AppError, invalidAs, notFound } from '../../kernel/lib/errors.ts';
import { normaliseEmail, normalisePhone } from '../../kernel/lib/phone.ts';
import { audit } from '../../kernel/audit.ts';
import { count, refuseIfLocked } from '../../kernel/throttle.ts';
import { DEFAULT_LOCALE, isLocale, t, type Locale } from '../../i18n/index.ts';
import { CODE_MAX_ATTEMPTS, CODE_TTL_MS, checkCode, hashCode, newCode, newSalt, normaliseCode } from '../domain/one-time-code.ts';
import { findAccountByEmail, findAccountById, findAccountByPhone, markVerified, setAccountContact } from '../repositories/account-repository.ts';
import { countAttempt, insertCode, lockPendingCodeOfUser, markUsed, retireCodesOfUser } from '../repositories/code-repository.ts';
import { queueDirectMessage } from '../../notifications/commands/queue-direct-message.ts';
import { applyProvenContact } from '../../notifications/commands/apply-proven-contact.ts';
import { guessesPerIp, perIp, perTarget } from './throttle.ts';

export interface ContactChangeRequest {
  phone?: string;
  email?: string;
  ip: string;
}

function ownAccount(actor: Actor) {
  if (actor.kind !== 'citizen' || !actor.partyId) throw notFound();
  return { userId: actor.userId, partyId: actor.partyId };
}

/** Sends the code to the new contact; nothing changes until it comes back. */
export async function requestContactChange(
  ctx: Ctx,
  actor: Actor,
  input: ContactChangeRequest,
): Promise<{ sent: true; channel: 'sms' | 'email'; address: string }> {
  const me = ownAccount(actor);
  const field = input.phone !== undefined ? 'phone' : 'email';
  if ((input.phone === undefined) === (input.email === undefined)) throw invalidAs('detail.value_required', { field: 'phone' }, 'phone');
  const typed = (input.phone ?? input.email ?? '').trim();
  const target = field === 'phone' ? normalisePhone(typed, ctx.config.phoneCountryCode) : normaliseEmail(typed);
  if (!target) throw invalidAs(field === 'phone' ? 'detail.bad_phone' : 'detail.bad_email', { value: typed }, field);
  const now = ctx.now();
  const limits = [perTarget(target), perIp(input.ip)];
  await refuseIfLocked(
    ctx.db,
    limits.map((l) => l.key),
    now,
  );
  await count(ctx.db, limits, now);
  await ctx.db.transaction().execute(async (tx) => {
    const account = await findAccountById(tx, me.userId);
    if (!account?.active) throw notFound();
    if (account[field] === target) throw invalidAs('detail.contact_unchanged', {}, field);
    const other = field === 'phone' ? await findAccountByPhone(tx, target) : await findAccountByEmail(tx, target);
    if (other && other.id !== account.id) throw invalidAs('detail.contact_taken', {}, field);
    await retireCodesOfUser(tx, account.id, 'contact_change', now);
    const code = newCode();
    const salt = newSalt();
    await insertCode(tx, {
      purpose: 'contact_change',
      target,
      userId: account.id,
      codeHash: hashCode(salt, 'contact_change', target, code),
      salt,
      data: { field },
      maxAttempts: CODE_MAX_ATTEMPTS,
      createdAt: now,
      expiresAt: new Date(now.getTime() + CODE_TTL_MS),
    });
    const locale: Locale = isLocale(account.locale) ? account.locale : DEFAULT_LOCALE;
    const params = { municipality: ctx.config.municipalityName, url: `${ctx.config.publicUrl}/portal/settings` };
    const key = field === 'phone' ? 'citizens.sms_contact_code' : 'citizens.email_contact_code';
    await queueDirectMessage(tx, ctx, {
      purpose: 'contact_change',
      channel: field === 'phone' ? 'sms' : 'email',
      recipient: target,
      locale,
      userId: account.id,
      ttlMs: CODE_TTL_MS,
      subject: field === 'email' ? t(locale, 'citizens.email_subject_contact', params) : null,
      body: t(locale, key, { ...params, code }),
      redacted: t(locale, key, { ...params, code: '******' }),
    });
  });
  return { sent: true, channel: field === 'phone' ? 'sms' : 'email', address: target };
}

/** The code typed back: the new contact replaces the old one on the account and the party; the old consent ends. */
export async function confirmContactChange(ctx: Ctx, actor: Actor, input: { code: string; ip: string }) {
  const me = ownAccount(actor);
  const now = ctx.now();
  await refuseIfLocked(ctx.db, [guessesPerIp(input.ip).key], now);
  const code = normaliseCode(input.code);
  const outcome = await ctx.db.transaction().execute(async (tx) => {
    const row = await lockPendingCodeOfUser(tx, me.userId, 'contact_change');
    if (!row || !code) return null;
    const check = checkCode({ ...row, purpose: 'contact_change' }, code, now);
    if (check !== 'ok') {
      if (check === 'wrong') await countAttempt(tx, row.id);
      return null;
    }
    await markUsed(tx, row.id, now);
    const field = (row.data as { field?: string }).field === 'email' ? 'email' : 'phone';
    const account = await findAccountById(tx, me.userId);
    if (!account?.active) return null;
    const other = field === 'phone' ? await findAccountByPhone(tx, row.target) : await findAccountByEmail(tx, row.target);
    if (other && other.id !== account.id) throw invalidAs('detail.contact_taken', {}, field);
    await setAccountContact(tx, account.id, field, row.target);
    await markVerified(tx, account.id, field, now);
    await audit(tx, actor, 'contact_changed', 'user', account.id, { [field]: account[field] }, { [field]: row.target });
    const applied = await applyProvenContact(tx, ctx, actor, { partyId: me.partyId, channel: field === 'phone' ? 'sms' : 'email', address: row.target });
    return { field, address: row.target, consentEnded: applied.consentEnded };
  });
  if (!outcome) {
    await count(ctx.db, [guessesPerIp(input.ip)], now);
    throw new AppError('validation', { detail: 'detail.contact_code_wrong' }, { field: 'code', detailKey: 'detail.contact_code_wrong', detailParams: {} });
  }
  return outcome;
}
