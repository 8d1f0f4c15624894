/** The report of a unit (and the units below it) for a period, for a public meeting. */
import type { Ctx } from '../../kernel/context.ts';
import type { Actor } from '../../kernel/types.ts';
import { notFound, invalidAs } from '../../kernel/lib/errors.ts';
import { formatDate, parsePeriod, type Period } from '../domain/calendar.ts';
import { localDate, startOfLocalDay } from '../../kernel/time.ts';
import { duration, round, share, type DurationFigure, type ShareFigure } from '../domain/overview.ts';
import { canReadUnitReport } from '../policy.ts';
import { budgetLinesOf } from '../repositories/budget-repository.ts';
import { costsBetween, fieldResults, overdueItems, periodFigures, type CostRow } from './figures.ts';
import { categoryNames, findUnitById, subtreeIds, unitNames } from './lookups.ts';
import { verdictsBetween } from '../repositories/verdict-repository.ts';
import { citizenVerdicts, type CitizenVerdicts } from '../domain/verdicts.ts';
import { citizenWaits } from '../repositories/pause-repository.ts';

export const OVERDUE_LIST_LIMIT = 50;

export interface Money {
  labourHours: number;
  labour: number;
  materials: number;
  contractor: number;
  total: number;
}
export interface UnitReport {
  schema: 'glas.unit-report/1';
  municipality: string;
  /** GLAS_MUNICIPALITY_CYRILLIC, for Cyrillic pages. */
  municipalityCyrillic?: string | undefined;
  timezone: string;
  currency: string;
  hourlyRate: number;
  generatedAt: string;
  unit: { id: string; code: string; name: string };
  units: { id: string; code: string; name: string }[];
  period: { label: string; start: string; end: string; firstDay: string; lastDay: string };
  workload: { openAtStart: number; received: number; decided: number; openAtEnd: number; rerouted: number };
  deadlines: {
    answeredWithin48h: ShareFigure;
    answeredWithinSla: ShareFigure;
    resolvedWithinDeadline: ShareFigure;
    firstResponseHours: DurationFigure;
    resolutionHours: DurationFigure;
  };
  byCategory: {
    code: string;
    name: Record<string, string>;
    received: number;
    decided: number;
    openAtEnd: number;
    answeredWithinSla: ShareFigure;
    firstResponseMedian: number | null;
    resolutionMedian: number | null;
  }[];
  byUnit: { code: string; name: string; received: number; decided: number; openAtEnd: number; answeredWithinSla: ShareFigure }[];
  overdue: {
    at: string;
    response: number;
    resolution: number;
    items: {
      reportNo: string;
      number: string;
      category: string;
      unit: string | null;
      registeredAt: string;
      deadline: string;
      kind: 'response' | 'resolution';
      daysOverdue: number;
    }[];
  };
  fieldResults: { results: number; reports: number };
  /** "Is it fixed?" in the period: reopen rate and satisfaction, "closed but not fixed" apart. */
  citizenVerdicts: CitizenVerdicts;
  /** Reports of the period that waited for the citizen (the answer clock paused, not counted against the deadlines). */
  waitingForCitizens: { reports: number; hours: number; waitingNow: number };
  outcomes: { status: string; count: number }[];
  costs: Money & { reports: number; byCategory: ({ code: string; name: Record<string, string> } & Money)[] };
  budget: {
    year: number;
    lines: {
      id: number;
      unit: string;
      category: string | null;
      categoryName: Record<string, string> | null;
      kind: string;
      amount: number;
      spentPeriod: number;
      spentYear: number;
      usedShare: number | null;
    }[];
  };
}

const money = (n: number) => Math.round(n * 100) / 100;

export function moneyOf(rows: CostRow[], rate: number): Money {
  const labourHours = rows.reduce((a, r) => a + r.labourHours, 0);
  const materials = rows.reduce((a, r) => a + r.materials, 0);
  const contractor = rows.reduce((a, r) => a + r.contractor, 0);
  const labour = labourHours * rate;
  return {
    labourHours: money(labourHours),
    labour: money(labour),
    materials: money(materials),
    contractor: money(contractor),
    total: money(labour + materials + contractor),
  };
}

export const kindAmount = (m: Money, kind: string) =>
  kind === 'labour' ? m.labour : kind === 'materials' ? m.materials : kind === 'contractor' ? m.contractor : m.total;

/** The period of a unit report: as named (2026-Q3, 2026, 2026-07, 2026-W47, 2026-07-01..2026-09-30) or, by default, the current quarter. */
export function unitReportPeriod(ctx: Ctx, name: string | undefined): Period & { label: string; year: number } {
  const tz = ctx.config.timezone;
  const today = localDate(ctx.now(), tz);
  const p = parsePeriod(name ?? `${today.year}-Q${Math.floor((today.month - 1) / 3) + 1}`, tz);
  if (!p)
    throw invalidAs(
      'detail.period_format_unit',
      { quarter: '2026-Q3', year: '2026', month: '2026-07', week: '2026-W47', range: '2026-07-01..2026-09-30' },
      'period',
    );
  if (p.end.getTime() - p.start.getTime() > 367 * 86_400_000) throw invalidAs('detail.unit_report_max_year', {}, 'period');
  return p;
}

export async function unitReport(ctx: Ctx, actor: Actor, unitId: string, periodName?: string): Promise<UnitReport> {
  const unit = await findUnitById(ctx.db, unitId);
  // A unit outside the reader's reach answers like one that does not exist.
  if (!unit || !canReadUnitReport(actor, unit.path)) throw notFound();
  const p = unitReportPeriod(ctx, periodName);
  const tz = ctx.config.timezone;
  const now = ctx.now();
  const at = p.end < now ? p.end : now;
  const unitIds = await subtreeIds(ctx.db, unit.path);
  const yearStart = startOfLocalDay({ year: p.year, month: 1, day: 1 }, tz);
  const yearEnd = startOfLocalDay({ year: p.year + 1, month: 1, day: 1 }, tz);
  const rate = ctx.config.labourHourlyRate;
  const [figures, overdue, field, costsPeriod, costsYearOrNull, lines, categories, units, verdicts, waits] = await Promise.all([
    periodFigures(ctx.db, { start: p.start, end: p.end, unitIds, at }),
    overdueItems(ctx.db, { at, unitIds, limit: OVERDUE_LIST_LIMIT }),
    fieldResults(ctx.db, { from: p.start, to: p.end, unitIds }),
    costsBetween(ctx.db, { from: p.start, to: p.end, unitIds }),
    // For a period that is the year so far (or the whole year), the year's costs are the period's.
    p.start.getTime() === yearStart.getTime() && p.end <= yearEnd
      ? null
      : costsBetween(ctx.db, { from: yearStart, to: p.end < yearEnd ? p.end : yearEnd, unitIds }),
    budgetLinesOf(ctx.db, { unitIds, year: p.year }),
    categoryNames(ctx.db),
    unitNames(ctx.db),
    verdictsBetween(ctx.db, { from: p.start, to: p.end, unitIds }),
    citizenWaits(ctx.db, { from: p.start, to: p.end, at, unitIds }),
  ]);
  const t = figures.total;
  const costsYear = costsYearOrNull ?? costsPeriod;
  const cat = (id: number) => categories.get(id);
  const costCategories = [...new Set(costsPeriod.map((c) => c.categoryId))];
  const lastDay = localDate(new Date(p.end.getTime() - 1), tz);
  return {
    schema: 'glas.unit-report/1',
    municipality: ctx.config.municipalityName,
    municipalityCyrillic: ctx.config.municipalityNameCyrillic,
    timezone: tz,
    currency: ctx.config.currency,
    hourlyRate: rate,
    generatedAt: now.toISOString(),
    unit: { id: unit.id, code: unit.code, name: unit.name },
    units: unitIds
      .map((id) => units.get(id)!)
      .filter(Boolean)
      .map((u) => ({ id: u.id, code: u.code, name: u.name }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    period: {
      label: p.label,
      start: p.start.toISOString(),
      end: p.end.toISOString(),
      firstDay: formatDate(localDate(p.start, tz)),
      lastDay: formatDate(lastDay),
    },
    workload: { openAtStart: t.openAtStart, received: t.received, decided: t.decided, openAtEnd: t.openAtEnd, rerouted: t.rerouted },
    deadlines: {
      answeredWithin48h: share(t.answered48, t.due48),
      answeredWithinSla: share(t.answeredSla, t.dueSla),
      resolvedWithinDeadline: share(t.decidedInTime, t.decidedWithDeadline),
      firstResponseHours: duration(t.firstResponse),
      resolutionHours: duration(t.resolution),
    },
    byCategory: [...figures.byCategory]
      .filter(([, f]) => f.received + f.decided + f.openAtEnd + f.dueSla > 0)
      .map(([id, f]) => ({
        code: cat(id)?.code ?? String(id),
        name: cat(id)?.name ?? {},
        received: f.received,
        decided: f.decided,
        openAtEnd: f.openAtEnd,
        answeredWithinSla: share(f.answeredSla, f.dueSla),
        firstResponseMedian: round(f.firstResponse.median, 2),
        resolutionMedian: round(f.resolution.median, 2),
      }))
      .sort((a, b) => b.received - a.received || a.code.localeCompare(b.code)),
    byUnit:
      unitIds.length > 1
        ? [...figures.byUnit]
            .filter(([id]) => id !== null)
            .map(([id, f]) => ({
              code: units.get(id!)?.code ?? '',
              name: units.get(id!)?.name ?? '',
              received: f.received,
              decided: f.decided,
              openAtEnd: f.openAtEnd,
              answeredWithinSla: share(f.answeredSla, f.dueSla),
            }))
            .sort((a, b) => a.name.localeCompare(b.name))
        : [],
    overdue: {
      at: at.toISOString(),
      response: t.overdueResponse,
      resolution: t.overdueResolution,
      items: overdue.map((o) => {
        const deadline = o.kind === 'response' ? o.firstResponseDueAt : o.dueAt!;
        return {
          reportNo: o.reportNo,
          number: o.number,
          category: cat(o.categoryId)?.code ?? String(o.categoryId),
          unit: o.unitId ? (units.get(o.unitId)?.code ?? null) : null,
          registeredAt: o.registeredAt.toISOString(),
          deadline: deadline.toISOString(),
          kind: o.kind,
          daysOverdue: Math.floor((at.getTime() - deadline.getTime()) / 86_400_000),
        };
      }),
    },
    fieldResults: field,
    citizenVerdicts: citizenVerdicts(verdicts, units, categories),
    waitingForCitizens: waits,
    outcomes: figures.outcomes,
    costs: {
      ...moneyOf(costsPeriod, rate),
      reports: costsPeriod.reduce((a, r) => a + r.reports, 0),
      byCategory: costCategories
        .map((id) => ({
          code: cat(id)?.code ?? String(id),
          name: cat(id)?.name ?? {},
          ...moneyOf(
            costsPeriod.filter((c) => c.categoryId === id),
            rate,
          ),
        }))
        .sort((a, b) => b.total - a.total || a.code.localeCompare(b.code)),
    },
    budget: {
      year: p.year,
      lines: lines.map((l) => {
        const match = (c: CostRow) => c.unitId === l.unit_id && (l.category_id === null || c.categoryId === l.category_id);
        const spentPeriod = kindAmount(moneyOf(costsPeriod.filter(match), rate), l.cost_kind);
        const spentYear = kindAmount(moneyOf(costsYear.filter(match), rate), l.cost_kind);
        const amount = Number(l.amount);
        return {
          id: l.id,
          unit: units.get(l.unit_id)?.code ?? '',
          category: l.category_id === null ? null : (cat(l.category_id)?.code ?? String(l.category_id)),
          categoryName: l.category_id === null ? null : (cat(l.category_id)?.name ?? {}),
          kind: l.cost_kind,
          amount,
          spentPeriod,
          spentYear,
          usedShare: amount > 0 ? round(spentYear / amount, 4) : null,
        };
      }),
    },
  };
}

/** Units the reader may report on (for a picker): all for leadership, their subtree for a unit head. */
export async function reportableUnits(ctx: Ctx, actor: Actor) {
  const units = await unitNames(ctx.db);
  return [...units.values()]
    .filter((u) => u.kind !== 'external_institution' && canReadUnitReport(actor, u.path))
    .map((u) => ({ id: u.id, code: u.code, name: u.name, parentId: u.parentId }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
