/**
 * The "is it fixed?" job: at its time, asks one person about one resolved case on their own channel
 * (the first they prefer that is enabled, consented to and has an address; never one whose consent
 * was withdrawn): an SMS to answer DA/NE, Viber buttons, or an e-mail with a one-click link to the
 * answer page (which the portal also links). A case no longer resolved (reopened, archived) or a
 * person who cannot be asked is recorded as skipped, so the question is never sent late or twice.
 * A follower of the report is asked on the contact they proved (SMS or e-mail), in their language,
 * only while they still want its updates.
 */
import type { Ctx } from '../../kernel/context.ts';
import { isLocale, t, type Locale } from '../../i18n/index.ts';
import { findVisibleCase } from '../../cases/repositories/case-repository.ts';
import { queueDirectMessage } from '../../notifications/commands/queue-direct-message.ts';
import { reachableParty } from '../../notifications/queries/reachable-channel.ts';
import { askableFollower, lockFixQuestion, markAsked } from '../repositories/fix-question-repository.ts';
import { fixButton } from '../domain/fix-reply.ts';

export type AskOutcome = 'asked' | 'skipped' | 'already' | 'missing';

/** Where the e-mail's link (and the portal's button) lead: the answer page of one question. */
export const fixAnswerLink = (publicUrl: string, token: string) => `${publicUrl}/problems/fix/${encodeURIComponent(token)}`;

const ANSWER_TTL_MS = 7 * 86_400_000;

/** The kind of message that asks "is it fixed?": an e-mail replying to it is read as the answer (citizens' mail). */
export const FIX_QUESTION_KIND = 'fix_question';

export async function askFixQuestion(ctx: Ctx, job: { questionId: string }): Promise<AskOutcome> {
  return ctx.db.transaction().execute(async (tx) => {
    const q = await lockFixQuestion(tx, { id: job.questionId });
    if (!q) return 'missing';
    if (q.asked_at || q.skipped) return 'already';
    const now = ctx.now();
    const c = await findVisibleCase(tx, { kind: 'all' }, { id: q.case_id });
    if (!c || c.status !== 'resolved') {
      await markAsked(tx, q.id, { at: now, channel: null, skipped: 'not_resolved' });
      return 'skipped';
    }
    const to: { channel: 'sms' | 'email' | 'viber'; address: string; locale: Locale; name: string } | null = q.party_id
      ? await reachableParty(tx, ctx, q.case_id, q.party_id)
      : await followerContact(tx, q.follower_id!);
    if (!to) {
      await markAsked(tx, q.id, { at: now, channel: null, skipped: 'not_reachable' });
      return 'skipped';
    }
    const params = {
      number: c.number,
      subject: c.subject,
      name: to.name,
      municipality: ctx.config.municipalityName,
      link: fixAnswerLink(ctx.config.publicUrl, q.token),
    };
    const base = {
      purpose: FIX_QUESTION_KIND,
      channel: to.channel,
      recipient: to.address,
      locale: to.locale,
      partyId: q.party_id,
      caseId: q.case_id,
      ttlMs: ANSWER_TTL_MS,
    };
    if (to.channel === 'sms') await queueDirectMessage(tx, ctx, { ...base, body: t(to.locale, 'sistem48.fix_question_sms', params) });
    else if (to.channel === 'viber') {
      const button = (text: string, body: string) => ({ Columns: 3, Rows: 1, ActionType: 'reply', ActionBody: body, Text: text, TextSize: 'regular' });
      await queueDirectMessage(tx, ctx, {
        ...base,
        body: t(to.locale, 'sistem48.fix_question_viber', params),
        keyboard: {
          Type: 'keyboard',
          DefaultHeight: false,
          InputFieldState: 'regular',
          Buttons: [button(t(to.locale, 'sistem48.fix_button_yes'), fixButton.yes), button(t(to.locale, 'sistem48.fix_button_no'), fixButton.no)],
        },
      });
    } else
      await queueDirectMessage(tx, ctx, {
        ...base,
        subject: t(to.locale, 'sistem48.fix_question_subject', params),
        body: t(to.locale, q.follower_id ? 'sistem48.fix_question_email_follower' : 'sistem48.fix_question_email', params),
      });
    await markAsked(tx, q.id, { at: now, channel: to.channel, skipped: null });
    return 'asked';
  });
}

/** A follower has no name on record: the e-mail greets them without one. */
async function followerContact(tx: Parameters<typeof askableFollower>[0], id: string) {
  const f = await askableFollower(tx, id);
  if (!f) return null;
  const locale: Locale = isLocale(f.locale) ? f.locale : 'sr-Latn';
  return { channel: f.channel, address: f.address, locale, name: '' };
}
