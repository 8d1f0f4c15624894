/**
 * Transparency and accountability: the weekly public overview (published by a weekly job and
 * archived), open data, unit reports for public meetings, the leadership dashboard, and the budget
 * lines the reports set costs against.
 */
import type { GlasModule } from '../kernel/module.ts';
import { recordImportedReportFacts, recordReportFacts } from './outbox.ts';
import { publicReportRoutes } from './http/public-routes.ts';
import { staffReportRoutes } from './http/staff-routes.ts';
import { ensureWeeklySchedule, reportTasks, ROLLUP_TASK } from './tasks.ts';

export const reportsModule: GlasModule = {
  name: 'reports',
  routes: [publicReportRoutes, staffReportRoutes],
  outbox: [recordReportFacts],
  history: [recordImportedReportFacts],
  tasks: reportTasks,
  cron: [`*/10 * * * * ${ROLLUP_TASK}`],
  start: ensureWeeklySchedule,
};
