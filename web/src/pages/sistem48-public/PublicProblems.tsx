/**
 * The public Sistem 48 screens, for citizens with no account: the map and list of problems
 * (/problems), the report form (/problems/new) and one report's public page (/problems/:id).
 */
import { useI18n } from '../../i18n.ts';
import { Link, useLocation } from '../../router.tsx';
import { PageTitle, useTitle } from '../../components/common.tsx';
import { ReportForm } from './ReportForm.tsx';
import { ProblemsList } from './ProblemsList.tsx';
import { ReportPage } from './ReportPage.tsx';
import { FixAnswer } from './FixAnswer.tsx';
import './public.css';

export function PublicProblems() {
  const { t } = useI18n();
  const { path } = useLocation();
  const one = /^\/problems\/(\d{1,18})$/.exec(path);
  const fix = /^\/problems\/fix\/([A-Za-z0-9_-]{10,64})$/.exec(path);
  let screen;
  if (path === '/problems' || path === '/problems/') screen = <ProblemsList />;
  else if (path === '/problems/new') screen = <ReportForm />;
  else if (one) screen = <ReportPage key={one[1]} no={one[1]!} />;
  else if (fix) screen = <FixAnswer key={fix[1]} token={fix[1]!} />;
  else screen = <PublicNotFound />;
  const items = [
    ['/problems', t('s48p.problems_title')],
    ['/problems/new', t('s48p.report_problem')],
  ] as const;
  return (
    <div className="s48-public">
      <nav aria-label={t('s48p.public_menu')} className="s48-nav">
        <ul>
          {items.map(([to, label]) => (
            <li key={to}>
              <Link to={to} aria-current={path === to ? 'page' : undefined}>
                {label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {screen}
    </div>
  );
}

function PublicNotFound() {
  const { t } = useI18n();
  useTitle(t('error.not_found'));
  return <PageTitle>{t('error.not_found')}</PageTitle>;
}
