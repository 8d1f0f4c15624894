/**
 * The composition root's list of the parts of Glas, each a module (src/kernel/module.ts) that
 * contributes routes, outbox writers (run in the transaction of every case event), background tasks,
 * and start/stop hooks for its long-lived connections. Adding a feature is one line in MODULES.
 */
import type { TaskList } from 'graphile-worker';
// Every room's messages join the catalogue before any module runs.
import './catalogue.ts';
import type { Ctx, HistoryWriter, OutboxWriter } from './kernel/context.ts';
import type { AddressErrorRenderer, GlasModule, RouteModule, WorkerLoop } from './kernel/module.ts';
import { healthRoutes } from './http/routes/health.ts';
import { casesModule } from './cases/module.ts';
import { organisationModule } from './organisation/module.ts';
import { sistem48Module } from './sistem48/module.ts';
import { reportsModule } from './reports/module.ts';
import { notificationsModule } from './notifications/module.ts';
import { citizensModule } from './citizens/module.ts';
import { registryModule } from './integrations/registry/module.ts';
import { translationsModule } from './translations/module.ts';

/** The process itself: its health check. */
const platform: GlasModule = { name: 'platform', routes: [healthRoutes] };

export const MODULES: GlasModule[] = [
  platform,
  organisationModule,
  casesModule,
  sistem48Module,
  reportsModule,
  notificationsModule,
  registryModule,
  citizensModule,
  translationsModule,
];

export const outboxWriters = (): OutboxWriter[] => MODULES.flatMap((m) => m.outbox ?? []);

export const historyWriters = (): HistoryWriter[] => MODULES.flatMap((m) => m.history ?? []);

/** Every module's routes, in MODULES order: what src/http/app.ts registers. */
export const routeModules = (): RouteModule[] => MODULES.flatMap((m) => m.routes ?? []);

/** Every module's answers to addresses refused before routing (Open311 answers in its own formats). */
export const addressErrorRenderers = (): AddressErrorRenderer[] => MODULES.flatMap((m) => m.addressErrors ?? []);

export function taskList(ctx: Ctx): TaskList {
  return Object.assign({}, ...MODULES.map((m) => m.tasks?.(ctx) ?? {}));
}

/** Every module's loops run beside the job worker (GlasModule.workerLoops). */
export const workerLoops = (ctx: Ctx): WorkerLoop[] => MODULES.flatMap((m) => m.workerLoops?.(ctx) ?? []);

/** Every module's recurring jobs, as one graphile-worker crontab. */
export const crontab = (): string => MODULES.flatMap((m) => m.cron ?? []).join('\n');

/** What src/http/app.ts's buildApp needs from the modules. */
export const httpParts = (): { routes: RouteModule[]; addressErrors: AddressErrorRenderer[] } => ({
  routes: routeModules(),
  addressErrors: addressErrorRenderers(),
});
