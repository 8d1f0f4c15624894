/** Computes the weekly overview of a week from the case data (nothing is stored here). */
import type { Ctx } from '../../kernel/context.ts';
import { addWeeks, formatDate, formatIsoWeek, weekPeriod, type IsoWeek } from '../domain/calendar.ts';
import { localDate } from '../../kernel/time.ts';
import { OVERVIEW_SCHEMA_VERSION, TREND_WEEKS } from '../domain/definitions.ts';
import { ageDays, duration, share, trendPointOf, type TrendPoint, type WeeklyOverview } from '../domain/overview.ts';
import { overviewsOf } from '../repositories/overview-repository.ts';
import { oldestOpen, periodFigures, type PeriodFigures } from './figures.ts';
import { categoryNames, unitNames } from './lookups.ts';
import { verdictsBetween } from '../repositories/verdict-repository.ts';
import { citizenVerdicts } from '../domain/verdicts.ts';

export async function computeWeeklyOverview(ctx: Ctx, week: IsoWeek): Promise<WeeklyOverview> {
  const tz = ctx.config.timezone;
  const { start, end } = weekPeriod(week, tz);
  const [figures, oldest, categories, units, verdicts] = await Promise.all([
    periodFigures(ctx.db, { start, end, unitIds: null, at: end }, { detail: 'received' }),
    oldestOpen(ctx.db, { at: end, unitIds: null }),
    categoryNames(ctx.db),
    unitNames(ctx.db),
    verdictsBetween(ctx.db, { from: start, to: end, unitIds: null }),
  ]);
  const t = figures.total;
  const byCount = <T extends { count: number }>(a: T, b: T) => b.count - a.count;
  const overview: WeeklyOverview = {
    schema: 'glas.weekly-overview',
    version: OVERVIEW_SCHEMA_VERSION,
    week: formatIsoWeek(week),
    periodStart: start.toISOString(),
    periodEnd: end.toISOString(),
    timezone: tz,
    municipality: ctx.config.municipalityName,
    licence: ctx.config.openDataLicence,
    generatedAt: ctx.now().toISOString(),
    received: {
      total: t.received,
      byCategory: [...figures.byCategory]
        .filter(([, f]) => f.received > 0)
        .map(([id, f]) => ({ code: categories.get(id)?.code ?? String(id), name: categories.get(id)?.name ?? {}, count: f.received }))
        .sort((a, b) => byCount(a, b) || a.code.localeCompare(b.code)),
      byUnit: [...figures.byUnit]
        .filter(([, f]) => f.received > 0)
        .map(([id, f]) => ({ code: id ? (units.get(id)?.code ?? null) : null, name: id ? (units.get(id)?.name ?? null) : null, count: f.received }))
        .sort((a, b) => byCount(a, b) || String(a.code).localeCompare(String(b.code))),
      byChannel: [...figures.byChannel]
        .filter(([, f]) => f.received > 0)
        .map(([channel, f]) => ({ channel, count: f.received }))
        .sort((a, b) => byCount(a, b) || a.channel.localeCompare(b.channel)),
    },
    answeredWithin48h: share(t.answered48, t.due48),
    firstResponseHours: duration(t.firstResponse),
    resolutionHours: duration(t.resolution),
    backlog: {
      open: t.openAtEnd,
      oldest: oldest.map((o) => ({
        reportNo: o.reportNo,
        category: categories.get(o.categoryId)?.code ?? String(o.categoryId),
        categoryName: categories.get(o.categoryId)?.name ?? {},
        unit: o.unitId ? (units.get(o.unitId)?.code ?? null) : null,
        unitName: o.unitId ? (units.get(o.unitId)?.name ?? null) : null,
        registeredOn: formatDate(localDate(o.registeredAt, tz)),
        ageDays: ageDays(o.registeredAt, end),
      })),
    },
    rerouted: share(t.rerouted, t.received),
    citizenVerdicts: citizenVerdicts(verdicts, units, categories),
    trend: [],
  };
  overview.trend = await trend(ctx, week, overview);
  return overview;
}

/** The published week and the weeks before it: archived figures where the week was published, computed where it was not. */
async function trend(ctx: Ctx, week: IsoWeek, current: WeeklyOverview): Promise<TrendPoint[]> {
  const weeks = Array.from({ length: TREND_WEEKS - 1 }, (_, i) => addWeeks(week, i - (TREND_WEEKS - 1)));
  const archived = new Map((await overviewsOf(ctx.db, weeks.map(formatIsoWeek))).map((o) => [o.week, trendPointOf(o)]));
  const points: TrendPoint[] = [];
  for (const w of weeks) {
    const key = formatIsoWeek(w);
    const hit = archived.get(key);
    if (hit) {
      points.push(hit);
      continue;
    }
    const { start, end } = weekPeriod(w, ctx.config.timezone);
    const f = await periodFigures(ctx.db, { start, end, unitIds: null, at: end }, { detail: 'none' });
    points.push(headline(key, f.total));
  }
  points.push(trendPointOf(current));
  return points;
}

function headline(week: string, f: PeriodFigures): TrendPoint {
  return {
    week,
    received: f.received,
    answeredWithin48hShare: share(f.answered48, f.due48).share,
    firstResponseMedianHours: duration(f.firstResponse).median,
    resolutionMedianHours: duration(f.resolution).median,
    openBacklog: f.openAtEnd,
  };
}
