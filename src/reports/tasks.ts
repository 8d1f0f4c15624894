/**
 * The weekly overview publishes itself: a job per week, keyed by the week (`reports:weekly:2026-W47`),
 * runs shortly after the week ends in the municipality's time zone, publishes that week, and
 * schedules the next one. The key makes scheduling idempotent (every process start re-adds the same
 * job), and publishing is idempotent too, so a retried or doubled job changes nothing.
 */
import type { Task, TaskList } from 'graphile-worker';
import type { Ctx } from '../kernel/context.ts';
import { SYSTEM_ACTOR } from '../kernel/types.ts';
import { enqueueJob } from '../kernel/jobs.ts';
import { addWeeks, formatIsoWeek, isoWeekOf, parseIsoWeek, previousWeek, weekPeriod, type IsoWeek } from './domain/calendar.ts';
import { publishWeeklyOverview } from './commands/publish-weekly-overview.ts';
import { findOverview } from './repositories/overview-repository.ts';
import { refreshReportRollup } from './commands/refresh-rollup.ts';

export const WEEKLY_TASK = 'reports.weekly_overview';
/** The dashboard's roll-up of finished days and months (commands/refresh-rollup.ts), every ten minutes from the crontab. */
export const ROLLUP_TASK = 'reports:rollup';
/** Minutes after the end of a week at which its overview is published (late events of the last minutes are in). */
export const PUBLISH_DELAY_MIN = 15;

export const weeklyJobKey = (week: string) => `reports:weekly:${week}`;

export interface WeeklyPayload {
  week?: string;
}

function runAt(ctx: Ctx, week: IsoWeek): Date {
  return new Date(weekPeriod(week, ctx.config.timezone).end.getTime() + PUBLISH_DELAY_MIN * 60_000);
}

async function schedule(ctx: Ctx, week: IsoWeek, at?: Date): Promise<void> {
  const key = formatIsoWeek(week);
  await enqueueJob(ctx.db, WEEKLY_TASK, { week: key } satisfies WeeklyPayload, { runAt: at ?? runAt(ctx, week), jobKey: weeklyJobKey(key), maxAttempts: 25 });
}

/** Publishes the week named in the payload (or the last finished week) and schedules the following one. */
export async function runWeeklyOverview(ctx: Ctx, payload: WeeklyPayload): Promise<{ week: string; created: boolean } | { week: string; rescheduled: true }> {
  const now = ctx.now();
  const week = (payload.week ? parseIsoWeek(payload.week) : null) ?? previousWeek(now, ctx.config.timezone);
  if (weekPeriod(week, ctx.config.timezone).end > now) {
    // Started early (clock skew, a hand-made job): come back when the week is over.
    await schedule(ctx, week);
    return { week: formatIsoWeek(week), rescheduled: true };
  }
  const { created } = await publishWeeklyOverview(ctx, SYSTEM_ACTOR, week);
  const next = addWeeks(week, 1);
  // After a long outage the next week may be over too: publish it at once rather than a week late.
  await schedule(ctx, next, weekPeriod(next, ctx.config.timezone).end <= now ? now : undefined);
  return { week: formatIsoWeek(week), created };
}

/** At start: publish last week now if it is missing, and make sure this week's job is scheduled. */
export async function ensureWeeklySchedule(ctx: Ctx): Promise<void> {
  const now = ctx.now();
  const last = previousWeek(now, ctx.config.timezone);
  if (!(await findOverview(ctx.db, formatIsoWeek(last)))) await schedule(ctx, last, now);
  await schedule(ctx, isoWeekOf(now, ctx.config.timezone));
}

export function reportTasks(ctx: Ctx): TaskList {
  const weekly: Task = async (payload) => {
    await runWeeklyOverview(ctx, (payload ?? {}) as WeeklyPayload);
  };
  const rollup: Task = async () => {
    await refreshReportRollup(ctx);
  };
  return { [WEEKLY_TASK]: weekly, [ROLLUP_TASK]: rollup };
}
