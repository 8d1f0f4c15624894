/**
 * An installation's own wording of Glas's messages (issue 13): administrators change any message in any
 * language, versioned, and export or import a language file for a translator; the wording in force is
 * laid over the shipped files (locales/*.json) at start and after every change, in every process on the
 * database (each follows the change announced at its commit).
 */
import type { GlasModule } from '../kernel/module.ts';
import { wordingRoutes } from './http/routes.ts';
import { loadOverrides } from './commands/load-overrides.ts';
import { WORDING_CHANGED } from './repositories/override-repository.ts';

export const translationsModule: GlasModule = {
  name: 'translations',
  routes: [wordingRoutes],
  start: async (ctx) => {
    // Following first, then loading: a change committed between the two is not missed.
    await ctx.changes?.follow(WORDING_CHANGED, () => loadOverrides(ctx));
    await loadOverrides(ctx);
  },
};
