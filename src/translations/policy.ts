/** Who may change the installation's wording: administrators (the same as the organisation's settings). */
import type { Actor } from '../kernel/types.ts';
import { tokenAllows } from '../kernel/token-scope.ts';

export function canManageWording(actor: Actor): boolean {
  return actor.kind === 'system' || (actor.kind === 'staff' && actor.role === 'admin' && tokenAllows(actor, 'admin'));
}
