/** Registers a new case at the registry office (or from any channel): numbers it, links its parties, and records the first event. */
import type { Actor, Channel, PartyRole } from '../../kernel/types.ts';
import { AppError, forbidden, invalidAs } from '../../kernel/lib/errors.ts';
import { canActOnCase } from '../policy.ts';
import { findCaseType } from '../../organisation/repositories/case-type-repository.ts';
import { findUnit } from '../../organisation/repositories/org-repository.ts';
import { findPartiesByIds, insertParty, type PartyInput } from '../repositories/party-repository.ts';
import { insertCase, linkParty, nextSequence } from '../repositories/case-repository.ts';
import { formatCaseNumber, seriesKey, yearIn } from '../../organisation/domain/case-number.ts';
import { newTrackingCode } from '../domain/tracking-code.ts';
import { GENESIS_HASH } from '../domain/event-chain.ts';
import { INITIAL_STATUS } from '../domain/case-status.ts';
import { caseSearchKey } from '../../kernel/lib/search-text.ts';
import { searchKey } from '../../i18n/search-key.ts';
import { normaliseEmail, normalisePhone } from '../../kernel/lib/phone.ts';
import type { Tx } from '../../kernel/db/database.ts';
import type { Ctx } from '../../kernel/context.ts';
import { recordCaseEvent } from './record-case-event.ts';
import { moveCaseStatus, type LockedCase } from './move-case-status.ts';

export type PartyRef = { role?: PartyRole; partyId: string } | ({ role?: PartyRole } & Omit<PartyInput, 'kind'> & { kind?: PartyInput['kind'] });

export interface RegisterCaseInput {
  caseTypeId: number;
  subject: string;
  description?: string;
  channel: Channel;
  classificationCode?: string | null;
  parties: PartyRef[];
  registryUnitId?: string | null;
  deliverToUnitId?: string | null;
  dueAt?: Date | null;
  externalSystem?: string | null;
  externalId?: string | null;
  registeredAt?: Date;
  /** More facts for the registration event (a report router's model version and confidence). */
  registeredData?: Record<string, unknown>;
}

export type NewPartyRef = Exclude<PartyRef, { partyId: string }>;

/** Adds a party given by name and contacts, its phone and e-mail checked and normalised (E.164, lower case). */
export async function insertNewParty(tx: Tx, ctx: Ctx, p: NewPartyRef) {
  const phone = p.phone ? normalisePhone(p.phone, ctx.config.phoneCountryCode) : null;
  if (p.phone && !phone) throw invalidAs('detail.bad_phone', { value: p.phone }, 'phone');
  const email = p.email ? normaliseEmail(p.email) : null;
  if (p.email && !email) throw invalidAs('detail.bad_email', { value: p.email }, 'email');
  const { role: _role, ...fields } = p;
  return insertParty(tx, { ...fields, kind: fields.kind ?? 'person', phone, email }, searchKey(`${fields.name} ${fields.idNumber ?? ''}`));
}

export interface RegisteredCase {
  id: string;
  number: string;
  trackingCode: string;
  registeredAt: Date;
  status: string;
  partyIds: string[];
}

export async function registerCase(ctx: Ctx, actor: Actor, input: RegisterCaseInput): Promise<RegisteredCase> {
  if (!canActOnCase(actor, 'register')) throw forbidden();
  return ctx.db.transaction().execute((tx) => registerCaseInTx(tx, ctx, actor, input));
}

/** The same registration inside a caller's transaction (used by channels that do more in the same unit of work). */
export async function registerCaseInTx(tx: Tx, ctx: Ctx, actor: Actor, input: RegisterCaseInput): Promise<RegisteredCase> {
  const caseType = await findCaseType(tx, input.caseTypeId);
  if (!caseType || !caseType.active) throw new AppError('unknown_case_type');
  const registryUnitId = input.registryUnitId ?? (actor.kind === 'staff' ? actor.unitId : null);
  const registryUnit = registryUnitId ? await findUnit(tx, registryUnitId) : undefined;
  if (registryUnitId && !registryUnit) throw new AppError('unknown_unit');
  const deliverTo = input.deliverToUnitId ? await findUnit(tx, input.deliverToUnitId) : undefined;
  if (input.deliverToUnitId && (!deliverTo || deliverTo.kind === 'external_institution')) throw new AppError('unknown_unit');
  if (!input.parties.length) throw invalidAs('detail.case_needs_party', {}, 'parties');

  const partyIds: string[] = [];
  const partyNames: string[] = [];
  const existingIds = input.parties.flatMap((p) => ('partyId' in p ? [p.partyId] : []));
  const existing = await findPartiesByIds(tx, existingIds);
  for (const p of input.parties) {
    if ('partyId' in p) {
      const found = existing.find((e) => e.id === p.partyId);
      if (!found) throw invalidAs('detail.unknown_party', { id: p.partyId }, 'partyId');
      partyIds.push(found.id);
      partyNames.push(found.name);
      continue;
    }
    const party = await insertNewParty(tx, ctx, p);
    partyIds.push(party.id);
    partyNames.push(party.name);
  }

  const registeredAt = input.registeredAt ?? ctx.now();
  const numberCtx = { unit: registryUnit?.code ?? deliverTo?.code ?? 'GL', type: caseType.code, year: yearIn(registeredAt, ctx.config.timezone) };
  const seq = await nextSequence(tx, seriesKey(caseType.number_pattern, numberCtx));
  const number = formatCaseNumber(caseType.number_pattern, numberCtx, seq);
  const trackingCode = newTrackingCode();
  const dueAt = input.dueAt ?? (caseType.resolution_days ? new Date(registeredAt.getTime() + caseType.resolution_days * 86_400_000) : null);
  const id = await insertCase(tx, {
    number,
    caseTypeId: caseType.id,
    subject: input.subject,
    description: input.description ?? '',
    channel: input.channel,
    classificationCode: input.classificationCode ?? null,
    trackingCode,
    status: INITIAL_STATUS,
    registryUnitId: registryUnit?.id ?? null,
    unitId: registryUnit?.id ?? null,
    clerkId: null,
    registeredBy: actor.kind === 'system' ? null : actor.userId,
    registeredAt,
    dueAt,
    searchKey: caseSearchKey(number, input.subject, partyNames),
    genesisHash: GENESIS_HASH,
    externalSystem: input.externalSystem,
    externalId: input.externalId,
  });
  for (const [i, partyId] of partyIds.entries()) await linkParty(tx, id, partyId, input.parties[i]!.role ?? 'applicant');

  const locked: LockedCase = { id, status: INITIAL_STATUS, closed_at: null, last_event_seq: 0, last_event_hash: GENESIS_HASH };
  await recordCaseEvent(tx, ctx, locked, actor, {
    type: 'case.registered',
    at: registeredAt,
    data: {
      number,
      registeredAt: registeredAt.toISOString(),
      caseType: caseType.code,
      channel: input.channel,
      registryUnitId: registryUnit?.id ?? null,
      dueAt: dueAt?.toISOString() ?? null,
      ...input.registeredData,
    },
  });
  if (deliverTo) {
    await moveCaseStatus(tx, ctx, locked, actor, {
      to: 'delivered',
      event: {
        type: 'case.delivered',
        at: registeredAt,
        data: { from: INITIAL_STATUS, to: 'delivered', unitId: deliverTo.id, unitName: deliverTo.name },
        casePatch: { unit_id: deliverTo.id },
      },
    });
  }
  return { id, number, trackingCode, registeredAt, status: locked.status, partyIds };
}
