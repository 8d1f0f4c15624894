/** The external-registry integration as a Glas module: its feed of case events. */
import type { GlasModule } from '../../kernel/module.ts';
import { registryRoutes } from './http/routes.ts';

export const registryModule: GlasModule = {
  name: 'registry',
  routes: [registryRoutes],
};
