/**
 * What the shell and the case page import of the Sistem 48 staff screens: small wrappers that load
 * the screens on first use (they stay out of the first screen's JavaScript), and who sees the console.
 */
import { Component, lazy, Suspense, type ReactNode } from 'react';
import type { Actor } from '../../../../src/kernel/types.ts';
import { canFileReport } from '../../../../src/sistem48/policy.ts';
import { LoadBoundary } from '../../components/LoadBoundary.tsx';

const Console = lazy(() => import('./OperatorConsole.tsx').then((m) => ({ default: m.OperatorConsole })));
const Panel = lazy(() => import('./ReportPanel.tsx').then((m) => ({ default: m.ReportPanel })));

/** The operator console is for everyone who may file a report for a caller. */
export const mayFileReports = (me: Actor) => canFileReport(me, 'staff');

export function OperatorConsoleScreen() {
  return (
    <LoadBoundary>
      <Console />
    </LoadBoundary>
  );
}

// Most cases are not problem reports: while the panel loads, and if its file cannot be fetched, the
// case page shows no trace of it (no "Loading…" on every case), and the rest of the page keeps working.
class Quiet extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? null : this.props.children;
  }
}

/** Renders nothing unless the case is a problem report. */
export function Sistem48Panel(props: { caseId: string; refreshKey: number; onChanged: () => Promise<void> }) {
  return (
    <Quiet>
      <Suspense fallback={null}>
        <Panel {...props} />
      </Suspense>
    </Quiet>
  );
}
