/**
 * An e-mail from a citizen, from Glas's own SMTP listener or the polled IMAP mailbox. A reply to
 * one of our e-mails (its In-Reply-To or References names our Message-ID) from the address we wrote
 * to, by a party of the case, is added to that case: the citizen's words as a text document, and their
 * attachments. A follower of a public report replying to an update is neither (their "NE" to "is it
 * fixed?" is an answer, as by SMS): they are told replies are not read, and nothing is filed. A mail
 * that asks for a case's status (a case number or tracking code, "status", "stanje predmeta") is
 * answered with the status, as the SMS number does, and never becomes a report. Any other mail
 * becomes a problem report with its attachments as documents, and its number goes back.
 *
 * Refused or ignored with a log entry, never answered: mail we cannot parse, from no valid
 * address, automatic mail (auto-replies, bounces, lists: answering could loop), a Message-ID seen
 * before, and senders over GLAS_INBOUND_PER_HOUR. Size is limited by the listener, the number of
 * attachments and their types here.
 */
import { Readable } from 'node:stream';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { Ctx } from '../../kernel/context.ts';
import type { Actor } from '../../kernel/types.ts';
import { addCaseDocument } from '../../cases/commands/add-case-document.ts';
import { DEFAULT_LOCALE, isLocale, municipalityIn, t, type Locale } from '../../i18n/index.ts';
import { normaliseEmail } from '../../kernel/lib/phone.ts';
import { findParty } from '../../cases/repositories/party-repository.ts';
import { findVisibleCase } from '../../cases/repositories/case-repository.ts';
import { isAutomaticMail, ownText, referencedMessageIds, reportDescription } from '../domain/mail.ts';
import { statusQuery } from '../domain/inbound-text.ts';
import { statusText } from '../domain/replies.ts';
import { normaliseTrackingCode } from '../../cases/domain/tracking-code.ts';
import { caseOfParties, caseWithTrackingCode, findAccountByEmail, partiesWithEmail } from '../repositories/account-repository.ts';
import { countSince, recordInbound, registrationNotified, setInboundOutcome } from '../repositories/inbound-repository.ts';
import { findSentEmail } from '../../notifications/repositories/message-repository.ts';
import { channelLogger } from '../../kernel/log.ts';
import { fileInboundReport } from './file-inbound-report.ts';
import { queueDirectMessage } from '../../notifications/commands/queue-direct-message.ts';
import { recordCitizenReply } from '../../cases/commands/record-citizen-reply.ts';
import { takeCitizenText } from './take-citizen-text.ts';
import { readFixReply } from '../../sistem48/domain/fix-reply.ts';
import { FIX_QUESTION_KIND } from '../../sistem48/commands/ask-fix-question.ts';
import { FOLLOW_UPDATE_KIND } from '../../sistem48/domain/follow-code.ts';

export type MailOutcome =
  | 'refused_oversized'
  | 'refused_malformed'
  | 'refused_sender'
  | 'ignored_automatic'
  | 'duplicate'
  | 'rate_limited'
  | 'ignored_empty'
  | 'reply_added'
  | 'follower_reply'
  | 'fix_answer'
  | 'status'
  | 'status_refused'
  | 'status_no_number'
  | 'report'
  | 'report_failed';

export interface IncomingMail {
  raw: Buffer;
  envelopeFrom: string | null;
  via: 'smtp' | 'imap';
}

function headerMap(parsed: ParsedMail): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { key, line } of parsed.headerLines)
    if (!(key in out))
      out[key] = line
        .slice(line.indexOf(':') + 1)
        .replace(/\r?\n[ \t]+/g, ' ')
        .trim();
  return out;
}

export async function handleInboundMail(ctx: Ctx, mail: IncomingMail): Promise<{ outcome: MailOutcome; caseId?: string; number?: string }> {
  const log = channelLogger(ctx.config.logLevel, 'citizens');
  const now = ctx.now();
  const refuse = async (outcome: MailOutcome, sender: string, detail: string | null) => {
    await recordInbound(ctx.db, { channel: 'email', sender, externalId: null, receivedAt: now, outcome, detail, sizeBytes: mail.raw.length });
    log('warn', `incoming e-mail ${outcome.replace('_', ' ')}`, { sender, detail, via: mail.via });
    return { outcome };
  };
  if (mail.raw.length > ctx.config.mailInMaxBytes) return refuse('refused_oversized', mail.envelopeFrom ?? '(unknown)', `${mail.raw.length} bytes`);
  let parsed: ParsedMail;
  try {
    parsed = await simpleParser(mail.raw, { skipImageLinks: true });
  } catch (error) {
    return refuse('refused_malformed', mail.envelopeFrom ?? '(unknown)', String(error).slice(0, 200));
  }
  const fromAddress = parsed.from?.value[0]?.address;
  const sender = fromAddress ? normaliseEmail(fromAddress) : null;
  if (!sender) return refuse('refused_sender', (fromAddress ?? mail.envelopeFrom ?? '(none)').slice(0, 200), null);
  if (isAutomaticMail(headerMap(parsed), mail.envelopeFrom)) return refuse('ignored_automatic', sender, null);
  if ((await countSince(ctx.db, 'email', sender, new Date(now.getTime() - 3_600_000))) >= ctx.config.inboundPerHour)
    return refuse('rate_limited', sender, null);
  const messageId = parsed.messageId?.replace(/^<|>$/g, '').slice(0, 300) || null;
  const inboundId = await recordInbound(ctx.db, {
    channel: 'email',
    sender,
    externalId: messageId,
    receivedAt: now,
    outcome: 'received',
    sizeBytes: mail.raw.length,
  });
  if (!inboundId) {
    log('info', 'incoming e-mail already taken (same Message-ID)', { sender });
    return { outcome: 'duplicate' };
  }

  const account = await findAccountByEmail(ctx.db, sender);
  const locale: Locale = isLocale(account?.locale) ? account.locale : /[\u0400-\u04FF]/.test(parsed.text ?? '') ? 'sr-Cyrl' : DEFAULT_LOCALE;
  const attachments = parsed.attachments.filter((a) => a.contentDisposition !== 'inline' || a.filename);
  if (attachments.length > ctx.config.mailInMaxAttachments) {
    log('warn', 'attachments over the limit dropped', { sender, kept: ctx.config.mailInMaxAttachments, received: attachments.length });
  }
  const kept = attachments.slice(0, ctx.config.mailInMaxAttachments);
  const domain = new URL(ctx.config.publicUrl).hostname;
  const replyTo = async (subject: string, body: string, caseId: string | null) =>
    queueDirectMessage(ctx.db, ctx, { purpose: 'email_reply', channel: 'email', recipient: sender, locale, subject, body, caseId, ttlMs: 72 * 3_600_000 });

  const senderParties = (await partiesWithEmail(ctx.db, sender)).map((p) => p.id);
  // An answer to "is it fixed?" is read from the body alone, as an SMS is: the subject is ours ("Re: … otklonjen?").
  const body = ownText(parsed.text ?? '').trim();
  const answersFixQuestion = readFixReply(body) !== null;
  // A reply to one of our messages about a case from someone who is not its party: a follower of a public report
  // answering an update. Their words are not the party's reply and must not move the case.
  let followerOf: { id: string; number: string } | null = null;

  // The words and attachments added to a case of the sender's, as their reply (an unread update for staff).
  const addReply = async (c: { id: string; number: string }, name: string) => {
    const actor: Actor = { kind: 'system', name: `${name} (e-mail)` };
    const words = ownText(parsed.text ?? '');
    const stamp = now.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
    const documentIds: string[] = [];
    if (words) {
      const doc = `${t(locale, 'citizens.email_document_header', { from: sender, subject: parsed.subject ?? '' })}\n\n${words}\n`;
      const id = await addDocument(ctx, actor, c.id, `email-${stamp}.txt`, 'text/plain', Buffer.from(doc, 'utf8'), log);
      if (id) documentIds.push(id);
    }
    for (const a of kept) {
      const id = await addDocument(ctx, actor, c.id, a.filename ?? `attachment-${stamp}`, a.contentType, a.content, log);
      if (id) documentIds.push(id);
    }
    // Staff see it as an unread update in their queue, and a case waiting for the citizen goes back to work.
    await recordCitizenReply(ctx, actor, { caseId: c.id, text: words || null, via: 'email', documentIds, inboundId });
    await setInboundOutcome(ctx.db, inboundId, 'reply_added', null, c.id);
    await replyTo(t(locale, 'citizens.email_subject_reply_added', { number: c.number }), t(locale, 'citizens.email_reply_added', { number: c.number }), c.id);
    return { outcome: 'reply_added' as const, caseId: c.id, number: c.number };
  };
  // A party's "NE 2" under "is it fixed?": the answer (taken below), added to the case only if no question takes it.
  let answeredOf: { c: { id: string; number: string }; name: string } | null = null;

  // A reply to one of our messages, from the address it went to, by a party of the case.
  for (const id of referencedMessageIds(parsed.inReplyTo, parsed.references, domain)) {
    const ours = await findSentEmail(ctx.db, id);
    if (!ours?.case_id || ours.recipient.toLowerCase() !== sender) continue;
    const party = ours.party_id ? await findParty(ctx.db, ours.party_id) : undefined;
    const c = await findVisibleCase(ctx.db, { kind: 'all' }, { id: ours.case_id });
    if (!c) continue;
    if (!party && !(await caseOfParties(ctx.db, c.number, senderParties))) {
      // Not a party: a follower answering an update (or "is it fixed?"), or someone answering our reply to them
      // (a status asked by tracking code), whose mail is then read as any other.
      if (ours.kind === FOLLOW_UPDATE_KIND || ours.kind === FIX_QUESTION_KIND) followerOf ??= { id: c.id, number: c.number };
      continue;
    }
    if (ours.kind === FIX_QUESTION_KIND && answersFixQuestion) {
      answeredOf ??= { c, name: party?.name ?? sender };
      continue;
    }
    return addReply(c, party?.name ?? sender);
  }

  // A question about a case is answered, never filed: the public would otherwise see "Status IN-8/2026" as a problem.
  const query = statusQuery(`${parsed.subject ?? ''}\n${ownText(parsed.text ?? '')}`.slice(0, 5000));
  if (query) {
    const byNumber = query.number ? await caseOfParties(ctx.db, query.number, senderParties) : undefined;
    // The tracking code is the citizen's key to the public tracking page: it shows the status, never the clerk's name.
    const byCode = !byNumber && query.code ? await caseWithTrackingCode(ctx.db, normaliseTrackingCode(query.code)) : undefined;
    const c = byNumber ?? (byCode ? { ...byCode, clerk_name: null } : undefined);
    let outcome: MailOutcome;
    if (c) {
      await replyTo(t(locale, 'citizens.email_subject_status', { number: c.number }), statusText(locale, c, ctx.config.timezone), c.id);
      outcome = 'status';
    } else if (query.number || query.code) {
      const asked = query.number ?? query.code!;
      await replyTo(t(locale, 'citizens.email_subject_status', { number: asked }), t(locale, 'citizens.status_unknown_email', { number: asked }), null);
      outcome = 'status_refused';
    } else {
      await replyTo(t(locale, 'citizens.email_subject_status_help'), t(locale, 'citizens.status_need_number', { url: `${ctx.config.publicUrl}/track` }), null);
      outcome = 'status_no_number';
    }
    await setInboundOutcome(ctx.db, inboundId, outcome, null, c?.id ?? null);
    return { outcome, caseId: c?.id, number: c?.number };
  }

  // A mail naming one of the sender's cases, or about their case that waits for them, is added to it, not filed anew.
  const about = await takeCitizenText(ctx, {
    text: (answersFixQuestion ? body : `${parsed.subject ?? ''}\n${body}`.trim()).slice(0, 5000),
    partyIds: senderParties,
    // A follower answers "is it fixed?" by e-mail as by SMS: known by the address they proved.
    contact: { channel: 'email', address: sender },
    via: 'email',
    locale,
    senderName: account?.display_name ?? parsed.from?.value[0]?.name?.trim().slice(0, 200) ?? sender,
    inboundId,
  });
  if (about) {
    const caseId = about.kind === 'fix' ? about.result.caseId : about.caseId;
    const number = about.kind === 'fix' ? about.result.number : about.number;
    if (about.kind === 'reply') {
      const actor: Actor = { kind: 'system', name: `${sender} (e-mail)` };
      for (const a of kept) await addDocument(ctx, actor, caseId, a.filename ?? 'attachment', a.contentType, a.content, log);
    }
    if (about.reply) await replyTo(t(locale, 'citizens.email_subject_reply_added', { number }), about.reply, caseId);
    await setInboundOutcome(ctx.db, inboundId, about.kind === 'fix' ? 'fix_answer' : 'reply_added', null, caseId);
    return { outcome: about.kind === 'fix' ? 'fix_answer' : 'reply_added', caseId, number };
  }

  if (answeredOf) return addReply(answeredOf.c, answeredOf.name);
  if (followerOf) {
    // Not filed as a new report either: "thanks" or "still broken" under an update is about that report.
    const params = { number: followerOf.number };
    await replyTo(t(locale, 'citizens.email_subject_follower_reply', params), t(locale, 'citizens.email_follower_reply', params), followerOf.id);
    await setInboundOutcome(ctx.db, inboundId, 'follower_reply', null, followerOf.id);
    log('info', 'incoming e-mail: a follower replied to an update', { sender, number: followerOf.number });
    return { outcome: 'follower_reply', caseId: followerOf.id, number: followerOf.number };
  }

  const description = reportDescription(parsed.subject, parsed.text);
  if (!description) {
    await setInboundOutcome(ctx.db, inboundId, 'ignored_empty', null);
    return { outcome: 'ignored_empty' };
  }
  try {
    const filed = await fileInboundReport(ctx, {
      channel: 'email',
      description,
      name: account?.display_name ?? parsed.from?.value[0]?.name?.trim().slice(0, 200) ?? null,
      email: sender,
      locale,
      inboundId,
    });
    const actor: Actor = { kind: 'system', name: 'E-mail' };
    for (const a of kept) await addDocument(ctx, actor, filed.caseId, a.filename ?? 'attachment', a.contentType, a.content, log);
    await setInboundOutcome(ctx.db, inboundId, 'report', null, filed.caseId);
    if (!(await registrationNotified(ctx.db, filed.caseId, filed.partyId))) {
      await replyTo(
        t(locale, 'citizens.email_subject_report', { number: filed.number }),
        t(locale, 'citizens.report_received', { number: filed.number, code: filed.trackingCode, url: `${ctx.config.publicUrl}/track` }),
        filed.caseId,
      );
    }
    return { outcome: 'report', caseId: filed.caseId, number: filed.number };
  } catch (error) {
    log('error', 'an e-mail could not be filed as a report', { sender, error: String(error) });
    await setInboundOutcome(ctx.db, inboundId, 'report_failed', String(error).slice(0, 300));
    await replyTo(
      t(locale, 'citizens.email_subject_report_failed'),
      t(locale, 'citizens.report_failed', { municipality: municipalityIn(locale, ctx.config), url: `${ctx.config.publicUrl}/portal` }),
      null,
    );
    return { outcome: 'report_failed' };
  }
}

/** One attachment as a case document; a type or size the registry does not take is dropped and logged, not fatal. */
async function addDocument(
  ctx: Ctx,
  actor: Actor,
  caseId: string,
  filename: string,
  contentType: string,
  content: Buffer,
  log: ReturnType<typeof channelLogger>,
): Promise<string | null> {
  try {
    const doc = await addCaseDocument(ctx, actor, {
      caseId,
      filename,
      declaredType: contentType,
      stream: Readable.from([content]),
      visibility: 'public',
      truncated: () => false,
    });
    return doc.id;
  } catch (error) {
    log('warn', 'an e-mail attachment was not kept', { caseId, filename: filename.slice(0, 100), contentType, error: String(error) });
    return null;
  }
}
