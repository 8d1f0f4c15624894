/**
 * Following a public problem report and "me too" (issue 14, item 3). Anyone gives a mobile number or
 * an e-mail address on the report's public page and asks to be told of its public updates, to add
 * their support, or both; a 6-digit code goes to that contact, and only the code typed back makes it
 * count: until then it is told nothing and supports nothing. One contact counts once per report. The
 * consent to be told (with the consent text's version) is kept when the code is confirmed; every
 * message carries a link that ends it.
 */
import { randomBytes } from 'node:crypto';
import type { Ctx } from '../../kernel/context.ts';
import { AppError, invalidAs, notFound } from '../../kernel/lib/errors.ts';
import { normaliseEmail, normalisePhone } from '../../kernel/lib/phone.ts';
import { count, refuseIfLocked, type Limit } from '../../kernel/throttle.ts';
import { DEFAULT_LOCALE, isLocale, t, type Locale } from '../../i18n/index.ts';
import { safeEqual } from '../../kernel/lib/secrets.ts';
import { queueDirectMessage } from '../../notifications/commands/queue-direct-message.ts';
import { caseIdByReportNo } from '../repositories/report-repository.ts';
import {
  confirmFollower,
  countFollowAttempt,
  lockFollower,
  reportRefOf,
  stopFollowing,
  supportCounts,
  upsertFollowRequest,
} from '../repositories/follower-repository.ts';
import { followCodeHash, FOLLOW_CODE_ATTEMPTS, FOLLOW_CODE_TTL_MS, newFollowCode } from '../domain/follow-code.ts';

const HOUR = 3_600_000;
/** Codes to one contact: 5 an hour; asked for from one address: 30 an hour; wrong codes from one address: 30 in 15 minutes. */
const perContact = (address: string): Limit => ({ key: `follow:${address}`, windowMs: HOUR, limit: 5, lockMs: HOUR });
const perIp = (ip: string): Limit => ({ key: `follow-ip:${ip}`, windowMs: HOUR, limit: 30, lockMs: HOUR });
const guessesPerIp = (ip: string): Limit => ({ key: `follow-guess:${ip}`, windowMs: 15 * 60_000, limit: 30, lockMs: 15 * 60_000 });

export interface FollowContact {
  phone?: string;
  email?: string;
}

function contactOf(ctx: Ctx, c: FollowContact): { channel: 'sms' | 'email'; address: string } {
  if ((c.phone === undefined) === (c.email === undefined)) throw invalidAs('detail.value_required', { field: 'phone' }, 'phone');
  if (c.phone !== undefined) {
    const address = normalisePhone(c.phone, ctx.config.phoneCountryCode);
    if (!address) throw invalidAs('detail.bad_phone', { value: c.phone }, 'phone');
    return { channel: 'sms', address };
  }
  const address = normaliseEmail(c.email!);
  if (!address) throw invalidAs('detail.bad_email', { value: c.email! }, 'email');
  return { channel: 'email', address };
}

async function reportCase(ctx: Ctx, reportNo: string) {
  const caseId = await caseIdByReportNo(ctx.db, reportNo);
  const ref = caseId ? await reportRefOf(ctx.db, caseId) : undefined;
  if (!caseId || !ref) throw notFound();
  return { caseId, number: ref.number };
}

/** Sends the code; nothing is recorded as followed or supported until it comes back. */
export async function requestFollow(
  ctx: Ctx,
  input: FollowContact & { reportNo: string; updates: boolean; support: boolean; locale?: string; ip: string },
): Promise<{ sent: true; channel: 'sms' | 'email' }> {
  if (!input.updates && !input.support) throw invalidAs('detail.follow_nothing_asked', {}, 'updates');
  const { channel, address } = contactOf(ctx, input);
  const { caseId, number } = await reportCase(ctx, input.reportNo);
  const now = ctx.now();
  const limits = [perContact(address), perIp(input.ip)];
  await refuseIfLocked(
    ctx.db,
    limits.map((l) => l.key),
    now,
  );
  await count(ctx.db, limits, now);
  const locale: Locale = isLocale(input.locale) ? input.locale : DEFAULT_LOCALE;
  const code = newFollowCode();
  const salt = randomBytes(12).toString('base64url');
  await ctx.db.transaction().execute(async (tx) => {
    await upsertFollowRequest(tx, {
      caseId,
      channel,
      address,
      locale,
      requested: { updates: input.updates, support: input.support },
      codeHash: followCodeHash(salt, caseId, address, code),
      salt,
      createdAt: now,
      codeExpiresAt: new Date(now.getTime() + FOLLOW_CODE_TTL_MS),
      stopToken: randomBytes(16).toString('base64url'),
    });
    const params = { municipality: ctx.config.municipalityName, number, code };
    await queueDirectMessage(tx, ctx, {
      purpose: 'report_follow_code',
      channel,
      recipient: address,
      locale,
      ttlMs: FOLLOW_CODE_TTL_MS,
      subject: channel === 'email' ? t(locale, 's48f.email_subject_code', params) : null,
      body: t(locale, 's48f.follow_code', params),
      redacted: t(locale, 's48f.follow_code', { ...params, code: '******' }),
    });
  });
  return { sent: true, channel };
}

/** The code typed back: the contact now follows (consent recorded) and/or supports the report. */
export async function confirmFollow(ctx: Ctx, input: FollowContact & { reportNo: string; code: string; ip: string }) {
  const { channel, address } = contactOf(ctx, input);
  const { caseId } = await reportCase(ctx, input.reportNo);
  const now = ctx.now();
  await refuseIfLocked(ctx.db, [guessesPerIp(input.ip).key], now);
  const code = input.code.replace(/[\s-]/g, '');
  const outcome = await ctx.db.transaction().execute(async (tx) => {
    const row = await lockFollower(tx, caseId, channel, address);
    if (!row || !/^\d{6}$/.test(code)) return null;
    const requested = row.requested as { updates?: boolean; support?: boolean };
    if (new Date(row.code_expires_at) <= now || row.attempts >= FOLLOW_CODE_ATTEMPTS || (!requested.updates && !requested.support)) return null;
    if (!safeEqual(followCodeHash(row.salt, caseId, address, code), row.code_hash)) {
      await countFollowAttempt(tx, row.id);
      return null;
    }
    return confirmFollower(tx, row.id, {
      updates: Boolean(requested.updates),
      support: Boolean(requested.support),
      at: now,
      consentTextVersion: ctx.config.consentTextVersion,
    });
  });
  if (!outcome) {
    await count(ctx.db, [guessesPerIp(input.ip)], now);
    throw new AppError('validation', { detail: 'detail.contact_code_wrong' }, { field: 'code', detailKey: 'detail.contact_code_wrong', detailParams: {} });
  }
  const supportCount = (await supportCounts(ctx.db, [caseId])).get(caseId) ?? 0;
  return { following: outcome.wants_updates && !outcome.stopped_at, supporting: outcome.supports, supportCount };
}

/** The link in every follower's message: it stops the updates (the support stays counted). */
export async function stopFollow(ctx: Ctx, token: string) {
  if (!/^[A-Za-z0-9_-]{22}$/.test(token)) throw notFound();
  const stopped = await ctx.db.transaction().execute((tx) => stopFollowing(tx, token, ctx.now()));
  return { stopped: Boolean(stopped) };
}
