/** Small pieces shared by the screens. */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { CaseStatus } from '../../../src/kernel/types.ts';
import { useI18n } from '../i18n.ts';

export function useTitle(title: string) {
  useEffect(() => {
    document.title = `${title} · Glas`;
  }, [title]);
}

/** The page heading; focused after navigation so screen readers announce the new screen. */
export function PageTitle({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (document.activeElement === document.body || document.activeElement?.closest('nav, .page-nav')) ref.current?.focus();
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}

/** The time now, refreshed every `everyMs`: for clocks that count down while a page stays open. */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}

export function StatusBadge({ status }: { status: CaseStatus }) {
  const { t } = useI18n();
  return <span className={`status status-${status}`}>{t(`status.${status}`)}</span>;
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="loading" role="status">
      {t('ui.loading')}
    </p>
  );
}

export function isOverdue(dueAt: string | null, open: boolean): boolean {
  return open && !!dueAt && new Date(dueAt).getTime() < Date.now();
}

export function Deadline({ dueAt, open }: { dueAt: string | null; open: boolean }) {
  const { t, date } = useI18n();
  if (!dueAt) return <>—</>;
  return isOverdue(dueAt, open) ? (
    <span className="overdue">
      {date(dueAt)} <strong>({t('ui.overdue')})</strong>
    </span>
  ) : (
    <>{date(dueAt)}</>
  );
}

// A message for the next screen, such as "Saved." after a change that took the case out of the user's sight.
let pendingFlash: string | null = null;
export function flash(message: string) {
  pendingFlash = message;
}

export function Flash() {
  const [message] = useState(() => {
    const m = pendingFlash;
    pendingFlash = null;
    return m;
  });
  return (
    <p className={message ? 'flash' : 'visually-hidden'} role="status">
      {message ?? ''}
    </p>
  );
}
