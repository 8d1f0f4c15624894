/**
 * An external registry (a back-office document system such as VOPI/OBVO) posts the events of its
 * cases; Glas mirrors the case, keeps its history, and notifies its parties like for its own cases.
 *
 * - The first event of an external case creates the mirror (registerCaseInTx), in a case type of its
 *   own (GLAS_REGISTRY_CASE_TYPE, created on first use); messages show the registry's case number.
 * - Every event is appended as `case.external_event`, with the kind it maps to in `data.kind`
 *   (`classified`, `assigned`, `status:approved`, …; anything else is `external`), so settings and
 *   templates apply to it exactly as to Glas' own events. Statuses the registry reports are mirrored.
 * - The same (externalSystem, eventId) posted again has no second effect: the first post is answered
 *   again, with `duplicate: true`.
 */
import type { Actor, CaseStatus } from '../../../kernel/types.ts';
import { CASE_STATUSES } from '../../../kernel/types.ts';
import { AppError, forbidden, invalidAs } from '../../../kernel/lib/errors.ts';
import { normaliseEmail, normalisePhone } from '../../../kernel/lib/phone.ts';
import { isLocale } from '../../../i18n/index.ts';
import { searchKey } from '../../../i18n/search-key.ts';
import type { Ctx } from '../../../kernel/context.ts';
import { audit } from '../../../kernel/audit.ts';
import { registerCaseInTx } from '../../../cases/commands/register-case.ts';
import { recordCaseEvent } from '../../../cases/commands/record-case-event.ts';
import { moveCaseStatus } from '../../../cases/commands/move-case-status.ts';
import { linkParty, type CasePatch } from '../../../cases/repositories/case-repository.ts';
import { findCaseTypeByCode, insertCaseType } from '../../../organisation/repositories/case-type-repository.ts';
import { findParty, insertParty } from '../../../cases/repositories/party-repository.ts';
import type { Tx } from '../../../kernel/db/database.ts';
import { isKnownKind } from '../../../notifications/domain/kinds.ts';
import type { MessageChannel } from '../../../notifications/domain/recipients.ts';
import { updatePartyContacts } from '../../../notifications/repositories/contact-repository.ts';
import {
  claimExternalEvent,
  findCasePartyByContact,
  findExternalParty,
  findMirroredCase,
  findProcessedEvent,
  lockExternalCase,
  mapExternalParty,
  setPartyLocale,
  setProcessedCaseEvent,
} from '../repositories/external-repository.ts';
import { canPostRegistryEvents } from '../../../notifications/policy.ts';
import { recordConsentInTx } from '../../../notifications/commands/record-consent.ts';

export interface RegistryParty {
  externalPartyId?: string;
  name: string;
  phone?: string;
  email?: string;
  locale?: string;
  /** true: consent given, false: withdrawn, absent: unchanged. */
  consent?: { sms?: boolean; email?: boolean; method?: 'counter_signed' | 'written_application' | 'portal'; textVersion?: string; at?: string };
}

export interface RegistryEventInput {
  externalSystem: string;
  externalCaseId: string;
  caseNumber: string;
  eventId: string;
  type: string;
  occurredAt: string;
  subject?: string;
  data?: Record<string, unknown>;
  parties?: RegistryParty[];
}

/** The status an external event puts the mirrored case in, when it says one. */
const STATUS_OF_KIND: Record<string, CaseStatus> = {
  registered: 'received',
  delivered: 'delivered',
  accepted: 'accepted',
  opinion_requested: 'awaiting_opinion',
  opinion_received: 'in_progress',
  appeal_received: 'appeal_received',
  returned_to_registry: 'returned_to_registry',
  archived: 'archived',
};

const isCaseStatus = (s: string | undefined): s is CaseStatus => s !== undefined && (CASE_STATUSES as readonly string[]).includes(s);

/** The data fields each kind of event must name, so that its message never says "is now handled by: ." */
const REQUIRED_DATA: Record<string, readonly (readonly string[])[]> = {
  assigned: [['clerk', 'unit', 'clerkName', 'unitName']],
  accepted: [['clerk', 'clerkName']],
  classified: [['code']],
  opinion_requested: [['awaitingInstitution', 'institutionName']],
  deadline_set: [['deadline', 'dueAt']],
};

const given = (v: unknown) => typeof v === 'string' && v.trim() !== '';

/**
 * The registry's data fields checked for its kind and named as Glas' own events name them (clerkName,
 * unitName, institutionName, dueAt, text), which the templates' placeholders read. An "assigned" event
 * that names only the clerk tells the citizen the clerk.
 */
export function registryEventData(kind: string, data: Record<string, unknown>): Record<string, unknown> {
  for (const anyOf of REQUIRED_DATA[kind] ?? []) {
    if (!anyOf.some((f) => given(data[f])))
      throw invalidAs('detail.registry_event_needs', { kind, fields: anyOf.map((f) => `data.${f}`).join(', ') }, `data.${anyOf[0]}`);
  }
  // Glas' own names (clerkName, unitName, institutionName, dueAt, text) are accepted too.
  let dueAt: string | undefined;
  const rawDeadline = data.deadline ?? data.dueAt;
  if (rawDeadline !== undefined) {
    const d = new Date(String(rawDeadline));
    if (typeof rawDeadline !== 'string' || Number.isNaN(d.getTime())) throw invalidAs('detail.bad_datetime', { field: 'data.deadline' }, 'data.deadline');
    dueAt = d.toISOString();
  }
  const str = (v: unknown) => (given(v) ? String(v).trim() : undefined);
  const clerk = str(data.clerk) ?? str(data.clerkName);
  const unit = str(data.unit) ?? str(data.unitName);
  const named = {
    clerkName: clerk,
    unitName: unit ?? (kind === 'assigned' ? clerk : undefined),
    institutionName: str(data.awaitingInstitution) ?? str(data.institutionName),
    dueAt,
    text: str(data.reason) ?? str(data.text),
  };
  return { ...data, ...Object.fromEntries(Object.entries(named).filter(([, v]) => v !== undefined)) };
}

/** `classified`, `case.classified` → classified; `status_changed` with data.status (or data.to) → status:<that>. */
export function kindOfExternal(type: string, data: Record<string, unknown>): string {
  const t = type.replace(/^case\./, '');
  if (t === 'status_changed' || t === 'status') {
    const to = data.status ?? data.to;
    return typeof to === 'string' && isKnownKind(`status:${to}`) ? `status:${to}` : 'external';
  }
  return isKnownKind(t) && t !== 'external' ? t : 'external';
}

async function ensureCaseType(tx: Tx, ctx: Ctx, actor: Actor): Promise<number> {
  const code = ctx.config.registryCaseType;
  await lockExternalCase(tx, 'case-type', code);
  const existing = await findCaseTypeByCode(tx, code);
  if (existing) return existing.id;
  const created = await insertCaseType(tx, {
    code,
    numberPattern: `${code}-{seq}/{yyyy}`,
    resolutionDays: null,
    problemReport: false,
    name: {
      en: 'Case from the external registry',
      'sr-Latn': 'Predmet iz spoljnog registra',
      bs: 'Predmet iz vanjskog registra',
      hr: 'Predmet iz vanjskog registra',
      cnr: 'Predmet iz spoljnog registra',
      sl: 'Zadeva iz zunanjega registra',
    },
  });
  await audit(tx, actor, 'create', 'case_type', String(created.id), undefined, created);
  return created.id;
}

export async function ingestRegistryEvent(ctx: Ctx, actor: Actor, input: RegistryEventInput) {
  if (!canPostRegistryEvents(actor)) throw forbidden();
  const occurredAt = new Date(input.occurredAt);
  if (Number.isNaN(occurredAt.getTime())) throw invalidAs('detail.bad_datetime', { field: 'occurredAt' }, 'occurredAt');
  const parties = (input.parties ?? []).map((p, i) => {
    const phone = p.phone ? normalisePhone(p.phone, ctx.config.phoneCountryCode) : null;
    if (p.phone && !phone) throw invalidAs('detail.bad_phone', { value: p.phone }, `parties.${i}.phone`);
    const email = p.email ? normaliseEmail(p.email) : null;
    if (p.email && !email) throw invalidAs('detail.bad_email', { value: p.email }, `parties.${i}.email`);
    if (p.locale !== undefined && !isLocale(p.locale)) throw invalidAs('detail.unsupported_language', { value: String(p.locale) }, `parties.${i}.locale`);
    return { ...p, phone, email };
  });
  const kind = kindOfExternal(input.type, input.data ?? {});
  // Everything is checked before anything is written: an invalid first event leaves no mirror and no party behind.
  const eventData = registryEventData(kind, input.data ?? {});

  return ctx.db.transaction().execute(async (tx) => {
    await lockExternalCase(tx, input.externalSystem, input.externalCaseId);
    const done = await findProcessedEvent(tx, input.externalSystem, input.eventId);
    if (done) return { duplicate: true, caseId: done.case_id, kind, eventSeq: null };

    let mirror = await findMirroredCase(tx, input.externalSystem, input.externalCaseId);
    const partyIds: string[] = [];
    for (const p of parties) {
      let partyId = p.externalPartyId ? await findExternalParty(tx, input.externalSystem, p.externalPartyId) : undefined;
      if (!partyId && mirror) partyId = await findCasePartyByContact(tx, mirror.id, p.name, p.phone, p.email);
      if (partyId) {
        const current = await findParty(tx, partyId);
        const patch: { phone?: string; email?: string } = {};
        if (p.phone && p.phone !== current?.phone) patch.phone = p.phone;
        if (p.email && p.email !== current?.email) patch.email = p.email;
        if (Object.keys(patch).length) await updatePartyContacts(tx, partyId, patch, ctx.now());
        // A later event may name the party's language: messages follow it from now on.
        if (p.locale && p.locale !== current?.locale) await setPartyLocale(tx, partyId, p.locale, ctx.now());
        if (Object.keys(patch).length || (p.locale && p.locale !== current?.locale)) {
          await audit(
            tx,
            actor,
            'registry_party_update',
            'party',
            partyId,
            { phone: current?.phone ?? null, email: current?.email ?? null, locale: current?.locale ?? null },
            { ...patch, ...(p.locale && p.locale !== current?.locale ? { locale: p.locale } : {}) },
          );
        }
      } else {
        const created = await insertParty(tx, { kind: 'person', name: p.name, phone: p.phone, email: p.email, locale: p.locale ?? null }, searchKey(p.name));
        partyId = created.id;
      }
      if (p.externalPartyId) await mapExternalParty(tx, input.externalSystem, p.externalPartyId, partyId);
      partyIds.push(partyId);
    }

    if (!mirror) {
      if (!partyIds.length) throw invalidAs('detail.first_event_needs_parties', {}, 'parties');
      const caseTypeId = await ensureCaseType(tx, ctx, actor);
      await registerCaseInTx(tx, ctx, actor, {
        caseTypeId,
        subject: input.subject ?? input.caseNumber,
        channel: 'api',
        parties: partyIds.map((partyId) => ({ partyId })),
        externalSystem: input.externalSystem,
        externalId: input.externalCaseId,
        registeredAt: occurredAt,
        registryUnitId: null,
      });
      mirror = await findMirroredCase(tx, input.externalSystem, input.externalCaseId);
      if (!mirror) throw new Error('mirrored case vanished');
    } else {
      for (const partyId of partyIds) await linkParty(tx, mirror.id, partyId, 'applicant');
    }

    // Consent the registry collected (in person, in writing, on its portal) is recorded as of when it was given.
    for (const [i, p] of parties.entries()) {
      for (const channel of ['sms', 'email'] as const satisfies readonly MessageChannel[]) {
        const given = p.consent?.[channel];
        if (given === undefined) continue;
        await recordConsentInTx(tx, ctx, actor, {
          partyId: partyIds[i]!,
          channel,
          action: given ? 'given' : 'withdrawn',
          method: p.consent?.method ?? 'written_application',
          textVersion: p.consent?.textVersion ?? null,
          at: p.consent?.at ? new Date(p.consent.at) : undefined,
        });
      }
    }

    const status = kind.startsWith('status:') ? kind.slice(7) : STATUS_OF_KIND[kind];
    const casePatch: CasePatch = {};
    if (kind === 'classified' && typeof eventData.code === 'string') casePatch.classification_code = eventData.code;
    const external = {
      type: 'case.external_event',
      at: occurredAt,
      casePatch,
      data: {
        ...eventData,
        externalSystem: input.externalSystem,
        externalEventId: input.eventId,
        externalType: input.type,
        kind,
        caseNumber: input.caseNumber,
      },
    };
    // The registry is the record of its cases: the status it reports is mirrored (rule registry_mirror), closing or reopening the mirror.
    const event =
      isCaseStatus(status) && status !== mirror.status
        ? await moveCaseStatus(tx, ctx, mirror, actor, { to: status, rule: 'registry_mirror', event: external })
        : await recordCaseEvent(tx, ctx, mirror, actor, external);
    if (!(await claimExternalEvent(tx, input.externalSystem, input.eventId, mirror.id))) throw new AppError('conflict', {}, { field: 'eventId' });
    await setProcessedCaseEvent(tx, input.externalSystem, input.eventId, event.id);
    return { duplicate: false, caseId: mirror.id, kind, eventSeq: event.seq };
  });
}
