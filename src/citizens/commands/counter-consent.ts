/**
 * At the counter (issue 14, item 7): the registry clerk records the citizen's consent to Viber notices
 * with their Viber number, and prints the consent statement the citizen signs, in the citizen's
 * language and script, with the consent text's version and a QR code that opens the municipality's
 * Viber chat with a one-time link tying the citizen's Viber user to their party (and so their cases).
 * Until the citizen follows it, nothing goes by Viber: the number is on the consent record only.
 */
import type { Ctx } from '../../kernel/context.ts';
import type { Actor } from '../../kernel/types.ts';
import { forbidden, invalidAs, notFound } from '../../kernel/lib/errors.ts';
import { normalisePhone } from '../../kernel/lib/phone.ts';
import { DEFAULT_LOCALE, isLocale, t, type Locale, type MessageKey } from '../../i18n/index.ts';
import { formatDate } from '../../notifications/domain/render.ts';
import { recordConsentInTx } from '../../notifications/commands/record-consent.ts';
import { getPartyNotificationSettings } from '../../notifications/queries/party-notifications.ts';
import { canManagePartyNotifications } from '../../notifications/policy.ts';
import { caseReadScope } from '../../cases/policy.ts';
import { findVisibleCase } from '../../cases/repositories/case-repository.ts';
import { hashLinkToken, newLinkToken } from '../domain/one-time-code.ts';
import { insertLinkToken } from '../repositories/viber-repository.ts';
import { viberChatUrl } from './create-viber-link.ts';
import { renderConsentStatement } from '../render/consent-statement.ts';

export async function recordCounterViberConsent(ctx: Ctx, actor: Actor, partyId: string, input: { viberPhone: string; textVersion?: string }) {
  if (!canManagePartyNotifications(actor)) throw forbidden();
  const phone = normalisePhone(input.viberPhone, ctx.config.phoneCountryCode);
  if (!phone) throw invalidAs('detail.bad_phone', { value: input.viberPhone }, 'viberPhone');
  return ctx.db.transaction().execute(async (tx) => {
    const r = await recordConsentInTx(tx, ctx, actor, {
      partyId,
      channel: 'viber',
      action: 'given',
      method: 'counter_signed',
      textVersion: input.textVersion ?? null,
      address: phone,
    });
    return { changed: r.changed, consent: r.record };
  });
}

/** The statement as a PDF; each print carries a new one-time Viber link (valid GLAS_PORTAL_ACTIVATION_HOURS). */
export async function consentStatementPdf(ctx: Ctx, actor: Actor, partyId: string, q: { caseId?: string }): Promise<Buffer> {
  const settings = await getPartyNotificationSettings(ctx, actor, partyId);
  const kase = q.caseId ? await findVisibleCase(ctx.db, caseReadScope(actor), { id: q.caseId }) : undefined;
  if (q.caseId && !kase) throw notFound();
  const locale: Locale = isLocale(settings.preferences.locale) ? settings.preferences.locale : DEFAULT_LOCALE;
  const now = ctx.now();
  const p = { municipality: ctx.config.municipalityName };
  const given = settings.consents.filter((c) => c.consented);
  const version = given.find((c) => c.record?.text_version)?.record?.text_version ?? ctx.config.consentTextVersion;
  const channels = (['sms', 'email', 'viber'] as const).map((ch) => {
    const c = settings.consents.find((x) => x.channel === ch);
    const contact = ch === 'sms' ? settings.contacts.phone : ch === 'email' ? settings.contacts.email : (c?.record?.address ?? null);
    return {
      label: t(locale, `channel.${ch}` as MessageKey),
      value: c?.consented ? (contact ?? '—') : t(locale, 'cstmt.none'),
    };
  });
  let viber: { url: string; caption: string } | null = null;
  if (given.some((c) => c.channel === 'viber') && !settings.contacts.viberUserId) {
    const token = newLinkToken();
    await insertLinkToken(ctx.db, {
      tokenHash: hashLinkToken(token),
      partyId,
      createdBy: actor.kind === 'system' ? null : actor.userId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + ctx.config.activationHours * 3_600_000),
    });
    viber = { url: viberChatUrl(ctx.config.viberChatUri, token), caption: t(locale, 'cstmt.viber_qr') };
  }
  return renderConsentStatement({
    lang: locale,
    title: t(locale, 'cstmt.title'),
    municipality: ctx.config.municipalityName,
    text: t(locale, 'cstmt.text', { ...p, name: settings.name }),
    caseLine: kase ? t(locale, 'cstmt.case', { number: kase.number }) : null,
    channelsHeading: t(locale, 'cstmt.channels'),
    channels,
    version: t(locale, 'cstmt.version', { version }),
    date: t(locale, 'cstmt.date_place', { date: formatDate(now, locale, ctx.config.timezone) }),
    signature: t(locale, 'cstmt.signature'),
    clerk: t(locale, 'cstmt.clerk', { clerk: actor.name }),
    viber,
    now,
  });
}
