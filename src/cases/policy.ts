/**
 * Who may see and change which cases. Visibility is a scope the repository turns into SQL, so
 * lists, search and single lookups all apply the same rule, and a case outside the scope is
 * indistinguishable from one that does not exist.
 */
import type { Actor, CaseStatus } from '../kernel/types.ts';
import { tokenAllows } from '../kernel/token-scope.ts';

export type CaseScope =
  | { kind: 'all' }
  | { kind: 'none' }
  | {
      kind: 'some';
      unitIds: string[];
      unitPathPrefix: string | null;
      clerkId: string | null;
      registryUnitId: string | null;
      registeredBy: string | null;
      partyId: string | null;
      partyPhone: string | null;
    };

const none: CaseScope = { kind: 'none' };
/** A scope of some cases: the clauses given, the rest empty. */
export const scopeOfSome = (s: Partial<Extract<CaseScope, { kind: 'some' }>>): CaseScope => ({
  kind: 'some',
  unitIds: [],
  unitPathPrefix: null,
  clerkId: null,
  registryUnitId: null,
  registeredBy: null,
  partyId: null,
  partyPhone: null,
  ...s,
});

export function caseReadScope(actor: Actor): CaseScope {
  if (actor.kind === 'system') return { kind: 'all' };
  // The Tivat promise: the account is found by the mobile number left at the counter, so once the
  // citizen has proved that number they see every case whose party has it, not only the first one.
  if (actor.kind === 'citizen')
    return actor.partyId || actor.verifiedPhone ? scopeOfSome({ partyId: actor.partyId, partyPhone: actor.verifiedPhone ?? null }) : none;
  if (!tokenAllows(actor, 'cases:read')) return none;
  switch (actor.role) {
    case 'leadership':
      return { kind: 'all' };
    case 'admin':
      return none; // administrators configure; they do not read citizens' files
    case 'registry_clerk':
      return actor.unitId ? scopeOfSome({ registryUnitId: actor.unitId, unitIds: [actor.unitId] }) : none;
    case 'operator':
      return scopeOfSome({ registeredBy: actor.userId, registryUnitId: actor.unitId });
    case 'case_officer':
      return scopeOfSome({ unitIds: actor.unitId ? [actor.unitId] : [], clerkId: actor.userId });
    case 'unit_head':
      return scopeOfSome({ unitPathPrefix: actor.unitPath, clerkId: actor.userId });
  }
}

export type CaseAction = 'register' | 'transition' | 'assign' | 'note' | 'document' | 'classify';

// Moves that belong to the registry office rather than to the deciding body.
const REGISTRY_MOVES: readonly CaseStatus[] = ['delivered', 'archived', 'dismissed'];

/** Whether the actor's role allows an action on a case they can already see. */
export function canActOnCase(actor: Actor, action: CaseAction, target?: CaseStatus): boolean {
  if (actor.kind === 'system') return true;
  if (actor.kind === 'citizen') return false;
  if (!tokenAllows(actor, 'cases:write')) return false;
  switch (actor.role) {
    case 'leadership':
    case 'admin':
      return false;
    case 'operator':
      return action === 'register' || action === 'note' || action === 'document';
    case 'registry_clerk':
      if (action === 'transition') return target !== undefined && (REGISTRY_MOVES.includes(target) || target === 'returned_to_registry');
      return true;
    case 'case_officer':
    case 'unit_head':
      if (action === 'register') return true;
      if (action === 'transition') return target !== 'delivered' && target !== 'archived';
      return true;
  }
}
