/**
 * Registers cases of an imported history in bulk (sistem48's import of reports from before Glas): each is
 * numbered in its year's series, given an anonymous reporter, registered and delivered on the day the file
 * says, and then takes the rest of its history through moveCaseStatus's import path. The caller checks who
 * may import and does it in one transaction; the numbers are taken before, in a short transaction of their own.
 */
import { randomUUID } from 'node:crypto';
import type { Actor, Channel } from '../../kernel/types.ts';
import { AppError } from '../../kernel/lib/errors.ts';
import type { Ctx } from '../../kernel/context.ts';
import type { Tx } from '../../kernel/db/database.ts';
import { findCaseType } from '../../organisation/repositories/case-type-repository.ts';
import { findUnit } from '../../organisation/repositories/org-repository.ts';
import { formatCaseNumber, seriesKey, yearIn } from '../../organisation/domain/case-number.ts';
import { insertCases, linkParties, reserveSequence, type NewImportedCase } from '../repositories/case-repository.ts';
import { insertParties } from '../repositories/party-repository.ts';
import { newTrackingCode } from '../domain/tracking-code.ts';
import { GENESIS_HASH } from '../domain/event-chain.ts';
import { INITIAL_STATUS } from '../domain/case-status.ts';
import { caseSearchKey } from '../../kernel/lib/search-text.ts';
import { searchKey } from '../../i18n/search-key.ts';
import { recordImportedHistories, type ImportedHistory, type ImportedStep } from './move-case-status.ts';

export interface ImportedCaseInput {
  caseTypeId: number;
  subject: string;
  description: string;
  channel: Channel;
  registryUnitId: string | null;
  deliverToUnitId: string;
  registeredAt: Date;
  dueAt: Date | null;
  /** Added to the data of the case.registered event (where the case came from). */
  origin: Record<string, unknown>;
  /** What happened after delivery, in order. */
  steps: ImportedStep[];
}

export interface RegisteredImportedCase {
  id: string;
  number: string;
}

interface Lookups {
  caseTypes: Map<number, NonNullable<Awaited<ReturnType<typeof findCaseType>>>>;
  units: Map<string, NonNullable<Awaited<ReturnType<typeof findUnit>>>>;
}

async function lookups(db: Ctx['db'] | Tx, inputs: readonly ImportedCaseInput[]): Promise<Lookups> {
  const caseTypes: Lookups['caseTypes'] = new Map();
  const units: Lookups['units'] = new Map();
  for (const id of new Set(inputs.map((i) => i.caseTypeId))) {
    const t = await findCaseType(db, id);
    if (!t || !t.active) throw new AppError('unknown_case_type');
    caseTypes.set(id, t);
  }
  for (const id of new Set(inputs.flatMap((i) => [i.registryUnitId, i.deliverToUnitId]))) {
    if (!id) continue;
    const u = await findUnit(db, id);
    if (!u || (u.kind === 'external_institution' && inputs.some((i) => i.deliverToUnitId === id))) throw new AppError('unknown_unit');
    units.set(id, u);
  }
  return { caseTypes, units };
}

/**
 * The case numbers of an import, in the order of the inputs: per series, consecutive numbers in the order
 * the cases were received. One short transaction, so registrations waiting on a series lock wait a moment
 * only; if the import then fails, its numbers stay unused.
 */
export async function reserveImportedCaseNumbers(ctx: Ctx, inputs: readonly ImportedCaseInput[]): Promise<string[]> {
  const { caseTypes, units } = await lookups(ctx.db, inputs);
  const numberCtx = (i: ImportedCaseInput) => {
    const type = caseTypes.get(i.caseTypeId)!;
    const unit = (i.registryUnitId && units.get(i.registryUnitId)?.code) || units.get(i.deliverToUnitId)?.code || 'GL';
    return { pattern: type.number_pattern, ctx: { unit, type: type.code, year: yearIn(i.registeredAt, ctx.config.timezone) } };
  };
  const bySeries = new Map<string, number[]>();
  const order = inputs.map((_, k) => k).sort((a, b) => inputs[a]!.registeredAt.getTime() - inputs[b]!.registeredAt.getTime() || a - b);
  for (const k of order) {
    const n = numberCtx(inputs[k]!);
    const key = seriesKey(n.pattern, n.ctx);
    const ks = bySeries.get(key);
    if (ks) ks.push(k);
    else bySeries.set(key, [k]);
  }
  const numbers: string[] = new Array(inputs.length);
  await ctx.db.transaction().execute(async (tx) => {
    for (const [key, ks] of [...bySeries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const first = await reserveSequence(tx, key, ks.length);
      ks.forEach((k, j) => {
        const n = numberCtx(inputs[k]!);
        numbers[k] = formatCaseNumber(n.pattern, n.ctx, first + j);
      });
    }
  });
  return numbers;
}

const ANONYMOUS = 'Anonymous reporter';

/** Inserts the cases with their reporters and histories, in the caller's transaction; `numbers` from reserveImportedCaseNumbers. */
export async function registerImportedCasesInTx(
  tx: Tx,
  ctx: Ctx,
  actor: Actor,
  inputs: readonly ImportedCaseInput[],
  numbers: readonly string[],
): Promise<RegisteredImportedCase[]> {
  const { caseTypes, units } = await lookups(tx, inputs);
  const cases: NewImportedCase[] = [];
  const parties: Parameters<typeof insertParties>[1][number][] = [];
  const links: Parameters<typeof linkParties>[1][number][] = [];
  const histories: ImportedHistory[] = [];
  inputs.forEach((i, k) => {
    const id = randomUUID();
    const partyId = randomUUID();
    const number = numbers[k]!;
    const type = caseTypes.get(i.caseTypeId)!;
    const deliverTo = units.get(i.deliverToUnitId)!;
    const dueAt = i.dueAt ?? (type.resolution_days ? new Date(i.registeredAt.getTime() + type.resolution_days * 86_400_000) : null);
    parties.push({ id: partyId, party: { kind: 'person', name: ANONYMOUS }, searchKey: searchKey(ANONYMOUS) });
    links.push({ caseId: id, partyId, role: 'reporter' });
    cases.push({
      id,
      number,
      caseTypeId: type.id,
      subject: i.subject,
      description: i.description,
      channel: i.channel,
      classificationCode: null,
      trackingCode: newTrackingCode(),
      status: INITIAL_STATUS,
      registryUnitId: i.registryUnitId,
      unitId: i.registryUnitId,
      clerkId: null,
      registeredBy: null,
      registeredAt: i.registeredAt,
      dueAt,
      searchKey: caseSearchKey(number, i.subject, [ANONYMOUS]),
      genesisHash: GENESIS_HASH,
    });
    const registered: ImportedStep = {
      event: {
        type: 'case.registered',
        at: i.registeredAt,
        data: {
          number,
          registeredAt: i.registeredAt.toISOString(),
          caseType: type.code,
          channel: i.channel,
          registryUnitId: i.registryUnitId,
          dueAt: dueAt?.toISOString() ?? null,
          ...i.origin,
        },
      },
    };
    const delivered: ImportedStep = {
      to: 'delivered',
      event: {
        type: 'case.delivered',
        at: i.registeredAt,
        data: { from: INITIAL_STATUS, to: 'delivered', unitId: deliverTo.id, unitName: deliverTo.name },
        casePatch: { unit_id: deliverTo.id },
      },
    };
    histories.push({
      lockedCase: { id, status: INITIAL_STATUS, closed_at: null, last_event_seq: 0, last_event_hash: GENESIS_HASH },
      unitId: i.registryUnitId,
      steps: [registered, delivered, ...i.steps],
    });
  });
  await insertParties(tx, parties);
  await insertCases(tx, cases);
  await linkParties(tx, links);
  await recordImportedHistories(tx, ctx, actor, histories);
  return cases.map((c) => ({ id: c.id, number: c.number }));
}
