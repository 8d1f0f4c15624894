/**
 * The door to the public Sistem 48 screens, the only part of them in the first bundle: the screens
 * (and Leaflet behind them) load on first use, so staff and portal users never download them.
 */
import { lazy } from 'react';
import { LoadBoundary } from '../../components/LoadBoundary.tsx';

const PublicProblemScreens = lazy(() => import('./PublicProblems.tsx').then((m) => ({ default: m.PublicProblems })));

/** Whether an address belongs to the public problem screens. */
export const isPublicProblemsPath = (path: string) => path === '/problems' || path.startsWith('/problems/');

export function PublicProblems() {
  return (
    <LoadBoundary>
      <PublicProblemScreens />
    </LoadBoundary>
  );
}
