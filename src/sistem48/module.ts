/** Sistem 48 as a Glas module: its routes, the Open311 API, and the SLA threshold task. */
import type { GlasModule } from '../kernel/module.ts';
import { sistem48Routes } from './http/routes.ts';
import { open311Routes } from './http/open311.ts';
import { publicMapRoutes } from './http/public-map-routes.ts';
import { routerRoutes } from './http/router-routes.ts';
import { TRAIN_ROUTER_TASK, trainRouter } from './commands/train-router.ts';
import { SYSTEM_ACTOR } from '../kernel/types.ts';
import { AppError } from '../kernel/lib/errors.ts';
import { moduleLog } from '../kernel/log.ts';
import { reportImportRoutes } from './http/import-routes.ts';
import { cannedResponseRoutes } from './http/canned-response-routes.ts';
import { answerTimeRoutes } from './http/answer-time-routes.ts';
import { checkSlaThreshold, type SlaJob } from './commands/check-sla-threshold.ts';
import { SLA_TASK } from './commands/file-report.ts';
import { CONTENT_TYPE, formatOfUrl, renderErrors } from './open311/format.ts';
import { sistem48Outbox, tellFollowers } from './outbox.ts';
import { ALERT_DIGEST_TASK, sendAlertDigests } from './commands/report-alerts.ts';
import { FIX_TASK } from './commands/schedule-fix-questions.ts';
import { askFixQuestion } from './commands/ask-fix-question.ts';

export const sistem48Module: GlasModule = {
  name: 'sistem48',
  routes: [sistem48Routes, open311Routes, publicMapRoutes, routerRoutes, reportImportRoutes, cannedResponseRoutes, answerTimeRoutes],
  // The report router learns each night from the day's confirmed reports (a refusal for too few is logged by the worker).
  // Alerts: hourly; each alert's digest goes once a day, after 07:00 on the municipality's clock.
  cron: [`23 2 * * * ${TRAIN_ROUTER_TASK}`, `41 * * * * ${ALERT_DIGEST_TASK}`],
  // An Open311 address the router refuses is answered in Open311's error list, in the format it asked for.
  addressErrors: [
    (url, status, detail, reply) => {
      if (!url.startsWith('/open311')) return undefined;
      const format = formatOfUrl(url);
      return reply
        .status(status)
        .type(CONTENT_TYPE[format])
        .send(renderErrors(format, status, detail));
    },
  ],
  outbox: [sistem48Outbox, tellFollowers],
  tasks: (ctx) => ({
    [SLA_TASK]: async (payload) => {
      await checkSlaThreshold(ctx, payload as SlaJob);
    },
    [TRAIN_ROUTER_TASK]: async () => {
      try {
        const r = await trainRouter(ctx, SYSTEM_ACTOR);
        moduleLog(ctx.config.logLevel, 'sistem48').info({ version: r.version, trainingSize: r.trainingSize, top1: r.evaluation.top1 }, 'report router trained');
      } catch (e) {
        // Too few confirmed reports yet is not a failure to retry: tomorrow's run tries again.
        if (e instanceof AppError && e.code === 'validation') {
          moduleLog(ctx.config.logLevel, 'sistem48').info({ reason: e.params.detail }, 'report router not trained');
          return;
        }
        throw e;
      }
    },
    [FIX_TASK]: async (payload) => {
      await askFixQuestion(ctx, payload as { questionId: string });
    },
    [ALERT_DIGEST_TASK]: async () => {
      await sendAlertDigests(ctx);
    },
  }),
};
