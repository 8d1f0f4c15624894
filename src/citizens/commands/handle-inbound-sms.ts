/**
 * An SMS from a citizen (deliver_sm from the SMS centre), Kotor Varoš style: a case number gets its
 * status back, but only when the sending number is that of a party of the case (anyone else gets
 * the same neutral answer as for a number that does not exist); STOP turns off every message that
 * is not key for the parties with that number; any other text becomes a problem report whose
 * number is sent back, unless it asks for a status in other words ("koji je status predmeta …", a
 * tracking code, "stanje predmeta"): that is answered, never filed. Before a text becomes a report it
 * may answer "is it fixed?" (DA/NE) or be a reply about the sender's case (take-citizen-text.ts). Senders that are not phone numbers, oversized texts and floods are ignored
 * and logged, never answered (an answer could start a loop between two machines).
 */
import type { Ctx } from '../../kernel/context.ts';
import type { InboundSms } from '../../channels/smpp-channel.ts';
import type { Actor } from '../../kernel/types.ts';
import { audit } from '../../kernel/audit.ts';
import { DEFAULT_LOCALE, isLocale, municipalityIn, t, type Locale } from '../../i18n/index.ts';
import { ensurePreferences, updatePreferences } from '../../notifications/repositories/contact-repository.ts';
import { classifySms } from '../domain/inbound-text.ts';
import { statusText } from '../domain/replies.ts';
import { normaliseTrackingCode } from '../../cases/domain/tracking-code.ts';
import { caseOfParties, caseWithTrackingCode, findAccountByPhone, partiesWithPhone } from '../repositories/account-repository.ts';
import { countSince, recordInbound, registrationNotified, setInboundOutcome } from '../repositories/inbound-repository.ts';
import { channelLogger } from '../../kernel/log.ts';
import { fileInboundReport } from './file-inbound-report.ts';
import { takeCitizenText } from './take-citizen-text.ts';
import { queueDirectMessage } from '../../notifications/commands/queue-direct-message.ts';

export const MAX_SMS_TEXT = 1600;
const SMS_ACTOR: Actor = { kind: 'system', name: 'SMS' };

export type SmsOutcome =
  | 'refused_sender'
  | 'refused_oversized'
  | 'rate_limited'
  | 'ignored_empty'
  | 'stop'
  | 'status'
  | 'status_refused'
  | 'status_no_number'
  | 'fix_answer'
  | 'reply_added'
  | 'report'
  | 'report_failed';

/** The sender as E.164, or null for alphanumeric senders and other things that are not a mobile number. */
export function senderPhone(from: string): string | null {
  const digits = from.trim().replace(/^\+/, '');
  return /^[1-9]\d{7,14}$/.test(digits) ? `+${digits}` : null;
}

export async function handleInboundSms(ctx: Ctx, sms: InboundSms): Promise<SmsOutcome> {
  const log = channelLogger(ctx.config.logLevel, 'citizens');
  const now = ctx.now();
  const phone = senderPhone(sms.from);
  if (!phone) {
    await recordInbound(ctx.db, { channel: 'sms', sender: sms.from.slice(0, 30) || '(none)', externalId: null, receivedAt: now, outcome: 'refused_sender' });
    log('warn', 'SMS from a sender that is not a phone number ignored', { from: sms.from.slice(0, 30) });
    return 'refused_sender';
  }
  if (sms.text.length > MAX_SMS_TEXT) {
    await recordInbound(ctx.db, { channel: 'sms', sender: phone, externalId: null, receivedAt: now, outcome: 'refused_oversized', sizeBytes: sms.text.length });
    log('warn', 'oversized SMS ignored', { from: phone, length: sms.text.length });
    return 'refused_oversized';
  }
  if ((await countSince(ctx.db, 'sms', phone, new Date(now.getTime() - 3_600_000))) >= ctx.config.inboundPerHour) {
    await recordInbound(ctx.db, { channel: 'sms', sender: phone, externalId: null, receivedAt: now, outcome: 'rate_limited' });
    log('warn', 'SMS sender over the hourly limit', { from: phone });
    return 'rate_limited';
  }
  const inboundId = (await recordInbound(ctx.db, {
    channel: 'sms',
    sender: phone,
    externalId: null,
    receivedAt: now,
    outcome: 'received',
    sizeBytes: sms.text.length,
  }))!;
  const account = await findAccountByPhone(ctx.db, phone);
  const parties = await partiesWithPhone(ctx.db, phone);
  // Their language if we know it; Cyrillic text is answered in Cyrillic.
  const known = account?.locale ?? parties.find((p) => p.locale)?.locale;
  const locale: Locale = isLocale(known) ? known : /[\u0400-\u04FF]/.test(sms.text) ? 'sr-Cyrl' : DEFAULT_LOCALE;
  const reply = (body: string, caseId: string | null = null, purpose = 'sms_reply') =>
    queueDirectMessage(ctx.db, ctx, { purpose, channel: 'sms', recipient: phone, locale, body, caseId, ttlMs: 24 * 3_600_000 });
  const params = { municipality: municipalityIn(locale, ctx.config), url: `${ctx.config.publicUrl}/portal` };

  const intent = classifySms(sms.text);
  let outcome: SmsOutcome;
  let caseId: string | null = null;
  switch (intent.kind) {
    case 'empty':
      outcome = 'ignored_empty';
      break;
    case 'stop': {
      await ctx.db.transaction().execute(async (tx) => {
        for (const p of parties) {
          const before = await ensurePreferences(tx, p.id);
          if (before.scope === 'key') continue;
          await updatePreferences(tx, p.id, { scope: 'key' }, now);
          await audit(tx, SMS_ACTOR, 'update_notification_preferences', 'party', p.id, { scope: before.scope }, { scope: 'key' });
        }
      });
      await reply(t(locale, 'citizens.sms_stopped', params), null, 'sms_stop');
      outcome = 'stop';
      break;
    }
    case 'status': {
      const c = await caseOfParties(
        ctx.db,
        intent.number,
        parties.map((p) => p.id),
      );
      if (c) {
        await reply(statusText(locale, c, ctx.config.timezone), c.id);
        caseId = c.id;
        outcome = 'status';
      } else {
        await reply(t(locale, 'citizens.status_unknown', { number: intent.number }));
        outcome = 'status_refused';
      }
      break;
    }
    case 'track': {
      // The tracking code is the citizen's key to the public tracking page: the status, never the clerk's name.
      const c = await caseWithTrackingCode(ctx.db, normaliseTrackingCode(intent.code));
      if (c) {
        await reply(statusText(locale, { ...c, clerk_name: null }, ctx.config.timezone), c.id);
        caseId = c.id;
        outcome = 'status';
      } else {
        await reply(t(locale, 'citizens.track_unknown', { code: intent.code }));
        outcome = 'status_refused';
      }
      break;
    }
    case 'status_help':
      await reply(t(locale, 'citizens.status_need_number', { url: `${ctx.config.publicUrl}/track` }));
      outcome = 'status_no_number';
      break;
    case 'report': {
      // An answer to "is it fixed?" or a reply about one of their cases comes before a new report.
      const about = await takeCitizenText(ctx, {
        text: intent.text,
        partyIds: parties.map((p) => p.id),
        contact: { channel: 'sms', address: phone },
        via: 'sms',
        locale,
        senderName: account?.display_name ?? parties[0]?.name ?? phone,
        inboundId,
      });
      if (about) {
        caseId = about.kind === 'fix' ? about.result.caseId : about.caseId;
        if (about.reply) await reply(about.reply, caseId);
        outcome = about.kind === 'fix' ? 'fix_answer' : 'reply_added';
        break;
      }
      try {
        const filed = await fileInboundReport(ctx, { channel: 'sms', description: intent.text, name: account?.display_name ?? null, phone, locale, inboundId });
        caseId = filed.caseId;
        if (!(await registrationNotified(ctx.db, filed.caseId, filed.partyId))) {
          await reply(
            t(locale, 'citizens.report_received', { number: filed.number, code: filed.trackingCode, url: `${ctx.config.publicUrl}/track` }),
            filed.caseId,
          );
        }
        outcome = 'report';
      } catch (error) {
        log('error', 'an SMS could not be filed as a report', { from: phone, error: String(error) });
        await reply(t(locale, 'citizens.report_failed', params));
        outcome = 'report_failed';
      }
      break;
    }
  }
  await setInboundOutcome(ctx.db, inboundId, outcome, null, caseId);
  return outcome;
}
