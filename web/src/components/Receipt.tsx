/** The printable receipt handed to the citizen at the counter: number, date, tracking code and a QR code for the tracking page. */
import { useContext } from 'react';
import { useI18n } from '../i18n.ts';
import { SessionContext } from '../session.ts';
import { Qr } from './Qr.tsx';

export interface ReceiptData {
  number: string;
  trackingCode: string;
  registeredAt: string;
  subject: string;
  caseTypeName: string;
  partyName: string | null;
  /** The party whose consent statement can be printed with the receipt (registered at the counter with consent). */
  consentStatementUrl?: string | null;
}

/** The tracking page on the public address (GLAS_PUBLIC_URL, from the session), not on the address the clerk's browser uses. */
export function trackingUrl(publicUrl: string, number: string, code: string): string {
  return `${publicUrl}/track?number=${encodeURIComponent(number)}&code=${encodeURIComponent(code)}`;
}

export function Receipt({ data }: { data: ReceiptData }) {
  const { t, dateTime } = useI18n();
  const publicUrl = useContext(SessionContext)?.me.publicUrl ?? window.location.origin;
  const url = trackingUrl(publicUrl, data.number, data.trackingCode);
  return (
    <section className="receipt" aria-labelledby="receipt-title">
      <h2 id="receipt-title">{t('ui.receipt_title')}</h2>
      <div className="receipt-body">
        <dl className="facts">
          <dt>{t('ui.case_number')}</dt>
          <dd className="case-number" data-testid="receipt-number">
            {data.number}
          </dd>
          <dt>{t('ui.registered_at')}</dt>
          <dd>{dateTime(data.registeredAt)}</dd>
          <dt>{t('ui.case_type')}</dt>
          <dd>{data.caseTypeName}</dd>
          <dt>{t('ui.subject')}</dt>
          <dd>{data.subject}</dd>
          {data.partyName ? (
            <>
              <dt>{t('ui.party')}</dt>
              <dd>{data.partyName}</dd>
            </>
          ) : null}
          <dt>{t('ui.tracking_code')}</dt>
          <dd className="tracking-code" data-testid="receipt-code">
            {data.trackingCode}
          </dd>
        </dl>
        <Qr text={url} label={t('ui.qr_label')} />
      </div>
      <p className="receipt-track">{t('ui.receipt_track', { url: `${publicUrl}/track` })}</p>
    </section>
  );
}
