/** Sistem 48 as a Glas module: its routes, the Open311 API, and the SLA threshold task. */
import type { GlasModule } from '../kernel/module.ts';
import { sistem48Routes } from './http/routes.ts';
import { open311Routes } from './http/open311.ts';
import { publicMapRoutes } from './http/public-map-routes.ts';
import { checkSlaThreshold, type SlaJob } from './commands/check-sla-threshold.ts';
import { SLA_TASK } from './commands/file-report.ts';
import { CONTENT_TYPE, formatOfUrl, renderErrors } from './open311/format.ts';
import { tellFollowers } from './outbox.ts';
import { ALERT_DIGEST_TASK, sendAlertDigests } from './commands/report-alerts.ts';

export const sistem48Module: GlasModule = {
  name: 'sistem48',
  routes: [sistem48Routes, open311Routes, publicMapRoutes],
  outbox: [tellFollowers],
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
  tasks: (ctx) => ({
    [SLA_TASK]: async (payload) => {
      await checkSlaThreshold(ctx, payload as SlaJob);
    },
    [ALERT_DIGEST_TASK]: async () => {
      await sendAlertDigests(ctx);
    },
  }),
  // Hourly; each alert's digest goes once a day, after 07:00 on the municipality's clock.
  cron: [`41 * * * * ${ALERT_DIGEST_TASK}`],
};
