/**
 * Around a screen loaded on first use: while it loads, "Loading…"; if its file cannot be fetched
 * (network gone, or a new version deployed while the page was open), a message and a reload button
 * instead of a blank screen.
 */
import { Component, Suspense, type ReactNode } from 'react';
import { I18nContext } from '../i18n.ts';
import { Loading } from './common.tsx';

class Boundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  static override contextType = I18nContext;
  declare context: React.ContextType<typeof I18nContext>;
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    if (!this.state.failed) return this.props.children;
    const { t } = this.context;
    return (
      <div className="form-error" role="alert">
        <p>{t('ui.network_error')}</p>
        <button type="button" onClick={() => window.location.reload()}>
          {t('ws.reload')}
        </button>
      </div>
    );
  }
}

export function LoadBoundary({ children }: { children: ReactNode }) {
  return (
    <Boundary>
      <Suspense fallback={<Loading />}>{children}</Suspense>
    </Boundary>
  );
}
