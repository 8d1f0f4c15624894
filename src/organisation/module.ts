/** The organisation as a Glas module: units, staff, case types, API tokens, staff sessions and their hourly clean-up. */
import type { GlasModule } from '../kernel/module.ts';
import { sessionRoutes } from './http/session.ts';
import { organisationRoutes } from './http/routes.ts';
import { SWEEP_EXPIRED_TASK, sweepExpiredSignInData } from './commands/sweep-expired.ts';
import { sealPlainTotpSecrets } from './commands/seal-totp-secrets.ts';
import { moduleLog } from '../kernel/log.ts';

export const organisationModule: GlasModule = {
  name: 'organisation',
  routes: [sessionRoutes, organisationRoutes],
  tasks: (ctx) => ({
    [SWEEP_EXPIRED_TASK]: async () => {
      await sweepExpiredSignInData(ctx);
    },
  }),
  cron: [`17 * * * * ${SWEEP_EXPIRED_TASK}`],
  async start(ctx) {
    // TOTP secrets kept by a Glas from before they were encrypted are encrypted now, once.
    const sealed = await sealPlainTotpSecrets(ctx);
    if (sealed) moduleLog(ctx.config.logLevel, 'organisation').info({ sealed }, 'encrypted the second-factor secrets stored as plaintext');
  },
};
