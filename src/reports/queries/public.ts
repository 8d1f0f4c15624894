/** The public read side: archived overviews, the archive list, the definitions and the open-data streams. */
import type { Ctx } from '../../kernel/context.ts';
import type { Locale } from '../../i18n/index.ts';
import { notFound, invalidAs } from '../../kernel/lib/errors.ts';
import { addWeeks, formatIsoWeek, parseIsoWeek, parsePeriod, previousWeek, type Period } from '../domain/calendar.ts';
import { definitionsIn } from '../domain/definitions.ts';
import type { WeeklyOverview } from '../domain/overview.ts';
import { allOverviews, archivedWeeks, findOverview, latestOverview } from '../repositories/overview-repository.ts';
import { openReportRecords } from './open-data.ts';

/** A published overview by its week (2026-W47) or the latest one; a week not (yet) published is not found. */
export async function getOverview(ctx: Ctx, week: string): Promise<WeeklyOverview> {
  if (week === 'latest') {
    const o = await latestOverview(ctx.db);
    if (!o) throw notFound();
    return o;
  }
  const w = parseIsoWeek(week);
  if (!w) throw invalidAs('detail.week_format', { example: '2026-W47' }, 'week');
  const o = await findOverview(ctx.db, formatIsoWeek(w));
  if (!o) throw notFound();
  return o;
}

/** Whether the neighbouring weeks are published, for the page's previous/next links. */
export async function neighbours(ctx: Ctx, week: string): Promise<{ previous: string | null; next: string | null }> {
  const w = parseIsoWeek(week)!;
  const [p, n] = [formatIsoWeek(addWeeks(w, -1)), formatIsoWeek(addWeeks(w, 1))];
  const [po, no] = await Promise.all([findOverview(ctx.db, p), findOverview(ctx.db, n)]);
  return { previous: po ? p : null, next: no ? n : null };
}

export async function listArchive(ctx: Ctx, limit = 520) {
  return (await archivedWeeks(ctx.db, limit)).map((r) => ({ week: r.week, start: r.period_start, end: r.period_end, generatedAt: r.generated_at }));
}

export function publishedDefinitions(ctx: Ctx, locale: Locale) {
  return definitionsIn(locale, { hourlyRate: ctx.config.labourHourlyRate, currency: ctx.config.currency });
}

export const allPublishedOverviews = (ctx: Ctx) => allOverviews(ctx.db);

const MAX_DAYS = 366;

/** The period of an open-data request: a week, a named period, from/to dates, or by default the last finished week. */
export function openDataPeriod(ctx: Ctx, q: { week?: string; period?: string; from?: string; to?: string }): Period & { label: string } {
  const tz = ctx.config.timezone;
  const name = q.week ?? q.period ?? (q.from || q.to ? `${q.from ?? ''}..${q.to ?? ''}` : formatIsoWeek(previousWeek(ctx.now(), tz)));
  const p = parsePeriod(name, tz);
  if (!p)
    throw invalidAs(
      'detail.period_format_public',
      { week: 'week=2026-W47', quarter: 'period=2026-Q3', year: '2026', month: '2026-07', range: 'from=YYYY-MM-DD&to=YYYY-MM-DD' },
      'period',
    );
  if (p.end.getTime() - p.start.getTime() > MAX_DAYS * 86_400_000 + 3_600_000) throw invalidAs('detail.range_max_days', { limit: MAX_DAYS }, 'period');
  return p;
}

export function openReports(ctx: Ctx, p: Period) {
  return openReportRecords(ctx.db, { start: p.start, end: p.end, cellM: ctx.config.openDataGridM, licence: ctx.config.openDataLicence, now: ctx.now() });
}
