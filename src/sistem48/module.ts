/** Sistem 48 as a Glas module: its routes, the Open311 API, and the SLA threshold task. */
import type { GlasModule } from '../modules.ts';
import { sistem48Routes } from './routes.ts';
import { open311Routes } from '../open311/routes.ts';
import { publicMapRoutes } from './http/public-map-routes.ts';
import { checkSlaThreshold, type SlaJob } from './commands/check-sla-threshold.ts';
import { SLA_TASK } from './commands/file-report.ts';

export const sistem48Module: GlasModule = {
  name: 'sistem48',
  routes: [sistem48Routes, open311Routes, publicMapRoutes],
  tasks: (ctx) => ({
    [SLA_TASK]: async (payload) => { await checkSlaThreshold(ctx, payload as SlaJob); },
  }),
};
