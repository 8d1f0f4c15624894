/**
 * Renders a template (saved, built-in, or a draft being written) for a real case, as the case's
 * first party would get it, and for SMS shows what it costs: encoding, parts and price under the
 * municipality's text policy, next to the same text under the other policy.
 */
import type { Actor } from '../../kernel/types.ts';
import { forbidden, invalidAs, notFound } from '../../kernel/lib/errors.ts';
import { isLocale, type Locale } from '../../i18n/index.ts';
import { planSms, smsCost, type SmsPolicy } from '../../channels/sms-encoding.ts';
import type { Ctx } from '../../kernel/context.ts';
import { caseReadScope } from '../../cases/policy.ts';
import { findVisibleCase } from '../../cases/repositories/case-repository.ts';
import { findKind } from '../domain/kinds.ts';
import { defaultTemplate } from '../domain/default-templates.ts';
import { placeholderValues } from '../domain/render.ts';
import { checkTemplate, renderTemplate, type TemplateChannel } from '../domain/template.ts';
import { caseFacts, caseRecipients, latestEventOfType } from '../repositories/message-repository.ts';
import { latestTemplates } from '../repositories/settings-repository.ts';
import { canReadNotificationSettings } from '../policy.ts';

export interface PreviewInput {
  caseId?: string;
  kind: string;
  channel: TemplateChannel;
  locale: string;
  body?: string;
}

function smsFigures(text: string, policy: SmsPolicy, pricePerPart: number, currency: string) {
  const plan = planSms(text, policy);
  return {
    policy,
    text: plan.text,
    encoding: plan.encoding,
    dataCoding: plan.dataCoding,
    parts: plan.parts,
    units: plan.unitsUsed,
    cost: smsCost(plan.parts, pricePerPart),
    currency,
  };
}

/** A made-up case for previews without a real one. */
function sampleFacts(now: Date) {
  return {
    number: 'UP-I-PIS-042/2026',
    subject: 'Zahtev za građevinsku dozvolu',
    status: 'in_progress',
    registered_at: now,
    unit_name: 'Odeljenje za urbanizam',
    clerk_name: 'Petar Petrović',
    awaiting_name: 'Zavod za zaštitu spomenika kulture',
    due_at: new Date(now.getTime() + 30 * 86_400_000),
    classification_code: '351-1',
    tracking_code: 'K7MP-Q2XD-9R4T',
  };
}

export async function previewTemplate(ctx: Ctx, actor: Actor, input: PreviewInput) {
  if (!canReadNotificationSettings(actor)) throw forbidden();
  const def = findKind(input.kind);
  if (!def || !isLocale(input.locale)) throw notFound();
  const locale: Locale = input.locale;
  // Without a case (or for an administrator, who does not read citizens' cases) the preview uses a
  // made-up case, so the text, its encoding, parts and cost can still be seen exactly.
  const visible = input.caseId ? await findVisibleCase(ctx.db, caseReadScope(actor), { id: input.caseId }) : undefined;
  if (input.caseId && !visible) throw notFound();
  let body: string;
  let version: number | null;
  if (input.body !== undefined) {
    const check = checkTemplate(input.channel, input.body);
    if (!check.ok) throw invalidAs(check.key, check.params, 'body');
    body = input.body;
    version = null;
  } else {
    const saved = (await latestTemplates(ctx.db, input.kind, [input.channel], [locale]))[0];
    body = saved?.body ?? defaultTemplate(input.kind, input.channel, locale);
    version = saved?.version ?? 0;
  }
  const facts = visible ? (await caseFacts(ctx.db, visible.id))! : sampleFacts(ctx.now());
  // The case's own latest event of this kind when there is one, so the preview shows real values.
  const real = visible ? await latestEventOfType(ctx.db, visible.id, def.eventType) : undefined;
  const statusTo = input.kind.startsWith('status:') ? input.kind.slice(7) : undefined;
  const event =
    real && (!statusTo || (real.data as { to?: string }).to === statusTo)
      ? { type: real.type, data: real.data, note: real.note, visibility: real.visibility }
      : { type: def.eventType, data: statusTo ? { to: statusTo } : {}, note: null, visibility: 'public' as const };
  const recipient = visible ? (await caseRecipients(ctx.db, visible.id))[0] : { name: 'Jovana Jovanović' };
  const values = placeholderValues(
    {
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
    },
    event,
    recipient?.name ?? '',
    locale,
    {
      publicUrl: ctx.config.publicUrl,
      municipality: ctx.config.municipalityName,
      municipalityCyrillic: ctx.config.municipalityNameCyrillic,
      timeZone: ctx.config.timezone,
    },
  );
  const text = renderTemplate(body, values);
  const policy = ctx.config.smsTextPolicy;
  const other: SmsPolicy = policy === 'unicode' ? 'gsm7-fold' : 'unicode';
  return {
    kind: input.kind,
    channel: input.channel,
    locale,
    version,
    template: body,
    text,
    caseNumber: facts.number,
    sms:
      input.channel === 'sms'
        ? {
            ...smsFigures(text, policy, ctx.config.smsPricePerPart, ctx.config.currency),
            alternative: smsFigures(text, other, ctx.config.smsPricePerPart, ctx.config.currency),
          }
        : null,
  };
}
