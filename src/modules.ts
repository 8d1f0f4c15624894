/**
 * The parts of Glas, each a module that contributes routes, outbox writers (run in the transaction
 * of every case event), background tasks, and start/stop hooks for its long-lived connections.
 * Adding a feature is one line in MODULES.
 */
import type { TaskList } from 'graphile-worker';
import type { Ctx, OutboxWriter } from './commands/context.ts';
import type { RouteApp } from './http/schemas.ts';
import { healthRoutes } from './http/routes/health.ts';
import { sessionRoutes } from './http/routes/session.ts';
import { caseRoutes } from './http/routes/cases.ts';
import { organisationRoutes } from './http/routes/organisation.ts';
import { publicTrackingRoutes } from './http/routes/public-tracking.ts';
import { webSupportRoutes } from './http/routes/web-support.ts';
import { SWEEP_EXPIRED_TASK, sweepExpiredSignInData } from './commands/sweep-expired.ts';
import { sistem48Module } from './sistem48/module.ts';
import { reportsModule } from './reports/module.ts';
import { notificationsModule } from './notifications/module.ts';
import { citizensModule } from './citizens/module.ts';

export type RouteModule = (app: RouteApp, ctx: Ctx) => void;

export interface GlasModule {
  name: string;
  routes?: RouteModule[];
  outbox?: OutboxWriter[];
  tasks?: (ctx: Ctx) => TaskList;
  /** Recurring jobs, as graphile-worker crontab lines naming tasks of this module; run once per due time across all processes. */
  cron?: string[];
  /** Runs after migrations, before the HTTP server listens (e.g. connect to the SMS centre). */
  start?: (ctx: Ctx) => Promise<void>;
  stop?: () => Promise<void>;
}

const core: GlasModule = {
  name: 'core',
  routes: [healthRoutes, sessionRoutes, caseRoutes, organisationRoutes, publicTrackingRoutes, webSupportRoutes],
  tasks: (ctx) => ({ [SWEEP_EXPIRED_TASK]: async () => { await sweepExpiredSignInData(ctx); } }),
  cron: [`17 * * * * ${SWEEP_EXPIRED_TASK}`],
};

export const MODULES: GlasModule[] = [core, sistem48Module, reportsModule, notificationsModule, citizensModule];

export const outboxWriters = (): OutboxWriter[] => MODULES.flatMap((m) => m.outbox ?? []);

export function taskList(ctx: Ctx): TaskList {
  return Object.assign({}, ...MODULES.map((m) => m.tasks?.(ctx) ?? {}));
}

/** Every module's recurring jobs, as one graphile-worker crontab. */
export const crontab = (): string => MODULES.flatMap((m) => m.cron ?? []).join('\n');
