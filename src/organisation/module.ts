/** The organisation as a Glas module: units, staff, case types, API tokens, staff sessions and their hourly clean-up. */
import type { GlasModule } from '../kernel/module.ts';
import { sessionRoutes } from './http/session.ts';
import { organisationRoutes } from './http/routes.ts';
import { SWEEP_EXPIRED_TASK, sweepExpiredSignInData } from './commands/sweep-expired.ts';
import { resealTotpSecrets, sealPlainTotpSecrets } from './commands/seal-totp-secrets.ts';
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
    const log = moduleLog(ctx.config.logLevel, 'organisation');
    const sealed = await sealPlainTotpSecrets(ctx);
    if (sealed) log.info({ sealed }, 'encrypted the second-factor secrets stored as plaintext');
    // While the server's key changes, secrets still under the previous one are encrypted under the new one.
    const { resealed, unreadable } = await resealTotpSecrets(ctx);
    if (resealed) log.info({ resealed }, 'encrypted the second-factor secrets kept under GLAS_SECRET_KEY_PREVIOUS again under GLAS_SECRET_KEY');
    if (unreadable)
      log.warn(
        { unreadable },
        'second-factor secrets open under neither GLAS_SECRET_KEY nor GLAS_SECRET_KEY_PREVIOUS: those users cannot finish signing in until their second factor is reset (npm run glas -- reset-second-factor <username>)',
      );
    else if (ctx.config.previousSecretKey)
      log.info(
        'every second-factor secret opens under GLAS_SECRET_KEY: GLAS_SECRET_KEY_PREVIOUS can be removed once every process has started with the new key',
      );
  },
};
