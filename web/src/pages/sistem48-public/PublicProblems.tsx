/**
 * The public Sistem 48 screens, for citizens with no account: the map and list of problems
 * (/problems), the report form (/problems/new) and one report's public page (/problems/:id).
 */
import { useI18n } from '../../i18n.ts';
import { useLocation } from '../../router.tsx';
import { PageTitle, useTitle } from '../../components/common.tsx';
import { ReportForm } from './ReportForm.tsx';
import { ProblemsList } from './ProblemsList.tsx';
import { ReportPage } from './ReportPage.tsx';
import { FixAnswer } from './FixAnswer.tsx';
import { StopFollowing } from './FollowReport.tsx';
import { AlertLinkPage } from './Alerts.tsx';
import './public.css';

export function PublicProblems() {
  const { path } = useLocation();
  const one = /^\/problems\/(\d{1,18})$/.exec(path);
  const fix = /^\/problems\/fix\/([A-Za-z0-9_-]{10,64})$/.exec(path);
  let screen;
  if (path === '/problems' || path === '/problems/') screen = <ProblemsList />;
  else if (path === '/problems/new') screen = <ReportForm />;
  else if (path === '/problems/stop') screen = <StopFollowing />;
  else if (path === '/problems/alerts') screen = <AlertLinkPage />;
  else if (one) screen = <ReportPage key={one[1]} no={one[1]!} />;
  else if (fix) screen = <FixAnswer key={fix[1]} token={fix[1]!} />;
  else screen = <PublicNotFound />;
  // The way between these screens and the citizen's others is the header's citizen menu (Home.tsx).
  return <div className="s48-public">{screen}</div>;
}

function PublicNotFound() {
  const { t } = useI18n();
  useTitle(t('error.not_found'));
  return <PageTitle>{t('error.not_found')}</PageTitle>;
}
