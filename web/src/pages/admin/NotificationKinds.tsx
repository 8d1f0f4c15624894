/**
 * Event types as the citizen hears of them: for each notification kind the administrator decides
 * whether it is internal (never sent), notifiable (sent unless the citizen chose key events only) or
 * key (always sent). Each change is saved at once and audited by the server.
 */
import { useState } from 'react';
import { ws, NOTIFICATION_LEVELS, type NotificationKind, type NotificationLevel } from '../../api-workspace.ts';
import { useI18n, type MessageKey } from '../../i18n.ts';
import { Link } from '../../router.tsx';
import { Loading } from '../../components/common.tsx';
import { FormError } from '../../components/form.tsx';
import { kindLabel } from '../../components/CaseMessages.tsx';
import { useList, useSavedNotice } from './shared.tsx';

export function NotificationKinds() {
  const i18n = useI18n();
  const { t, dateTime } = i18n;
  const list = useList(ws.notificationKinds);
  const saved = useSavedNotice();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  async function change(k: NotificationKind, level: NotificationLevel) {
    setBusy(k.kind);
    try {
      await ws.setKindLevel(k.kind, level);
      setError(null);
      await list.reload();
      saved.notify();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      <dl className="levels card">
        {NOTIFICATION_LEVELS.map((l) => (
          <div key={l}>
            <dt>{t(`ws.level.${l}` as MessageKey)}</dt>
            <dd>{t(`ws.level_hint.${l}` as MessageKey)}</dd>
          </div>
        ))}
      </dl>
      {saved.node}
      <FormError message={error ?? list.error} />
      {list.items === null ? (
        <Loading />
      ) : (
        <table role="table" className="responsive" data-testid="kinds">
          <thead role="rowgroup">
            <tr role="row">
              <th scope="col" role="columnheader">
                {t('ui.event')}
              </th>
              <th scope="col" role="columnheader">
                {t('ui.code')}
              </th>
              <th scope="col" role="columnheader">
                {t('ws.level')}
              </th>
              <th scope="col" role="columnheader">
                {t('ws.default_level')}
              </th>
              <th scope="col" role="columnheader">
                {t('ws.changed')}
              </th>
              <th scope="col" role="columnheader">
                {t('ws.templates')}
              </th>
            </tr>
          </thead>
          <tbody role="rowgroup">
            {list.items.map((k) => (
              <tr role="row" key={k.kind} data-kind={k.kind}>
                <td role="cell" data-label={t('ui.event')}>
                  {kindLabel(i18n, k.kind, k.eventType)}
                </td>
                <td role="cell" data-label={t('ui.code')}>
                  <code>{k.kind}</code>
                </td>
                <td role="cell" data-label={t('ws.level')}>
                  <select
                    aria-label={t('ws.level_of', { event: kindLabel(i18n, k.kind, k.eventType) })}
                    value={k.level}
                    disabled={busy === k.kind}
                    onChange={(e) => void change(k, e.target.value as NotificationLevel)}
                  >
                    {NOTIFICATION_LEVELS.map((l) => (
                      <option key={l} value={l}>
                        {t(`ws.level.${l}` as MessageKey)}
                      </option>
                    ))}
                  </select>
                </td>
                <td role="cell" data-label={t('ws.default_level')}>
                  {t(`ws.level.${k.defaultLevel}` as MessageKey)}
                </td>
                <td role="cell" data-label={t('ws.changed')}>
                  {k.updatedAt ? `${dateTime(k.updatedAt)} · ${k.updatedBy ?? ''}` : '—'}
                </td>
                <td role="cell" data-label={t('ws.templates')}>
                  <Link to={`/admin/templates?kind=${encodeURIComponent(k.kind)}`}>
                    {t('ws.edit_templates')}
                    <span className="visually-hidden">: {kindLabel(i18n, k.kind, k.eventType)}</span>
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
