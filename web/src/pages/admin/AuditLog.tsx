/**
 * The audit-log viewer: who changed what and when, filtered by person, action, kind of record, one record
 * (a case, a user…) and a period of days on the municipality's clock; newest first, a page at a time, with the
 * address and browser a change came from (over HTTP), and the same filter downloaded as CSV.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { api, type StaffUser } from '../../api.ts';
import { adminApi, type AuditEntry, type AuditFilter } from '../../api-admin.ts';
import { useI18n, type MessageKey } from '../../i18n.ts';
import { Field, FormError } from '../../components/form.tsx';
import { Loading } from '../../components/common.tsx';
import { DateInput } from '../../components/DateInput.tsx';
import { useMapSettings } from '../sistem48-public/shared.tsx';
import { useLocation } from '../../router.tsx';
import { DEFAULT_TIME_ZONE, dayEnd, dayStart } from '../../tz.ts';
import './admin-extra.css';

const PAGE = 50;

// Kinds of record named in the viewer's language; a kind not listed here is shown as the code the trail keeps.
const ENTITY_LABELS: Record<string, MessageKey> = {
  user: 'adm.entity.user',
  org_unit: 'adm.entity.org_unit',
  case_type: 'adm.entity.case_type',
  canned_response: 'adm.entity.canned_response',
  security_settings: 'adm.entity.security_settings',
  api_token: 'adm.entity.api_token',
  party: 'adm.entity.party',
  problem_category: 'adm.entity.problem_category',
  routing_rule: 'adm.entity.routing_rule',
  problem_report: 'adm.entity.problem_report',
  case_event: 'adm.entity.case_event',
};

const json = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v, null, 1));

export function AuditLog() {
  const { t, dateTime } = useI18n();
  const timeZone = useMapSettings()?.timeZone ?? DEFAULT_TIME_ZONE;
  const [staff, setStaff] = useState<StaffUser[]>([]);
  const [vocab, setVocab] = useState<{ actions: string[]; entities: string[] }>({ actions: [], entities: [] });
  // A link from a list (a user's history) opens the viewer already filtered to that record.
  const { query } = useLocation();
  const linked = { entity: query.get('entity') ?? '', entityId: query.get('entityId') ?? '' };
  const [form, setForm] = useState({ actorId: '', action: '', entity: linked.entity, entityId: linked.entityId, from: '', to: '' });
  const first: AuditFilter = { ...(linked.entity ? { entity: linked.entity } : {}), ...(linked.entityId ? { entityId: linked.entityId } : {}) };
  const [applied, setApplied] = useState<AuditFilter>(first);
  const [items, setItems] = useState<AuditEntry[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.listUsers().then(
      (r) => setStaff(r.items),
      () => {},
    );
    adminApi.auditVocabulary().then(setVocab, () => {});
  }, []);

  async function load(filter: AuditFilter, beforeId?: string) {
    setError(null);
    try {
      const r = await adminApi.audit({ ...filter, limit: PAGE, ...(beforeId ? { beforeId } : {}) });
      setItems((x) => (beforeId ? [...(x ?? []), ...r.items] : r.items));
      setNext(r.nextBeforeId);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setItems((x) => x ?? []);
    }
  }
  // The newest page on opening, filtered only as the link that opened it asked.
  useEffect(() => {
    void load(first);
  }, []);

  function submit(e: FormEvent) {
    e.preventDefault();
    const to = form.to ? dayEnd(form.to, timeZone) : null;
    const filter: AuditFilter = {
      ...(form.actorId ? { actorId: form.actorId } : {}),
      ...(form.action ? { action: form.action } : {}),
      ...(form.entity ? { entity: form.entity } : {}),
      ...(form.entityId.trim() ? { entityId: form.entityId.trim() } : {}),
      ...(form.from && dayStart(form.from, timeZone) ? { from: dayStart(form.from, timeZone)! } : {}),
      // The whole last day counts: up to the first instant of the next one.
      ...(to ? { to: new Date(new Date(to).getTime() + 1).toISOString() } : {}),
    };
    setApplied(filter);
    setItems(null);
    void load(filter);
  }
  const set = (k: keyof typeof form) => (value: string) => setForm((x) => ({ ...x, [k]: value }));
  const entityLabel = (code: string) => {
    const key = ENTITY_LABELS[code];
    return key ? t(key) : code;
  };

  return (
    <>
      <form onSubmit={submit} noValidate className="card" aria-label={t('adm.audit_filter')}>
        <div className="grid-2">
          <Field id="audit-who" label={t('adm.audit_who')}>
            <select value={form.actorId} onChange={(e) => set('actorId')(e.target.value)}>
              <option value="">{t('adm.anyone')}</option>
              {staff.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.display_name}
                </option>
              ))}
            </select>
          </Field>
          <Field id="audit-action" label={t('adm.audit_action')}>
            <select value={form.action} onChange={(e) => set('action')(e.target.value)}>
              <option value="">{t('adm.any')}</option>
              {vocab.actions.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </select>
          </Field>
          <Field id="audit-entity" label={t('adm.audit_entity')}>
            <select value={form.entity} onChange={(e) => set('entity')(e.target.value)}>
              <option value="">{t('adm.any')}</option>
              {vocab.entities.map((a) => (
                <option key={a} value={a}>
                  {entityLabel(a)}
                </option>
              ))}
            </select>
          </Field>
          <Field id="audit-entity-id" label={t('adm.audit_entity_id')}>
            <input value={form.entityId} maxLength={80} onChange={(e) => set('entityId')(e.target.value)} />
          </Field>
          <Field id="audit-from" label={t('adm.audit_from')}>
            <DateInput value={form.from} onChange={set('from')} />
          </Field>
          <Field id="audit-to" label={t('adm.audit_to')}>
            <DateInput value={form.to} onChange={set('to')} />
          </Field>
        </div>
        <p className="actions">
          <button type="submit" className="primary">
            {t('adm.audit_filter')}
          </button>{' '}
          <a href={adminApi.auditExportUrl(applied)} download>
            {t('adm.audit_export')}
          </a>
        </p>
      </form>
      <FormError message={error} />
      {items === null ? (
        <Loading />
      ) : items.length === 0 ? (
        <p>{t('adm.audit_none')}</p>
      ) : (
        <table role="table" className="responsive" data-testid="audit-table">
          <thead role="rowgroup">
            <tr role="row">
              <th scope="col" role="columnheader">
                {t('adm.audit_when')}
              </th>
              <th scope="col" role="columnheader">
                {t('adm.audit_who')}
              </th>
              <th scope="col" role="columnheader">
                {t('adm.audit_action')}
              </th>
              <th scope="col" role="columnheader">
                {t('adm.audit_entity')}
              </th>
              <th scope="col" role="columnheader">
                {t('adm.audit_change')}
              </th>
              <th scope="col" role="columnheader">
                {t('adm.audit_client')}
              </th>
            </tr>
          </thead>
          <tbody role="rowgroup">
            {items.map((a) => (
              <tr role="row" key={a.id}>
                <td role="cell" data-label={t('adm.audit_when')}>
                  {dateTime(a.at)}
                </td>
                <td role="cell" data-label={t('adm.audit_who')}>
                  {a.actor_name}
                </td>
                <td role="cell" data-label={t('adm.audit_action')}>
                  <code>{a.action}</code>
                </td>
                <td role="cell" data-label={t('adm.audit_entity')}>
                  {entityLabel(a.entity)} {a.entity_id ? <small className="audit-id">{a.entity_id}</small> : null}
                </td>
                <td role="cell" data-label={t('adm.audit_change')}>
                  {a.before !== null || a.after !== null ? (
                    <details>
                      <summary>{t('adm.audit_change')}</summary>
                      <pre className="audit-json">{json(a.before)}</pre>
                      <pre className="audit-json">{json(a.after)}</pre>
                    </details>
                  ) : null}
                </td>
                <td role="cell" data-label={t('adm.audit_client')}>
                  {a.ip ? <code>{a.ip}</code> : null}
                  {a.user_agent ? <small className="audit-ua">{a.user_agent}</small> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next ? (
        <button type="button" onClick={() => void load(applied, next)}>
          {t('adm.audit_older')}
        </button>
      ) : null}
    </>
  );
}
