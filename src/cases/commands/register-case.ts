/** Registers a new case at the registry office (or from any channel): numbers it, links its parties, and records the first event. */
import type { Actor, Channel, PartyRole } from '../../kernel/types.ts';
import { AppError, forbidden, invalidAs } from '../../kernel/lib/errors.ts';
import { canActOnCase } from '../policy.ts';
import { randomBytes, randomUUID } from 'node:crypto';
import { findCaseTypeWithUnits } from '../../organisation/repositories/case-type-repository.ts';
import { findPartiesByIds, insertParty, type PartyInput } from '../repositories/party-repository.ts';
import { insertCase, type NewParty, type RegisteredCaseRows, type RowsWithCase } from '../repositories/case-repository.ts';
import { numberTemplate, seriesKey, yearIn } from '../../organisation/domain/case-number.ts';
import { newTrackingCode } from '../domain/tracking-code.ts';
import { GENESIS_HASH } from '../domain/event-chain.ts';
import { INITIAL_STATUS } from '../domain/case-status.ts';
import { caseSearchKey } from '../../kernel/lib/search-text.ts';
import { searchKey } from '../../i18n/search-key.ts';
import { normaliseEmail, normalisePhone } from '../../kernel/lib/phone.ts';
import type { Tx } from '../../kernel/db/database.ts';
import type { Ctx } from '../../kernel/context.ts';
import { announceEvent, eventRow } from './record-case-event.ts';
import { registerMovedCase, type LockedCase } from './move-case-status.ts';

/**
 * A party of the new case: an existing one by id, or a new one by name and contacts. `madeInTx` is the
 * name of a party the caller inserted in this same transaction (a reporter whose consent needed the
 * party first): it is not read back, there being nothing the caller does not already know.
 */
export type PartyRef =
  | { role?: PartyRole; partyId: string; madeInTx?: { name: string } }
  | ({ role?: PartyRole } & Omit<PartyInput, 'kind'> & { kind?: PartyInput['kind'] });

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
  /** The new case's id, when the caller needs it before registering (a report's timers are scheduled before the number is taken). */
  id?: string;
  /** Rows of the caller's that need the case, inserted by the statement that registers it (a problem report; see RowsWithCase). */
  withCase?: RowsWithCase;
  /** More facts for the registration event (a report router's model version and confidence). */
  registeredData?: Record<string, unknown>;
}

export type NewPartyRef = Exclude<PartyRef, { partyId: string }>;

/** A party given by name and contacts, ready to insert: its phone and e-mail checked and normalised (E.164, lower case), its id chosen here. */
export function newPartyRow(ctx: Ctx, p: NewPartyRef): NewParty {
  const phone = p.phone ? normalisePhone(p.phone, ctx.config.phoneCountryCode) : null;
  if (p.phone && !phone) throw invalidAs('detail.bad_phone', { value: p.phone }, 'phone');
  const email = p.email ? normaliseEmail(p.email) : null;
  if (p.email && !email) throw invalidAs('detail.bad_email', { value: p.email }, 'email');
  return {
    id: randomUUID(),
    kind: p.kind ?? 'person',
    name: p.name,
    idNumber: p.idNumber ?? null,
    phone,
    email,
    address: p.address ?? null,
    locale: p.locale ?? null,
    searchKey: searchKey(`${p.name} ${p.idNumber ?? ''}`),
  };
}

/** Adds a party given by name and contacts (checked as newPartyRow checks them). */
export async function insertNewParty(tx: Tx, ctx: Ctx, p: NewPartyRef) {
  const { id: _id, searchKey: key, ...fields } = newPartyRow(ctx, p);
  return insertParty(tx, fields, key);
}

export interface RegisteredCase {
  id: string;
  number: string;
  trackingCode: string;
  registeredAt: Date;
  status: string;
  partyIds: string[];
  /** What the `withCase` rows returned (as text), when there were any. */
  withCaseValue?: string | null;
}

export async function registerCase(ctx: Ctx, actor: Actor, input: RegisterCaseInput): Promise<RegisteredCase> {
  if (!canActOnCase(actor, 'register')) throw forbidden();
  return ctx.db.transaction().execute((tx) => registerCaseInTx(tx, ctx, actor, input));
}

/**
 * The same registration inside a caller's transaction (used by channels that do more in the same unit of work).
 *
 * The number series' row is locked from the statement that takes the number until the transaction
 * ends, and every registration of the series waits for it; so everything is read and checked first,
 * and one statement (insertCase) then takes the number and inserts the new parties, the case, its
 * links and its first event. A caller's own writes that need the case come after it: as few as it can.
 */
export async function registerCaseInTx(tx: Tx, ctx: Ctx, actor: Actor, input: RegisterCaseInput): Promise<RegisteredCase> {
  const registryUnitId = input.registryUnitId ?? (actor.kind === 'staff' ? actor.unitId : null);
  const existingIds = input.parties.flatMap((p) => ('partyId' in p && !p.madeInTx ? [p.partyId] : []));
  const found = await findCaseTypeWithUnits(tx, input.caseTypeId, { registry: registryUnitId, deliverTo: input.deliverToUnitId ?? null });
  const existing = await findPartiesByIds(tx, existingIds);
  if (!found?.caseType.active) throw new AppError('unknown_case_type');
  const caseType = found.caseType;
  const registryUnit = found.registry;
  if (registryUnitId && !registryUnit) throw new AppError('unknown_unit');
  const deliverTo = found.deliverTo;
  if (input.deliverToUnitId && (!deliverTo || deliverTo.kind === 'external_institution')) throw new AppError('unknown_unit');
  if (!input.parties.length) throw invalidAs('detail.case_needs_party', {}, 'parties');

  const newParties: NewParty[] = [];
  const links: { partyId: string; role: PartyRole }[] = [];
  const partyNames: string[] = [];
  for (const p of input.parties) {
    let party: { id: string; name: string } | undefined;
    if ('partyId' in p) {
      party = p.madeInTx ? { id: p.partyId, name: p.madeInTx.name } : existing.find((e) => e.id === p.partyId);
      if (!party) throw invalidAs('detail.unknown_party', { id: p.partyId }, 'partyId');
    } else {
      const row = newPartyRow(ctx, p);
      newParties.push(row);
      party = row;
    }
    links.push({ partyId: party.id, role: p.role ?? 'applicant' });
    partyNames.push(party.name);
  }

  const id = input.id ?? randomUUID();
  const registeredAt = input.registeredAt ?? ctx.now();
  const numberCtx = { unit: registryUnit?.code ?? deliverTo?.code ?? 'GL', type: caseType.code, year: yearIn(registeredAt, ctx.config.timezone) };
  // Everything that mentions the number is built with a placeholder the statement taking the number replaces.
  const placeholder = `seq${randomBytes(16).toString('hex')}`;
  const { template, pad } = numberTemplate(caseType.number_pattern, numberCtx, placeholder);
  const trackingCode = newTrackingCode();
  const dueAt = input.dueAt ?? (caseType.resolution_days ? new Date(registeredAt.getTime() + caseType.resolution_days * 86_400_000) : null);
  const first = eventRow(
    actor,
    {
      type: 'case.registered',
      data: {
        number: template,
        registeredAt: registeredAt.toISOString(),
        caseType: caseType.code,
        channel: input.channel,
        registryUnitId: registryUnit?.id ?? null,
        dueAt: dueAt?.toISOString() ?? null,
        ...input.registeredData,
      },
    },
    registeredAt,
  );
  const rows: RegisteredCaseRows = {
    case: {
      id,
      number: template,
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
      searchKey: caseSearchKey(template, input.subject, partyNames),
      genesisHash: GENESIS_HASH,
      externalSystem: input.externalSystem,
      externalId: input.externalId,
    },
    series: { key: seriesKey(caseType.number_pattern, numberCtx), pad, placeholder },
    newParties,
    links,
    event: first,
    withCase: input.withCase,
  };
  // The new case as the status writer sees it (its chain head is filled in by registerMovedCase).
  const locked: LockedCase & { isNew: true; pause: NonNullable<LockedCase['pause']> } = {
    id,
    status: INITIAL_STATUS,
    closed_at: null,
    last_event_seq: 1,
    last_event_hash: '',
    isNew: true,
    pause: { paused_at: null, paused_ms: 0, due_at: dueAt },
  };
  let number: string;
  let withCaseValue: string | null;
  if (deliverTo) {
    // Delivered in the registering statement itself (registerMovedCase): one statement under the number series' lock, not two.
    const { stored } = await registerMovedCase(tx, ctx, locked, actor, rows, {
      to: 'delivered',
      event: {
        type: 'case.delivered',
        at: registeredAt,
        data: { from: INITIAL_STATUS, to: 'delivered', unitId: deliverTo.id, unitName: deliverTo.name },
        casePatch: { unit_id: deliverTo.id },
      },
    });
    number = stored.number;
    withCaseValue = stored.withCaseValue;
  } else {
    const stored = await insertCase(tx, rows);
    number = stored.number;
    withCaseValue = stored.withCaseValue;
    await announceEvent(tx, ctx, { ...first, data: { ...first.data, number }, id: stored.eventId, caseId: id, seq: 1, caseIsNew: true });
  }
  return {
    id,
    number,
    trackingCode,
    registeredAt,
    status: locked.status,
    partyIds: links.map((l) => l.partyId),
    ...(input.withCase ? { withCaseValue } : {}),
  };
}
