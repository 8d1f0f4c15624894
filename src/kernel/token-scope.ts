import type { Actor, TokenScope } from './types.ts';

/** Whether an API token's scopes allow an action (a session, or a token without scopes, allows all). */
export function tokenAllows(actor: Actor, scope: TokenScope): boolean {
  return actor.kind !== 'staff' || actor.scopes === null || actor.scopes.includes(scope);
}
