/**
 * The door to the public Sistem 48 screens, the only part of them in the first bundle: the screens
 * (and Leaflet behind them) load on first use, so staff and portal users never download them.
 */
import { lazy } from 'react';
import { LoadBoundary } from '../../components/LoadBoundary.tsx';
import { useI18n } from '../../i18n.ts';
import { Link } from '../../router.tsx';

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

/** Where anonymous visitors land (sign-in, tracking): the way to report a problem and to see the others. */
export function PublicProblemLinks() {
  const { t } = useI18n();
  return (
    <nav aria-label={t('s48p.public_menu')} className="public-links">
      <ul>
        <li>
          <Link to="/problems/new">{t('s48p.report_problem')}</Link>
        </li>
        <li>
          <Link to="/problems">{t('s48p.problems_title')}</Link>
        </li>
      </ul>
    </nav>
  );
}
