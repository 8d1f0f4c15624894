/**
 * "Send me a code": the first step of signing in to the portal or signing up on it. A mobile
 * number gets a 6-digit code by SMS; an e-mail address gets a sign-in link. The answer is the same
 * whether an account exists or not, so the form reveals nobody; what arrives on the phone or in
 * the mailbox (which only their owner reads) says which it was.
 */
import type { Ctx } from '../../kernel/context.ts';
import { DEFAULT_LOCALE, isLocale, municipalityIn, t, type Locale } from '../../i18n/index.ts';
import { invalidAs } from '../../kernel/lib/errors.ts';
import { normaliseEmail, normalisePhone } from '../../kernel/lib/phone.ts';
import { CODE_MAX_ATTEMPTS, CODE_TTL_MS, hashCode, hashLinkToken, newCode, newLinkToken, newSalt, type CodePurpose } from '../domain/one-time-code.ts';
import { findAccountByEmail, findAccountByPhone } from '../repositories/account-repository.ts';
import { insertCode, retireCodes } from '../repositories/code-repository.ts';
import { queueDirectMessage } from '../../notifications/commands/queue-direct-message.ts';
import { count, refuseIfLocked } from '../../kernel/throttle.ts';
import { perIp, perTarget } from './throttle.ts';

export interface CodeRequest {
  phone?: string;
  email?: string;
  name?: string;
  locale?: string;
  ip: string;
}

export async function requestCode(ctx: Ctx, input: CodeRequest): Promise<{ sent: true; channel: 'sms' | 'email' }> {
  if (Boolean(input.phone) === Boolean(input.email)) throw invalidAs('detail.phone_or_email', {}, input.phone ? 'email' : 'phone');
  const target = input.phone ? normalisePhone(input.phone, ctx.config.phoneCountryCode) : normaliseEmail(input.email!);
  if (!target)
    throw input.phone ? invalidAs('detail.bad_phone', { value: input.phone }, 'phone') : invalidAs('detail.bad_email', { value: input.email ?? '' }, 'email');
  const name = input.name?.trim() || null;
  const requested: Locale = isLocale(input.locale) ? input.locale : DEFAULT_LOCALE;
  const now = ctx.now();
  const limits = [perTarget(target), perIp(input.ip)];
  await refuseIfLocked(
    ctx.db,
    limits.map((l) => l.key),
    now,
  );
  await count(ctx.db, limits, now);
  const paramsIn = (locale: Locale) => ({ municipality: municipalityIn(locale, ctx.config), url: `${ctx.config.publicUrl}/portal` });

  await ctx.db.transaction().execute(async (tx) => {
    const account = input.phone ? await findAccountByPhone(tx, target) : await findAccountByEmail(tx, target);
    if (account && !account.active) return;
    const locale: Locale = isLocale(account?.locale) ? account.locale : requested;
    if (!account && !name) {
      // Nothing to sign in to: tell the owner of the number or address how to sign up instead.
      await queueDirectMessage(tx, ctx, {
        purpose: 'no_account',
        channel: input.phone ? 'sms' : 'email',
        recipient: target,
        locale,
        ttlMs: CODE_TTL_MS,
        subject: t(locale, 'citizens.email_subject_sign_in', paramsIn(locale)),
        body: t(locale, 'citizens.no_account', paramsIn(locale)),
      });
      return;
    }
    if (input.phone) {
      const purpose: CodePurpose = account ? 'sign_in' : 'sign_up';
      await retireCodes(tx, ['sign_in', 'sign_up'], target, now);
      const code = newCode();
      const salt = newSalt();
      await insertCode(tx, {
        purpose,
        target,
        userId: account?.id ?? null,
        codeHash: hashCode(salt, purpose, target, code),
        salt,
        data: account ? {} : { name, locale: requested },
        maxAttempts: CODE_MAX_ATTEMPTS,
        createdAt: now,
        expiresAt: new Date(now.getTime() + CODE_TTL_MS),
      });
      const key = purpose === 'sign_in' ? 'citizens.sms_sign_in_code' : 'citizens.sms_sign_up_code';
      await queueDirectMessage(tx, ctx, {
        purpose,
        channel: 'sms',
        recipient: target,
        locale,
        userId: account?.id ?? null,
        ttlMs: CODE_TTL_MS,
        body: t(locale, key, { ...paramsIn(locale), code }),
        redacted: t(locale, key, { ...paramsIn(locale), code: '******' }),
      });
      return;
    }
    const token = newLinkToken();
    await insertCode(tx, {
      purpose: 'email_link',
      target,
      userId: account?.id ?? null,
      codeHash: hashLinkToken(token),
      salt: '',
      data: account ? {} : { name, locale: requested },
      maxAttempts: 1,
      createdAt: now,
      expiresAt: new Date(now.getTime() + ctx.config.activationHours * 3_600_000),
    });
    const link = (tok: string) => `${ctx.config.publicUrl}/portal/link#${tok}`;
    const key = account ? 'citizens.email_sign_in_link' : 'citizens.email_sign_up_link';
    await queueDirectMessage(tx, ctx, {
      purpose: 'email_link',
      channel: 'email',
      recipient: target,
      locale,
      userId: account?.id ?? null,
      subject: t(locale, 'citizens.email_subject_sign_in', paramsIn(locale)),
      ttlMs: ctx.config.activationHours * 3_600_000,
      body: t(locale, key, { ...paramsIn(locale), link: link(token), hours: ctx.config.activationHours }),
      redacted: t(locale, key, { ...paramsIn(locale), link: link('…'), hours: ctx.config.activationHours }),
    });
  });
  return { sent: true, channel: input.phone ? 'sms' : 'email' };
}
