/**
 * Turns one case event into message rows and their delivery jobs, inside the caller's transaction:
 * for each recipient the first usable channel (or, for a fallback, the next one not yet tried),
 * rendered in the recipient's language from the newest template version. Shared by the outbox writer
 * and by fallback, so both decide recipients, channels and text in exactly the same way.
 */
import type { Tx } from '../../kernel/db/database.ts';
import { DEFAULT_LOCALE, isLocale, type Locale } from '../../i18n/index.ts';
import { enqueueJobs, type EnqueueOptions } from '../../kernel/jobs.ts';
import { planSms } from '../../channels/sms-encoding.ts';
import type { Ctx } from '../../kernel/context.ts';
import { defaultTemplate } from '../domain/default-templates.ts';
import { placeholderValues, type EventFacts } from '../domain/render.ts';
import { renderTemplate, type TemplateChannel } from '../domain/template.ts';
import { releaseTime } from '../domain/quiet-hours.ts';
import {
  DEFAULT_CHANNEL_ORDER,
  isRecipientRole,
  nextChannel,
  usableChannels,
  wantsLevel,
  type ConsentState,
  type MessageChannel,
  type PartyPreferences,
} from '../domain/recipients.ts';
import { consentsInForce } from '../repositories/contact-repository.ts';
import { latestTemplates } from '../repositories/settings-repository.ts';
import { caseFacts, channelsTried, insertMessages, rewriteQueuedMessage, type NewMessage, type RecipientRow } from '../repositories/message-repository.ts';
import { leadOf, mergedNote, type GroupedEvent } from '../domain/coalesce.ts';
import { enabledChannels } from '../service.ts';

export const SEND_TASK = 'notifications.send';
export const SEND_JOB_KEY_PREFIX = 'notify:';
export const sendJobKey = (messageId: string) => `${SEND_JOB_KEY_PREFIX}${messageId}`;

/**
 * With batching on (GLAS_NOTIFY_BATCH), the job worker's batch sender (send-queued-batches.ts) sends a
 * queued message and removes its job; the job carries this flag, so a worker running the batch sender
 * never fetches it, and a worker without one (GLAS_NOTIFY_BATCH=0 there) still sends it the old way.
 */
export const BATCHED_JOB_FLAG = 'notify-batched';

/** The options of a new message's own delivery job. */
export function sendJobOptions(ctx: Ctx, messageId: string, notBefore: Date, now: Date): EnqueueOptions {
  return {
    jobKey: sendJobKey(messageId),
    maxAttempts: ctx.config.notifyMaxAttempts,
    ...(notBefore > now ? { runAt: notBefore } : {}),
    ...(ctx.config.notifyBatch ? { flags: [BATCHED_JOB_FLAG] } : {}),
  };
}

export const TEMPLATE_PARTS: Record<MessageChannel, readonly TemplateChannel[]> = {
  sms: ['sms'],
  viber: ['viber'],
  email: ['email_subject', 'email_body'],
};

export interface QueueInput {
  event: EventFacts & { id: string; caseId: string };
  kind: string;
  level: 'notifiable' | 'key';
  recipients: readonly RecipientRow[];
  /** Set for a fallback: the message that failed, and why; only channels not yet tried for this event are used. */
  fallback?: { of: string; reason: string };
  /** Write nothing when the case is mirrored from an external registry (set for Glas' own events). */
  skipMirroredCase?: boolean;
}

function preferencesOf(r: RecipientRow): PartyPreferences {
  return {
    channelOrder: (r.channel_order as MessageChannel[] | null) ?? DEFAULT_CHANNEL_ORDER,
    scope: r.scope ?? 'all',
    quietFrom: r.quiet_from,
    quietTo: r.quiet_to,
  };
}

export function recipientLocale(r: RecipientRow): Locale {
  if (isLocale(r.pref_locale)) return r.pref_locale;
  if (isLocale(r.party_locale)) return r.party_locale;
  return DEFAULT_LOCALE;
}

interface PendingMessage {
  messageId: string;
  notBefore: Date;
  events: GroupedEvent[];
}
// The messages each open transaction has queued so far, by case, recipient and channel. A transaction
// object lives exactly as long as the transaction, so the map goes with it (committed or rolled back).
const pendingByTx = new WeakMap<Tx, Map<string, PendingMessage>>();
function pendingIn(tx: Tx): Map<string, PendingMessage> {
  let m = pendingByTx.get(tx);
  if (!m) pendingByTx.set(tx, (m = new Map()));
  return m;
}

/** Creates the messages (skipping any that already exist) and enqueues their delivery; returns the ids created. */
export async function queueMessages(tx: Tx, ctx: Ctx, q: QueueInput): Promise<string[]> {
  const enabled = enabledChannels(ctx.config);
  if (!enabled.size || !q.recipients.length) return [];
  const seen = new Set<string>();
  const recipients = q.recipients.filter((r) => isRecipientRole(r.role) && !seen.has(r.id) && (seen.add(r.id), true));
  const consents = await consentsInForce(
    tx,
    recipients.map((r) => r.id),
  );
  const now = ctx.now();

  type Plan = { r: RecipientRow; channel: MessageChannel; address: string; consentId: string; locale: Locale; next: MessageChannel[]; notBefore: Date };
  const plans: Plan[] = [];
  for (const r of recipients) {
    const prefs = preferencesOf(r);
    if (!wantsLevel(q.level, prefs.scope)) continue;
    const mine: ConsentState[] = consents.filter((c) => c.party_id === r.id).map((c) => ({ id: c.id, channel: c.channel, action: c.action }));
    const usable = usableChannels(prefs, { phone: r.phone, email: r.email, viberUserId: r.viber_user_id }, mine, enabled);
    const tried = q.fallback ? await channelsTried(tx, q.event.id, r.id) : [];
    const choice = nextChannel(usable, tried);
    if (!choice) continue;
    const next = usable.filter((u) => u.channel !== choice.channel && !tried.includes(u.channel)).map((u) => u.channel);
    // Key messages are never held back; quiet hours are for news that can wait until morning.
    const notBefore = q.level === 'key' ? now : releaseTime(now, ctx.config.timezone, prefs.quietFrom, prefs.quietTo);
    plans.push({ r, channel: choice.channel, address: choice.address, consentId: choice.consentId, locale: recipientLocale(r), next, notBefore });
  }
  if (!plans.length) return [];

  const facts = await caseFacts(tx, q.event.caseId);
  if (!facts || (q.skipMirroredCase && facts.external_system)) return [];
  const parts = [...new Set(plans.flatMap((p) => TEMPLATE_PARTS[p.channel]))];
  const locales = [...new Set(plans.map((p) => p.locale))];
  const saved = await latestTemplates(tx, q.kind, parts, locales);
  // A message rewritten for several events speaks in the template of the one that leads them.
  const otherSaved = new Map<string, Awaited<ReturnType<typeof latestTemplates>>>();
  // Only the kinds that will lead a rewritten message of this case (usually none) are read.
  const pendingHere = q.fallback ? [] : plans.flatMap((p) => pendingIn(tx).get(`${q.event.caseId}:${p.r.id}:${p.channel}`) ?? []);
  const leadKinds = new Set(pendingHere.map((g) => leadOf([...g.events, { ...q.event, kind: q.kind, level: q.level }]).kind));
  for (const k of leadKinds) if (k !== q.kind) otherSaved.set(k, await latestTemplates(tx, k, parts, locales));
  const template = (kind: string, part: TemplateChannel, locale: Locale) => {
    const row = kind === q.kind ? saved.find((s) => s.channel === part && s.locale === locale) : undefined;
    if (row) return { body: row.body, version: row.version };
    const other = kind === q.kind ? undefined : otherSaved.get(kind)?.find((s) => s.channel === part && s.locale === locale);
    return other ? { body: other.body, version: other.version } : { body: defaultTemplate(kind, part, locale), version: 0 };
  };
  const inst = {
    publicUrl: ctx.config.publicUrl,
    municipality: ctx.config.municipalityName,
    municipalityCyrillic: ctx.config.municipalityNameCyrillic,
    timeZone: ctx.config.timezone,
  };
  const c = {
    number: facts.number,
    subject: facts.subject,
    status: facts.status,
    registeredAt: new Date(facts.registered_at),
    unitName: facts.unit_name,
    clerkName: facts.clerk_name,
    awaitingName: facts.awaiting_name,
    dueAt: facts.due_at ? new Date(facts.due_at) : null,
    classificationCode: facts.classification_code,
    trackingCode: facts.tracking_code,
  };
  const expireMs = ctx.config.notifyExpireHours * 3_600_000;

  const build = (p: Plan, kind: string, level: 'notifiable' | 'key', event: QueueInput['event'], notBefore: Date): NewMessage => {
    const values = placeholderValues(c, event, p.r.name, p.locale, inst);
    const versions: Record<string, number> = {};
    const render = (part: TemplateChannel) => {
      const tpl = template(kind, part, p.locale);
      versions[part] = tpl.version;
      return renderTemplate(tpl.body, values);
    };
    let subject: string | null = null;
    let body: string;
    let smsEncoding: string | null = null;
    let smsParts: number | null = null;
    if (p.channel === 'email') {
      subject = render('email_subject');
      body = render('email_body');
    } else if (p.channel === 'sms') {
      // Stored as it goes on the wire (folded under the gsm7-fold policy), which is what proof of notice needs.
      const plan = planSms(render('sms'), ctx.config.smsTextPolicy);
      body = plan.text;
      smsEncoding = plan.encoding;
      smsParts = plan.parts;
    } else {
      body = render('viber');
    }
    return {
      eventId: event.id,
      caseId: event.caseId,
      partyId: p.r.id,
      channel: p.channel,
      kind,
      level,
      recipient: p.address,
      locale: p.locale,
      subject,
      body,
      templateVersions: versions,
      consentId: p.consentId,
      smsEncoding,
      smsParts,
      notBefore,
      expiresAt: new Date(notBefore.getTime() + expireMs),
      createdAt: now,
      nextChannels: p.next,
      fallbackOf: q.fallback?.of ?? null,
      fallbackReason: q.fallback?.reason ?? null,
    };
  };

  // A change committed together (an answer that moves the status, sets the planned date and writes a
  // note) is one message per recipient and channel: a later event of the same transaction rewrites the
  // message an earlier one queued, saying what matters most of all of them (see domain/coalesce.ts).
  const pending = q.fallback ? null : pendingIn(tx);
  const jobs: { id: string; notBefore: Date }[] = [];
  const fresh: NewMessage[] = [];
  for (const p of plans) {
    const key = `${q.event.caseId}:${p.r.id}:${p.channel}`;
    const earlier = pending?.get(key);
    if (!earlier) {
      fresh.push(build(p, q.kind, q.level, q.event, p.notBefore));
      continue;
    }
    const group = [...earlier.events, { ...q.event, kind: q.kind, level: q.level }];
    const lead = leadOf(group);
    const level = group.some((g) => g.level === 'key') ? 'key' : 'notifiable';
    const notBefore = new Date(Math.min(earlier.notBefore.getTime(), p.notBefore.getTime()));
    const merged = build(p, lead.kind, level, { ...lead, note: mergedNote(group, lead) }, level === 'key' ? now : notBefore);
    const row = await rewriteQueuedMessage(tx, earlier.messageId, merged);
    if (!row) {
      fresh.push(build(p, q.kind, q.level, q.event, p.notBefore));
      continue;
    }
    earlier.events = group;
    earlier.notBefore = new Date(row.not_before);
    jobs.push({ id: row.id, notBefore: new Date(row.not_before) });
  }
  const created = await insertMessages(tx, fresh);
  for (const m of created) {
    jobs.push({ id: m.id, notBefore: new Date(m.not_before) });
    pending?.set(`${q.event.caseId}:${m.party_id}:${m.channel}`, {
      messageId: m.id,
      notBefore: new Date(m.not_before),
      events: [{ ...q.event, kind: q.kind, level: q.level }],
    });
  }
  // The same job key replaces the job of a rewritten message (its run time may have moved earlier).
  await enqueueJobs(
    tx,
    jobs.map((m) => ({ task: SEND_TASK, payload: { messageId: m.id }, options: sendJobOptions(ctx, m.id, m.notBefore, now) })),
  );
  return created.map((m) => m.id);
}
