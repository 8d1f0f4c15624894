/** The case core as a Glas module: the case API, the public tracking page's API and the party look-up. */
import type { GlasModule } from '../kernel/module.ts';
import { caseRoutes } from './http/routes.ts';
import { publicTrackingRoutes } from './http/public-tracking.ts';
import { webSupportRoutes } from './http/parties.ts';

export const casesModule: GlasModule = {
  name: 'cases',
  routes: [caseRoutes, publicTrackingRoutes, webSupportRoutes],
};
