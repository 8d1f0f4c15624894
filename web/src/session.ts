/** The signed-in user, shared by every screen. */
import { createContext, useContext } from 'react';
import type { StaffMe } from './api.ts';

export interface Session {
  me: StaffMe;
  signOut(): void;
}
export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside a signed-in screen');
  return s;
}
