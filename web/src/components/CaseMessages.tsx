/**
 * The messages sent about a case (the municipality's proof of notice): to whom, on which channel,
 * when, from which template version, under which consent, and every delivery receipt since. While a
 * message is still on its way the list refreshes itself, so the clerk sees "delivered" arrive.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api.ts';
import { FINAL_MESSAGE_STATUSES, ws, type CaseMessage } from '../api-workspace.ts';
import { useI18n, type I18n, type MessageKey } from '../i18n.ts';
import { Loading } from './common.tsx';
import { FormError } from './form.tsx';
import './workspace.css';

const POLL_MS = 2000;
const POLL_FOR_MS = 5 * 60_000;

/** A notification kind in words: "Case registered", or the status it announces. */
export function kindLabel(i18n: I18n, kind: string, eventType?: string): string {
  if (kind.startsWith('status:')) return i18n.t(`status.${kind.slice(7)}` as MessageKey);
  if (kind === 'registered:report') return i18n.t('ws.kind_registered_report');
  const type = eventType && eventType !== 'case.status_changed' ? eventType : `case.${kind}`;
  const label = i18n.t(`event.${type}` as MessageKey);
  return label === `event.${type}` ? kind : label;
}

function consentMethod(i18n: I18n, method: string): string {
  const key = `ws.consent_method.${method}`;
  const label = i18n.t(key as MessageKey);
  return label === key ? method : label;
}

function versionsText(i18n: I18n, versions: Record<string, number>): string {
  return Object.entries(versions)
    .map(
      ([channel, v]) =>
        `${i18n.t(`ws.template_channel.${channel}` as MessageKey)}: ${v === 0 ? i18n.t('ws.builtin_version') : i18n.t('ws.version_n', { n: v })}`,
    )
    .join(', ');
}

export function CaseMessages({ caseId, refreshKey }: { caseId: string; refreshKey: number }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [items, setItems] = useState<CaseMessage[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const pollUntil = useRef(0);

  const load = useCallback(async () => {
    try {
      const r = await ws.caseMessages(caseId);
      setItems(r.items);
      setError(null);
      return r.items;
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
      setItems((x) => x ?? []);
      return null;
    }
  }, [caseId]);

  // Reload after every change to the case (a status change may queue a message), then follow
  // messages still on their way until they reach a final state or five minutes pass.
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    pollUntil.current = Date.now() + POLL_FOR_MS;
    const tick = async () => {
      const got = await load();
      if (!live) return;
      // A change may queue its message a moment after the page reloads: keep looking briefly even when the list is settled.
      const pending = got === null || got.some((m) => !FINAL_MESSAGE_STATUSES.includes(m.status));
      const settleWindow = Date.now() < pollUntil.current - POLL_FOR_MS + 10_000;
      if ((pending || settleWindow) && Date.now() < pollUntil.current) timer = setTimeout(() => void tick(), POLL_MS);
    };
    void tick();
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
    };
  }, [load, refreshKey]);

  return (
    <section className="card messages-card" aria-labelledby="messages-title">
      <h2 id="messages-title">{t('ws.messages')}</h2>
      <FormError message={error} />
      {items === null ? (
        <Loading />
      ) : items.length === 0 ? (
        <p className="empty">{t('ws.no_messages')}</p>
      ) : (
        <ol className="messages" data-testid="messages">
          {items.map((m) => (
            <MessageItem key={m.id} m={m} />
          ))}
        </ol>
      )}
      <div aria-live="polite" className="visually-hidden">
        {items?.map((m) => `${kindLabel(i18n, m.kind, m.event.type)}: ${t(`ws.msg_status.${m.status}` as MessageKey)}`).join('; ')}
      </div>
      <button type="button" onClick={() => void load()}>
        {t('ws.refresh')}
      </button>
      <p className="hint">{t('ws.messages_hint')}</p>
    </section>
  );
}

function MessageItem({ m }: { m: CaseMessage }) {
  const i18n = useI18n();
  const { t, dateTime } = i18n;
  return (
    <li className="message" data-status={m.status} data-channel={m.channel}>
      <div className="message-head">
        <strong>{kindLabel(i18n, m.kind, m.event.type)}</strong>
        <span className={`msg-status msg-${m.status}`} data-testid="message-status">
          {t(`ws.msg_status.${m.status}` as MessageKey)}
        </span>
      </div>
      <dl className="facts message-facts">
        <dt>{t('ws.channel')}</dt>
        <dd>{t(`channel.${m.channel}`)}</dd>
        <dt>{t('ws.recipient')}</dt>
        <dd>
          {m.party.name} · <span className="recipient">{m.recipient}</span>
        </dd>
        <dt>{t('ws.queued_at')}</dt>
        <dd>
          <time dateTime={m.createdAt}>{dateTime(m.createdAt)}</time>
        </dd>
        {m.sentAt ? (
          <>
            <dt>{t('ws.sent_at')}</dt>
            <dd>
              <time dateTime={m.sentAt}>{dateTime(m.sentAt)}</time>
            </dd>
          </>
        ) : null}
        {m.deliveredAt ? (
          <>
            <dt>{t('ws.delivered_at')}</dt>
            <dd>
              <time dateTime={m.deliveredAt}>{dateTime(m.deliveredAt)}</time>
            </dd>
          </>
        ) : null}
        {m.failedAt ? (
          <>
            <dt>{t('ws.failed_at')}</dt>
            <dd>
              <time dateTime={m.failedAt}>{dateTime(m.failedAt)}</time>
            </dd>
          </>
        ) : null}
        <dt>{t('ws.level')}</dt>
        <dd>{t(`ws.level.${m.level}` as MessageKey)}</dd>
        <dt>{t('ws.template_version')}</dt>
        <dd>{versionsText(i18n, m.templateVersions)}</dd>
        {m.sms ? (
          <>
            <dt>{t('ws.sms_encoding')}</dt>
            <dd>
              {m.sms.encoding ?? '—'} · {t('ws.sms_parts_n', { n: m.sms.parts ?? 0 })}
            </dd>
          </>
        ) : null}
        <dt>{t('ws.consent')}</dt>
        <dd>
          {consentMethod(i18n, m.consent.method)} · {dateTime(m.consent.at)}
          {m.consent.recordedBy ? ` · ${i18n.actor(m.consent.recordedBy)}` : ''}
        </dd>
        {m.fallbackOf ? (
          <>
            <dt>{t('ws.fallback')}</dt>
            <dd>{m.fallbackReason ?? '—'}</dd>
          </>
        ) : null}
        {m.lastError && m.status !== 'delivered' ? (
          <>
            <dt>{t('ws.last_error')}</dt>
            <dd>{m.lastError}</dd>
          </>
        ) : null}
      </dl>
      {m.receipts.length ? (
        <div className="receipts">
          <p className="label" id={`rc-${m.id}`}>
            {t('ws.receipts')}
          </p>
          <ul aria-labelledby={`rc-${m.id}`}>
            {m.receipts.map((r, i) => (
              <li key={i}>
                {t(`ws.receipt_status.${r.status}` as MessageKey)} ·{' '}
                <time dateTime={r.reportedAt ?? r.receivedAt}>{dateTime(r.reportedAt ?? r.receivedAt)}</time>
                {r.detail ? ` · ${r.detail}` : ''}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <details>
        <summary>{t('ws.message_text')}</summary>
        {m.subject ? <p className="message-subject">{m.subject}</p> : null}
        <p className="message-body" lang={m.locale === 'cnr' ? 'sr-Latn-ME' : m.locale}>
          {m.body}
        </p>
      </details>
    </li>
  );
}
