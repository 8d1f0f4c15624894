/**
 * The Viber chatbot (Stari Grad Sarajevo): welcomes a citizen in their language, links their Viber
 * user to their party (by the one-time link from the portal, or by their mobile number and a code
 * sent there by SMS, recording consent), answers the status of any of their own cases as often as
 * they ask (by number or from a keyboard of their cases), files a problem a linked citizen describes as
 * a report once they confirm it (a greeting is never filed), and stops on "stop". Nothing about a case
 * goes to a Viber user who is not linked to a party of that case: every answer about a case is
 * looked up through the linked party.
 *
 * Abuse: callbacks are signed (checked by the channel); a callback older or newer than 15 minutes
 * is refused and logged, a message token seen before is ignored (Viber's retries and replays), and
 * a user sending more than GLAS_VIBER_BOT_PER_MINUTE messages a minute gets no answers for a while.
 */
import type { Ctx } from '../../kernel/context.ts';
import type { Tx } from '../../kernel/db/database.ts';
import type { ViberCallback } from '../../channels/viber-callback.ts';
import type { Actor } from '../../kernel/types.ts';
import { audit } from '../../kernel/audit.ts';
import { AppError } from '../../kernel/lib/errors.ts';
import { DEFAULT_LOCALE, isLocale, localeForTag, municipalityIn, t, type Locale } from '../../i18n/index.ts';
import { normalisePhone } from '../../kernel/lib/phone.ts';
import { listCases } from '../../cases/queries/cases.ts';
import { recordConsentInTx } from '../../notifications/commands/record-consent.ts';
import { ensurePreferences, findPartyIdByViberUser, findPreferences, updatePreferences } from '../../notifications/repositories/contact-repository.ts';
import { findParty } from '../../cases/repositories/party-repository.ts';
import { classifyBotText, reportableText } from '../domain/inbound-text.ts';
import {
  CODE_MAX_ATTEMPTS,
  CODE_TTL_MS,
  checkCode,
  hashCode,
  hashLinkToken,
  looksLikeLinkToken,
  newCode,
  newSalt,
  type CodePurpose,
} from '../domain/one-time-code.ts';
import { casesKeyboard, reportKeyboard, statusText } from '../domain/replies.ts';
import { normaliseTrackingCode } from '../../cases/domain/tracking-code.ts';
import { caseOfParties, caseWithTrackingCode, findAccountByPhone, partiesWithPhone } from '../repositories/account-repository.ts';
import { countAttempt, insertCode, lockLatestCode, markUsed, retireCodes } from '../repositories/code-repository.ts';
import { countSince, recordInbound, registrationNotified, setInboundOutcome } from '../repositories/inbound-repository.ts';
import {
  findBotUser,
  lockLinkToken,
  setPendingPhone,
  setPendingReport,
  takePendingReport,
  touchBotUser,
  unlinkViberUser,
  useLinkToken,
} from '../repositories/viber-repository.ts';
import { fileInboundReport } from './file-inbound-report.ts';
import { channelLogger } from '../../kernel/log.ts';
import { queueDirectMessage } from '../../notifications/commands/queue-direct-message.ts';
import { count, refuseIfLocked } from '../../kernel/throttle.ts';
import { perTarget } from './throttle.ts';
import { takeCitizenText } from './take-citizen-text.ts';
import { fixButton } from '../../sistem48/domain/fix-reply.ts';

export const FRESH_MS = 15 * 60_000;
/** How long a report written to the bot waits for "File the report", and how much of it is kept (fileReport's limit). */
const REPORT_CONFIRM_MS = 3_600_000;
const MAX_REPORT_TEXT = 2000;
const BOT: Actor = { kind: 'system', name: 'Viber chatbot' };

type UserEvent = Exclude<ViberCallback, { event: 'delivered' | 'seen' | 'failed' }>;

export type BotOutcome =
  | 'ignored'
  | 'stale'
  | 'duplicate'
  | 'rate_limited'
  | 'welcome'
  | 'help'
  | 'linked'
  | 'link_failed'
  | 'code_sent'
  | 'bad_phone'
  | 'cases'
  | 'status'
  | 'status_refused'
  | 'not_linked'
  | 'stopped'
  | 'fix_answer'
  | 'reply_added'
  | 'report_offered'
  | 'report_dropped'
  | 'report'
  | 'report_failed';

export async function handleViberConversation(ctx: Ctx, event: UserEvent): Promise<BotOutcome> {
  if (event.event !== 'conversation_started' && event.event !== 'message') return 'ignored';
  const log = channelLogger(ctx.config.logLevel, 'citizens');
  const now = ctx.now();
  const user = event.event === 'message' ? event.sender : event.user;
  if (!user.id || user.id.length > 100) return 'ignored';
  if (Math.abs(now.getTime() - event.timestamp.getTime()) > FRESH_MS) {
    await recordInbound(ctx.db, {
      channel: 'viber',
      sender: user.id,
      externalId: null,
      receivedAt: now,
      outcome: 'refused_stale',
      detail: `timestamp ${event.timestamp.toISOString()}`,
    });
    log('warn', 'Viber callback refused: timestamp outside the window', { userId: user.id, at: event.timestamp.toISOString() });
    return 'stale';
  }
  if (event.event === 'message' && (await countSince(ctx.db, 'viber', user.id, new Date(now.getTime() - 60_000))) >= ctx.config.viberBotPerMinute) {
    await recordInbound(ctx.db, { channel: 'viber', sender: user.id, externalId: event.messageToken || null, receivedAt: now, outcome: 'rate_limited' });
    log('warn', 'Viber user over the rate limit', { userId: user.id });
    return 'rate_limited';
  }
  const inboundId = await recordInbound(ctx.db, {
    channel: 'viber',
    sender: user.id,
    externalId: event.messageToken || null,
    receivedAt: now,
    outcome: 'received',
  });
  if (!inboundId) return 'duplicate';

  const spoken = user.language ? localeForTag(user.language) : null;
  await touchBotUser(ctx.db, user.id, now, spoken);
  const bot = new Bot(ctx, user.id, await localeOf(ctx, user.id, spoken));
  const outcome =
    event.event === 'conversation_started'
      ? await bot.started(event.context)
      : await bot.message(event.message.type === 'text' ? (event.message.text ?? '') : '');
  await setInboundOutcome(ctx.db, inboundId, outcome, null);
  return outcome;
}

async function localeOf(ctx: Ctx, viberUserId: string, spoken: Locale | null): Promise<Locale> {
  const partyId = await findPartyIdByViberUser(ctx.db, viberUserId);
  if (partyId) {
    const prefs = await findPreferences(ctx.db, partyId);
    if (isLocale(prefs?.locale)) return prefs.locale;
    const party = await findParty(ctx.db, partyId);
    if (isLocale(party?.locale)) return party.locale;
  }
  const bu = await findBotUser(ctx.db, viberUserId);
  if (isLocale(bu?.locale)) return bu.locale;
  return spoken ?? DEFAULT_LOCALE;
}

class Bot {
  private readonly ctx: Ctx;
  private readonly userId: string;
  private locale: Locale;
  constructor(ctx: Ctx, userId: string, locale: Locale) {
    this.ctx = ctx;
    this.userId = userId;
    this.locale = locale;
  }

  private get params() {
    return { municipality: municipalityIn(this.locale, this.ctx.config), url: `${this.ctx.config.publicUrl}/portal` };
  }

  private async reply(text: string, keyboard: Record<string, unknown> | null = null, purpose = 'viber_reply'): Promise<void> {
    await queueDirectMessage(this.ctx.db, this.ctx, {
      purpose,
      channel: 'viber',
      recipient: this.userId,
      locale: this.locale,
      body: text,
      keyboard,
      ttlMs: 3_600_000,
    });
  }

  private async keyboard(partyId: string): Promise<Record<string, unknown>> {
    return casesKeyboard(this.locale, await this.ownCases(partyId));
  }

  private async ownCases(partyId: string) {
    // The citizen's own scope, exactly as on the portal.
    const actor: Actor = { kind: 'citizen', userId: this.userId, name: 'Viber', partyId, locale: this.locale };
    return (await listCases(this.ctx, actor, { limit: 20 })).items;
  }

  async started(context: string | undefined): Promise<BotOutcome> {
    if (context && looksLikeLinkToken(context)) return this.linkByToken(context.trim());
    const partyId = await findPartyIdByViberUser(this.ctx.db, this.userId);
    await this.reply(
      `${t(this.locale, 'citizens.bot_welcome', this.params)}\n\n${t(this.locale, partyId ? 'citizens.bot_help_linked' : 'citizens.bot_help_unlinked', this.params)}`,
      partyId ? await this.keyboard(partyId) : null,
      'viber_welcome',
    );
    return 'welcome';
  }

  async message(text: string): Promise<BotOutcome> {
    const intent = text.length > 1000 ? { kind: 'other' as const } : classifyBotText(text);
    const partyId = await findPartyIdByViberUser(this.ctx.db, this.userId);
    switch (intent.kind) {
      case 'stop':
        return this.stop();
      case 'link':
        return this.linkByToken(intent.token);
      case 'phone':
        return this.sendCode(intent.phone);
      case 'code':
        return this.checkCode(intent.code);
      case 'cases': {
        if (!partyId) return this.notLinked();
        const cases = await this.ownCases(partyId);
        await this.reply(
          t(this.locale, cases.length ? 'citizens.bot_cases' : 'citizens.bot_no_cases', { count: cases.length }),
          casesKeyboard(this.locale, cases),
        );
        return 'cases';
      }
      case 'status': {
        if (!partyId) return this.notLinked();
        const c = await caseOfParties(this.ctx.db, intent.number, [partyId]);
        if (!c) {
          await this.reply(t(this.locale, 'citizens.status_unknown', { number: intent.number }), await this.keyboard(partyId));
          return 'status_refused';
        }
        await this.reply(statusText(this.locale, c, this.ctx.config.timezone), await this.keyboard(partyId));
        return 'status';
      }
      case 'track': {
        // Whoever holds the tracking code may follow the case, linked or not: the status, never the clerk's name.
        const c = await caseWithTrackingCode(this.ctx.db, normaliseTrackingCode(intent.code));
        const keyboard = partyId ? await this.keyboard(partyId) : null;
        if (!c) {
          await this.reply(t(this.locale, 'citizens.track_unknown', { code: intent.code }), keyboard);
          return 'status_refused';
        }
        await this.reply(statusText(this.locale, { ...c, clerk_name: null }, this.ctx.config.timezone), keyboard);
        return 'status';
      }
      case 'report_yes':
        return partyId ? this.fileReport(partyId) : this.notLinked();
      case 'report_no':
        await setPendingReport(this.ctx.db, this.userId, null, null);
        await this.reply(t(this.locale, 'citizens.bot_report_dropped', this.params), partyId ? await this.keyboard(partyId) : null);
        return 'report_dropped';
      default: {
        // A linked citizen may be answering "is it fixed?" (the buttons send fix:yes / fix:no / fix:rate:N) or writing about their case.
        const about = partyId && intent.kind === 'other' ? await this.aboutCase(text, partyId) : null;
        if (about) return about;
        // Otherwise words that read like a problem are offered to be filed as a report, once confirmed.
        if (partyId && intent.kind === 'other' && reportableText(text)) return this.offerReport(text);
        await this.reply(
          t(this.locale, partyId ? 'citizens.bot_help_linked' : 'citizens.bot_help_unlinked', this.params),
          partyId ? await this.keyboard(partyId) : null,
        );
        return 'help';
      }
    }
  }

  private async aboutCase(text: string, partyId: string): Promise<BotOutcome | null> {
    const party = await findParty(this.ctx.db, partyId);
    const about = await takeCitizenText(this.ctx, {
      text,
      partyIds: [partyId],
      via: 'viber',
      locale: this.locale,
      senderName: party?.name ?? 'Viber',
      inboundId: null,
    });
    if (!about) return null;
    if (about.kind === 'fix') {
      // After "fixed", the rating is one tap away.
      const rate = about.result.outcome === 'answered' && about.result.answer === 'fixed';
      const keyboard = rate
        ? {
            Type: 'keyboard',
            DefaultHeight: false,
            InputFieldState: 'regular',
            Buttons: [1, 2, 3, 4, 5].map((n) => ({
              Columns: n === 5 ? 2 : 1,
              Rows: 1,
              ActionType: 'reply',
              ActionBody: fixButton.rate(n),
              Text: String(n),
              TextSize: 'regular',
            })),
          }
        : await this.keyboard(partyId);
      if (about.reply) await this.reply(about.reply, keyboard);
      return 'fix_answer';
    }
    await this.reply(about.reply, await this.keyboard(partyId));
    return 'reply_added';
  }

  private async offerReport(text: string): Promise<BotOutcome> {
    const kept = text.trim().slice(0, MAX_REPORT_TEXT);
    await setPendingReport(this.ctx.db, this.userId, kept, new Date(this.ctx.now().getTime() + REPORT_CONFIRM_MS));
    const shown = kept.length > 300 ? `${kept.slice(0, 299)}…` : kept;
    await this.reply(t(this.locale, 'citizens.bot_report_confirm', { text: shown }), reportKeyboard(this.locale));
    return 'report_offered';
  }

  private async fileReport(partyId: string): Promise<BotOutcome> {
    const text = await takePendingReport(this.ctx.db, this.userId, this.ctx.now());
    if (!text) {
      await this.reply(t(this.locale, 'citizens.bot_report_nothing', this.params), await this.keyboard(partyId));
      return 'help';
    }
    try {
      const filed = await fileInboundReport(this.ctx, { channel: 'viber', description: text, partyId, locale: this.locale });
      // The receipt goes by the party's channels when they consented; otherwise the bot says it here.
      if (!(await registrationNotified(this.ctx.db, filed.caseId, partyId))) {
        await this.reply(
          t(this.locale, 'citizens.report_received', { number: filed.number, code: filed.trackingCode, url: `${this.ctx.config.publicUrl}/track` }),
          await this.keyboard(partyId),
        );
      }
      return 'report';
    } catch (error) {
      channelLogger(this.ctx.config.logLevel, 'citizens')('error', 'a Viber message could not be filed as a report', {
        userId: this.userId,
        error: String(error),
      });
      // A fault of ours keeps the words for another tap, so they are not lost; words the report refuses
      // (markup) would be refused again, so those are not offered twice.
      const retry = !(error instanceof AppError);
      if (retry) await setPendingReport(this.ctx.db, this.userId, text, new Date(this.ctx.now().getTime() + REPORT_CONFIRM_MS));
      await this.reply(t(this.locale, 'citizens.report_failed', this.params), retry ? reportKeyboard(this.locale) : await this.keyboard(partyId));
      return 'report_failed';
    }
  }

  private async notLinked(): Promise<BotOutcome> {
    await this.reply(t(this.locale, 'citizens.bot_help_unlinked', this.params));
    return 'not_linked';
  }

  private async linkByToken(token: string): Promise<BotOutcome> {
    const now = this.ctx.now();
    const partyId = await this.ctx.db.transaction().execute(async (tx) => {
      const row = await lockLinkToken(tx, hashLinkToken(token));
      if (!row || row.used_at || new Date(row.expires_at) <= now) return null;
      await useLinkToken(tx, row.token_hash, this.userId, now);
      await link(tx, this.ctx, row.party_id, this.userId);
      return row.party_id;
    });
    if (!partyId) {
      await this.reply(t(this.locale, 'citizens.bot_link_failed', this.params));
      return 'link_failed';
    }
    return this.linked();
  }

  private async linked(): Promise<BotOutcome> {
    // From now on the bot speaks the language recorded for the party.
    this.locale = await localeOf(this.ctx, this.userId, this.locale);
    const partyId = await findPartyIdByViberUser(this.ctx.db, this.userId);
    await this.reply(
      `${t(this.locale, 'citizens.bot_linked', this.params)}\n\n${t(this.locale, 'citizens.bot_help_linked', this.params)}`,
      partyId ? await this.keyboard(partyId) : null,
    );
    return 'linked';
  }

  private async sendCode(typed: string): Promise<BotOutcome> {
    const phone = normalisePhone(typed, this.ctx.config.phoneCountryCode);
    if (!phone) {
      await this.reply(t(this.locale, 'citizens.bot_bad_phone'));
      return 'bad_phone';
    }
    const now = this.ctx.now();
    try {
      await refuseIfLocked(this.ctx.db, [perTarget(phone).key], now);
    } catch {
      await this.reply(t(this.locale, 'citizens.bot_code_sent'));
      return 'rate_limited';
    }
    await count(this.ctx.db, [perTarget(phone)], now);
    await this.ctx.db.transaction().execute(async (tx) => {
      await setPendingPhone(tx, this.userId, phone, new Date(now.getTime() + CODE_TTL_MS));
      // Only a number some party of a case has gets a code; the answer here is the same either way.
      if (!(await partiesWithPhone(tx, phone)).length) return;
      await retireCodes(tx, ['viber_link'], phone, now);
      const code = newCode();
      const salt = newSalt();
      await insertCode(tx, {
        purpose: 'viber_link',
        target: phone,
        userId: null,
        codeHash: hashCode(salt, 'viber_link', phone, code),
        salt,
        data: { viberUserId: this.userId },
        maxAttempts: CODE_MAX_ATTEMPTS,
        createdAt: now,
        expiresAt: new Date(now.getTime() + CODE_TTL_MS),
      });
      await queueDirectMessage(tx, this.ctx, {
        purpose: 'viber_link',
        channel: 'sms',
        recipient: phone,
        locale: this.locale,
        ttlMs: CODE_TTL_MS,
        body: t(this.locale, 'citizens.sms_viber_code', { ...this.params, code }),
        redacted: t(this.locale, 'citizens.sms_viber_code', { ...this.params, code: '******' }),
      });
    });
    await this.reply(t(this.locale, 'citizens.bot_code_sent'));
    return 'code_sent';
  }

  private async checkCode(code: string): Promise<BotOutcome> {
    const now = this.ctx.now();
    const bu = await findBotUser(this.ctx.db, this.userId);
    const phone = bu?.pending_phone && bu.pending_until && new Date(bu.pending_until) > now ? bu.pending_phone : null;
    const partyId = phone
      ? await this.ctx.db.transaction().execute(async (tx) => {
          const row = await lockLatestCode(tx, ['viber_link'], phone);
          if (!row || (row.data as { viberUserId?: string }).viberUserId !== this.userId) return null;
          const check = checkCode({ ...row, purpose: row.purpose as CodePurpose }, code, now);
          if (check !== 'ok') {
            if (check === 'wrong') await countAttempt(tx, row.id);
            return null;
          }
          await markUsed(tx, row.id, now);
          await setPendingPhone(tx, this.userId, null, null);
          const account = await findAccountByPhone(tx, phone);
          const target = account?.party_id ?? (await partiesWithPhone(tx, phone))[0]?.id;
          if (!target) return null;
          await link(tx, this.ctx, target, this.userId);
          return target;
        })
      : null;
    if (!partyId) {
      await this.reply(t(this.locale, 'citizens.bot_code_wrong'));
      return 'link_failed';
    }
    return this.linked();
  }

  private async stop(): Promise<BotOutcome> {
    const now = this.ctx.now();
    await this.ctx.db.transaction().execute(async (tx) => {
      const partyId = await findPartyIdByViberUser(tx, this.userId);
      if (partyId) await recordConsentInTx(tx, this.ctx, BOT, { partyId, channel: 'viber', action: 'withdrawn', method: 'viber_unsubscribed' });
      for (const r of await unlinkViberUser(tx, this.userId, now)) await audit(tx, BOT, 'unlink_viber', 'party', r.party_id);
      await setPendingPhone(tx, this.userId, null, null);
    });
    await this.reply(t(this.locale, 'citizens.bot_stopped', this.params), null, 'viber_stop');
    return 'stopped';
  }
}

/** Ties a Viber user to a party and records the consent the linking gives; a Viber user belongs to one party at a time. */
export async function link(tx: Tx, ctx: Ctx, partyId: string, viberUserId: string): Promise<void> {
  const now = ctx.now();
  for (const r of await unlinkViberUser(tx, viberUserId, now)) {
    if (r.party_id !== partyId)
      await recordConsentInTx(tx, ctx, BOT, { partyId: r.party_id, channel: 'viber', action: 'withdrawn', method: 'viber_unsubscribed' });
  }
  await ensurePreferences(tx, partyId);
  await updatePreferences(tx, partyId, { viber_user_id: viberUserId }, now);
  await recordConsentInTx(tx, ctx, BOT, { partyId, channel: 'viber', action: 'given', method: 'viber_subscription' });
  await audit(tx, BOT, 'link_viber', 'party', partyId, null, { viberUserId });
}
