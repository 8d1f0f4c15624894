/**
 * What the shell imports of the dashboard screens (issue 15): small wrappers that load them on first
 * use, so Chart.js and the dashboard stay out of the first screen's JavaScript, and who sees them.
 */
import { lazy } from 'react';
import type { StaffMe } from '../../api.ts';
import { LoadBoundary } from '../../components/LoadBoundary.tsx';

const Dashboard = lazy(() => import('./Dashboard.tsx').then((m) => ({ default: m.Dashboard })));
const DrillList = lazy(() => import('./Dashboard.tsx').then((m) => ({ default: m.DrillList })));
const Home = lazy(() => import('./UnitHome.tsx').then((m) => ({ default: m.UnitHome })));

/** Leadership reads the whole municipality; a unit head their own units. */
export const maySeeDashboard = (me: StaffMe) => me.role === 'leadership' || me.role === 'unit_head';
export const hasUnitHome = (me: StaffMe) => me.role === 'unit_head' && me.unitId !== null;

/** Where a user lands after signing in: leadership on the dashboard, a unit head on their home. */
export function homePath(me: StaffMe): string | null {
  if (me.role === 'leadership') return '/dashboard';
  if (hasUnitHome(me)) return '/home';
  return null;
}

export function DashboardScreen({ path }: { path: string }) {
  return <LoadBoundary>{path === '/dashboard/reports' ? <DrillList /> : <Dashboard key={path} meeting={path === '/dashboard/meeting'} />}</LoadBoundary>;
}

export function UnitHomeScreen() {
  return (
    <LoadBoundary>
      <Home />
    </LoadBoundary>
  );
}
