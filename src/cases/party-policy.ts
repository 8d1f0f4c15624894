/** Who may look up parties (citizens and legal entities) and their contact data. */
import type { Actor } from '../kernel/types.ts';
import { canActOnCase } from './policy.ts';

/** Finding a party serves registering a case for them, so it takes the right to register one. */
export function canFindParties(actor: Actor): boolean {
  return actor.kind !== 'citizen' && canActOnCase(actor, 'register');
}
