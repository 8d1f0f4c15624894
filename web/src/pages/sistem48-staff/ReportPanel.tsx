/**
 * The Sistem 48 part of a case page, shown only when the case is a problem report: the 48-hour
 * clock, routing and re-routing, the first response (status + planned date, which stops the clock),
 * merging a duplicate, the field result with photos, costs, photo approval and escalations.
 * Each form shows the API's refusal beside the field it names.
 */
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useNow } from '../../components/common.tsx';
import type { CaseStatus } from '../../../../src/domain/types.ts';
import { canMerge, canModeratePhotos, canReroute, canWorkOnReport } from '../../../../src/sistem48/policy.ts';
import { api, ApiError, type OrgUnit } from '../../api.ts';
import { ws, type CategoryField } from '../../api-workspace.ts';
import { useI18n, type MessageKey } from '../../i18n.ts';
import { useSession } from '../../session.ts';
import { Field, FormError, useFormErrors } from '../../components/form.tsx';
import { clockNow, formatDuration } from '../WorkQueue.tsx';
import { s48, type StaffReport } from './s48-staff-api.ts';
import '../../components/workspace.css';
import './sistem48-staff.css';

type Changed = () => Promise<void>;

/** The statuses a first response usually gives; the server walks the transition table to reach them. */
const RESPONSE_STATUSES: readonly CaseStatus[] = ['accepted', 'in_progress', 'resolved', 'rejected'];

export function ReportPanel({ caseId, refreshKey, onChanged }: { caseId: string; refreshKey: number; onChanged: Changed }) {
  const [report, setReport] = useState<StaffReport | null>(null);
  const [units, setUnits] = useState<OrgUnit[]>([]);
  const [fieldDefs, setFieldDefs] = useState<CategoryField[]>([]);

  useEffect(() => {
    let live = true;
    // A case that is not a problem report answers 404: then there is simply no panel.
    s48.report(caseId).then((r) => { if (live) setReport(r); }, () => { if (live) setReport(null); });
    return () => { live = false; };
  }, [caseId, refreshKey]);
  useEffect(() => { api.listUnits().then((r) => setUnits(r.items.filter((u) => u.active && u.kind !== 'external_institution')), () => {}); }, []);

  // The extra fields' labels and option names come from the category's definitions.
  const categoryId = report?.category.id;
  useEffect(() => {
    if (!categoryId) return;
    let live = true;
    ws.categories().then((r) => { if (live) setFieldDefs(r.items.find((c) => c.id === categoryId)?.fields ?? []); }, () => {});
    return () => { live = false; };
  }, [categoryId]);

  if (!report) return null;
  return <Panel r={report} units={units} fieldDefs={fieldDefs} onChanged={onChanged} />;
}

function Panel({ r, units, fieldDefs, onChanged }: { r: StaffReport; units: OrgUnit[]; fieldDefs: CategoryField[]; onChanged: Changed }) {
  const { t } = useI18n();
  const { me } = useSession();
  const working = r.open && !r.mergedInto;
  return (
    <section className="card s48-panel" aria-labelledby="s48-panel-title" data-testid="s48-panel">
      <h2 id="s48-panel-title">{t('s48s.panel_title', { id: r.id })}</h2>
      <ReportFacts r={r} fieldDefs={fieldDefs} />
      <div className="s48-panel-grid">
        {working && canWorkOnReport(me) ? <ResponseForm r={r} onChanged={onChanged} /> : null}
        {working && canReroute(me) ? <RerouteForm r={r} units={units} onChanged={onChanged} /> : null}
        {canWorkOnReport(me) && !r.mergedInto ? <FieldResultForm r={r} onChanged={onChanged} /> : null}
        {working && canMerge(me) ? <MergeForm r={r} onChanged={onChanged} /> : null}
        {canWorkOnReport(me) ? <Costs r={r} onChanged={onChanged} /> : null}
      </div>
      <Photos r={r} onChanged={onChanged} />
      <Escalations r={r} />
    </section>
  );
}

function ReportFacts({ r, fieldDefs }: { r: StaffReport; fieldDefs: CategoryField[] }) {
  const { t, dateTime } = useI18n();
  const routed: MessageKey = r.routedBy === 'rule' ? 's48s.routed_by_rule' : r.routedBy === 'fallback' ? 's48s.routed_to_dispatcher' : 's48s.routed_nowhere';
  const fields = Object.entries(r.fields ?? {});
  return (
    <div className="s48-facts">
      <Clock r={r} />
      <dl className="facts">
        <dt>{t('ws.category')}</dt><dd>{r.category.name}</dd>
        <dt>{t('s48s.routed_to')}</dt>
        <dd data-testid="s48-unit">
          {r.unitName ?? '—'} <span className="meta">({t(routed)}{r.routedBy === 'rule' && r.routingRuleId ? ` #${r.routingRuleId}` : ''})</span>
          {r.rerouteCount ? <div className="meta">{t('s48s.rerouted_n', { n: r.rerouteCount })}</div> : null}
        </dd>
        <dt>{t('s48s.location')}</dt>
        <dd>{r.address ?? '—'}{r.lat !== null && r.lon !== null ? <div className="meta">{r.lat.toFixed(5)}, {r.lon.toFixed(5)}</div> : null}</dd>
        <dt>{t('s48s.planned_date')}</dt><dd data-testid="s48-planned">{dateTime(r.plannedResolutionAt)}</dd>
        <dt>{t('s48s.contact_consent')}</dt><dd>{t(r.contactConsent ? 's48s.yes' : 's48s.no')}</dd>
        {fields.map(([k, v]) => <FieldValue key={k} def={fieldDefs.find((d) => d.code === k)} code={k} value={v} />)}
      </dl>
      {r.mergedInto ? <p className="callout" data-testid="s48-merged">{t('s48s.merged_into_note')}</p> : null}
    </div>
  );
}

function FieldValue({ def, code, value }: { def: CategoryField | undefined; code: string; value: unknown }) {
  const { localName } = useI18n();
  const option = (key: unknown) => {
    const o = def?.options?.find((x) => x.key === key);
    return o ? localName(o.name) : String(key);
  };
  return <><dt>{def ? localName(def.label) : code}</dt><dd>{Array.isArray(value) ? value.map(option).join(', ') : option(value)}</dd></>;
}

/** The first-response clock: time left or over, the warning from its threshold on, stopped once answered. */
function Clock({ r }: { r: StaffReport }) {
  const { t, dateTime } = useI18n();
  const now = useNow(30_000);
  const c = r.firstResponse;
  const { state, ms } = clockNow(c, now);
  const start = new Date(r.registeredAt).getTime();
  const due = new Date(c.dueAt).getTime();
  const used = Math.min(1, Math.max(0, (now - start) / Math.max(1, due - start)));
  const hours = t(r.sla.clock === 'working' ? 's48s.sla_working' : 's48s.sla_calendar', { h: r.sla.hours });
  if (state === 'answered') {
    return (
      <div className="clock clock-answered s48-clock" data-state="answered" data-testid="s48-clock">
        <strong>{t('s48s.clock_stopped')}</strong>
        <span className="meta">{t('sla.answered')} · {dateTime(c.answeredAt)}{c.answeredLate ? ` · ${t('sla.breached')}` : ''}</span>
        <span className="meta">{hours}</span>
      </div>
    );
  }
  return (
    <div className={`clock clock-${state} s48-clock`} data-state={state} data-testid="s48-clock">
      <strong>{state === 'breached' ? t('ws.clock_over', { time: formatDuration(ms) }) : t('ws.clock_left', { time: formatDuration(ms) })}</strong>
      <span className="clock-bar" aria-hidden="true"><span style={{ width: `${Math.round(used * 100)}%` }} /></span>
      <span className="meta">{t(`sla.${state}` as MessageKey)} · {t('sla.due_in', { due: dateTime(c.dueAt) })}</span>
      <span className="meta">{hours} · {t('s48s.warning_from', { time: dateTime(c.warnAt) })}</span>
    </div>
  );
}

function SubForm({ id, title, children, onSubmit }: { id: string; title: string; children: ReactNode; onSubmit: (e: FormEvent) => void }) {
  return (
    <form onSubmit={onSubmit} noValidate className="s48-subform" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      {children}
    </form>
  );
}

/** Runs one change: errors beside their field, the case page reloaded after success. */
function useSubmit(f: { fail: (e: unknown) => void; reset: () => void }, onChanged: Changed) {
  const [busy, setBusy] = useState(false);
  async function run(action: () => Promise<unknown>, after?: () => void) {
    setBusy(true);
    try {
      await action();
      f.reset();
      after?.();
      await onChanged();
    } catch (err) {
      f.fail(err);
    } finally {
      setBusy(false);
    }
  }
  return { busy, run };
}

/** A date typed as YYYY-MM-DD becomes the end of that day here, so "today" is never already past. */
function endOfDay(day: string): string {
  return new Date(`${day}T23:59:00`).toISOString();
}

function ResponseForm({ r, onChanged }: { r: StaffReport; onChanged: Changed }) {
  const { t } = useI18n();
  const f = useFormErrors(['status', 'plannedResolutionAt', 'note'] as const);
  const { busy, run } = useSubmit(f, onChanged);
  const [status, setStatus] = useState<CaseStatus>(RESPONSE_STATUSES.includes(r.status) && r.status !== 'accepted' ? r.status : 'in_progress');
  const [day, setDay] = useState('');
  const [note, setNote] = useState('');
  const answered = !!r.firstResponse.answeredAt;

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!f.required({ plannedResolutionAt: [day, t('s48s.planned_date')] })) return;
    void run(() => s48.respond(r.caseId, { status, plannedResolutionAt: endOfDay(day), ...(note.trim() ? { note: note.trim() } : {}) }), () => { setDay(''); setNote(''); });
  }
  return (
    <SubForm id="s48-response" title={t(answered ? 's48s.response_again' : 's48s.response')} onSubmit={submit}>
      <p className="hint" id="s48-response-hint">{t(answered ? 's48s.response_again_hint' : 's48s.response_hint')}</p>
      <FormError message={f.formError} />
      <Field id="s48-response-status" label={t('ui.status')} error={f.errors.status}>
        <select value={status} onChange={(e) => setStatus(e.target.value as CaseStatus)}>
          {RESPONSE_STATUSES.map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}
        </select>
      </Field>
      <Field id="s48-response-date" label={t('s48s.planned_date')} error={f.errors.plannedResolutionAt} hint={t('s48s.planned_date_hint')}>
        <input type="date" value={day} onChange={(e) => setDay(e.target.value)} />
      </Field>
      <Field id="s48-response-note" label={t('s48s.note_for_citizen')} error={f.errors.note}>
        <textarea rows={2} value={note} maxLength={5000} onChange={(e) => setNote(e.target.value)} />
      </Field>
      <button type="submit" className="primary" disabled={busy}>{t('s48s.send_response')}</button>
    </SubForm>
  );
}

function RerouteForm({ r, units, onChanged }: { r: StaffReport; units: OrgUnit[]; onChanged: Changed }) {
  const { t } = useI18n();
  const f = useFormErrors(['unitId', 'reason'] as const);
  const { busy, run } = useSubmit(f, onChanged);
  const [unitId, setUnitId] = useState('');
  const [reason, setReason] = useState('');
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!f.required({ unitId: [unitId, t('s48s.reroute_to')] })) return;
    void run(() => s48.reroute(r.caseId, { unitId, ...(reason.trim() ? { reason: reason.trim() } : {}) }), () => { setUnitId(''); setReason(''); });
  }
  return (
    <SubForm id="s48-reroute" title={t('s48s.reroute')} onSubmit={submit}>
      <FormError message={f.formError} />
      <Field id="s48-reroute-unit" label={t('s48s.reroute_to')} error={f.errors.unitId}>
        <select value={unitId} onChange={(e) => setUnitId(e.target.value)}>
          <option value="">{t('ui.select_placeholder')}</option>
          {units.filter((u) => u.id !== r.unitId).map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
        </select>
      </Field>
      <Field id="s48-reroute-reason" label={t('s48s.reroute_reason')} error={f.errors.reason}>
        <textarea rows={2} value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <button type="submit" disabled={busy}>{t('s48s.reroute_button')}</button>
    </SubForm>
  );
}

function MergeForm({ r, onChanged }: { r: StaffReport; onChanged: Changed }) {
  const { t } = useI18n();
  const f = useFormErrors(['intoCaseId', 'note'] as const);
  const { busy, run } = useSubmit(f, onChanged);
  const [number, setNumber] = useState('');
  const [note, setNote] = useState('');
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!f.required({ intoCaseId: [number, t('s48s.merge_into')] })) return;
    void run(async () => {
      let into: string;
      try {
        into = (await ws.caseByNumber(number.trim())).id;
      } catch (err) {
        // "Not found" belongs beside the number the clerk typed.
        throw err instanceof ApiError ? new ApiError(err.status, err.code, err.message, { field: 'intoCaseId' }) : err;
      }
      await s48.merge(r.caseId, { intoCaseId: into, ...(note.trim() ? { note: note.trim() } : {}) });
    }, () => { setNumber(''); setNote(''); });
  }
  return (
    <SubForm id="s48-merge" title={t('s48s.merge')} onSubmit={submit}>
      <p className="hint">{t('s48s.merge_hint')}</p>
      <FormError message={f.formError} />
      <Field id="s48-merge-into" label={t('s48s.merge_into')} error={f.errors.intoCaseId}>
        <input value={number} maxLength={60} autoComplete="off" onChange={(e) => setNumber(e.target.value)} />
      </Field>
      <Field id="s48-merge-note" label={t('ui.note')} error={f.errors.note}>
        <textarea rows={2} value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
      </Field>
      <button type="submit" disabled={busy}>{t('s48s.merge_button')}</button>
    </SubForm>
  );
}

function FieldResultForm({ r, onChanged }: { r: StaffReport; onChanged: Changed }) {
  const { t } = useI18n();
  const f = useFormErrors(['note', 'photoIds', 'photo'] as const);
  const { busy, run } = useSubmit(f, onChanged);
  const [note, setNote] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [resolve, setResolve] = useState(false);
  const [inputKey, setInputKey] = useState(0);
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!f.required({ note: [note, t('s48s.note_for_citizen')] })) return;
    void run(async () => {
      // Photos first: the field result names them by id.
      const photoIds: string[] = [];
      for (const file of files) photoIds.push((await s48.addPhoto(r.caseId, file)).id);
      await s48.fieldResult(r.caseId, { note: note.trim(), ...(photoIds.length ? { photoIds } : {}), ...(resolve ? { resolve } : {}) });
    }, () => { setNote(''); setFiles([]); setResolve(false); setInputKey((k) => k + 1); });
  }
  return (
    <SubForm id="s48-field" title={t('s48s.field_result')} onSubmit={submit}>
      <FormError message={f.formError} />
      <Field id="s48-field-note" label={t('s48s.note_for_citizen')} error={f.errors.note} hint={t('s48s.field_note_hint')}>
        <textarea rows={2} value={note} maxLength={5000} onChange={(e) => setNote(e.target.value)} />
      </Field>
      <Field id="s48-field-photos" label={t('s48s.field_photos')} error={f.errors.photo ?? f.errors.photoIds}>
        <input key={inputKey} type="file" multiple accept="image/jpeg,image/png" onChange={(e) => setFiles([...(e.target.files ?? [])])} />
      </Field>
      {r.open ? (
        <label className="checkbox">
          <input type="checkbox" checked={resolve} onChange={(e) => setResolve(e.target.checked)} />
          {t('s48s.resolve_too')}
        </label>
      ) : null}
      <button type="submit" disabled={busy}>{t('s48s.record_field_result')}</button>
    </SubForm>
  );
}

const amount = (s: string): number | undefined => {
  const v = s.trim().replace(',', '.');
  return v ? Number(v) : undefined;
};

function Costs({ r, onChanged }: { r: StaffReport; onChanged: Changed }) {
  const { t, dateTime } = useI18n();
  const f = useFormErrors(['labourHours', 'materials', 'contractor', 'contractorName', 'note'] as const);
  const { busy, run } = useSubmit(f, onChanged);
  const [v, setV] = useState({ labourHours: '', materials: '', contractor: '', contractorName: '', note: '' });
  const set = (k: keyof typeof v) => (s: string) => setV((o) => ({ ...o, [k]: s }));
  function submit(e: FormEvent) {
    e.preventDefault();
    const nums = { labourHours: amount(v.labourHours), materials: amount(v.materials), contractor: amount(v.contractor) };
    const bad = (Object.keys(nums) as (keyof typeof nums)[]).find((k) => nums[k] !== undefined && !(Number.isFinite(nums[k]) && nums[k]! >= 0));
    if (bad) { f.fail(new ApiError(400, 'validation', t('s48s.amount_invalid'), { field: bad })); return; }
    if (!nums.labourHours && !nums.materials && !nums.contractor) { f.fail(new ApiError(400, 'validation', t('s48s.cost_needed'), { field: 'labourHours' })); return; }
    void run(() => s48.recordCost(r.caseId, {
      ...(nums.labourHours ? { labourHours: nums.labourHours } : {}), ...(nums.materials ? { materials: nums.materials } : {}), ...(nums.contractor ? { contractor: nums.contractor } : {}),
      ...(v.contractorName.trim() ? { contractorName: v.contractorName.trim() } : {}), ...(v.note.trim() ? { note: v.note.trim() } : {}),
    }), () => setV({ labourHours: '', materials: '', contractor: '', contractorName: '', note: '' }));
  }
  return (
    <SubForm id="s48-costs" title={t('s48s.costs')} onSubmit={submit}>
      {r.costs.length === 0 ? <p className="empty">{t('s48s.no_costs')}</p> : (
        <table className="s48-costs" data-testid="s48-costs">
          <caption className="visually-hidden">{t('s48s.costs')}</caption>
          <thead><tr><th scope="col">{t('s48s.recorded_at')}</th><th scope="col">{t('s48s.labour_hours')}</th><th scope="col">{t('s48s.materials')}</th><th scope="col">{t('s48s.contractor')}</th></tr></thead>
          <tbody>
            {r.costs.map((c) => (
              <tr key={c.id}>
                <td>{dateTime(c.recorded_at)}{c.note ? <div className="meta">{c.note}</div> : null}</td>
                <td>{Number(c.labour_hours)}</td><td>{Number(c.materials)}</td>
                <td>{Number(c.contractor)}{c.contractor_name ? <div className="meta">{c.contractor_name}</div> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <FormError message={f.formError} />
      <div className="grid-3">
        <Field id="s48-cost-hours" label={t('s48s.labour_hours')} error={f.errors.labourHours}>
          <input inputMode="decimal" value={v.labourHours} onChange={(e) => set('labourHours')(e.target.value)} />
        </Field>
        <Field id="s48-cost-materials" label={t('s48s.materials')} error={f.errors.materials}>
          <input inputMode="decimal" value={v.materials} onChange={(e) => set('materials')(e.target.value)} />
        </Field>
        <Field id="s48-cost-contractor" label={t('s48s.contractor')} error={f.errors.contractor}>
          <input inputMode="decimal" value={v.contractor} onChange={(e) => set('contractor')(e.target.value)} />
        </Field>
      </div>
      <div className="grid-2">
        <Field id="s48-cost-contractor-name" label={t('s48s.contractor_name')} error={f.errors.contractorName}>
          <input value={v.contractorName} maxLength={200} onChange={(e) => set('contractorName')(e.target.value)} />
        </Field>
        <Field id="s48-cost-note" label={t('ui.note')} error={f.errors.note}>
          <input value={v.note} maxLength={2000} onChange={(e) => set('note')(e.target.value)} />
        </Field>
      </div>
      <button type="submit" disabled={busy}>{t('s48s.record_cost')}</button>
    </SubForm>
  );
}

function Photos({ r, onChanged }: { r: StaffReport; onChanged: Changed }) {
  const { t, dateTime } = useI18n();
  const { me } = useSession();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const mayApprove = canModeratePhotos(me);
  async function approve(id: string) {
    setBusy(id);
    try {
      await s48.approvePhoto(id);
      setError(null);
      await onChanged();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(null);
    }
  }
  return (
    <section className="s48-photos" aria-labelledby="s48-photos-title">
      <h3 id="s48-photos-title">{t('s48s.photos')}</h3>
      <FormError message={error} />
      {r.photos.length === 0 ? <p className="empty">{t('s48s.no_photos')}</p> : (
        <ul className="s48-photo-list" data-testid="s48-photos">
          {r.photos.map((p, i) => {
            const label = t(p.source === 'field' ? 's48s.photo_field_n' : 's48s.photo_citizen_n', { n: i + 1 });
            return (
              <li key={p.id} data-approved={p.approved ? 'yes' : 'no'}>
                <a href={s48.photoUrl(p.id)} target="_blank" rel="noreferrer"><img src={s48.photoUrl(p.id)} alt={label} width={160} height={Math.round(160 * p.height / Math.max(1, p.width))} loading="lazy" /></a>
                <span>{label}</span>
                <span className="meta">{dateTime(p.createdAt)} · {t(p.approved ? 's48s.photo_public' : 's48s.photo_not_public')}</span>
                {!p.approved && mayApprove ? (
                  <button type="button" disabled={busy === p.id} onClick={() => void approve(p.id)}>{t('s48s.approve_photo', { name: label })}</button>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function Escalations({ r }: { r: StaffReport }) {
  const { t, dateTime } = useI18n();
  return (
    <section className="s48-escalations" aria-labelledby="s48-esc-title">
      <h3 id="s48-esc-title">{t('s48s.escalations')}</h3>
      {r.escalations.length === 0 ? <p className="empty">{t('s48s.no_escalations')}</p> : (
        <ul className="plain" data-testid="s48-escalations">
          {r.escalations.map((e) => (
            <li key={e.id}>
              <strong>{t(e.level === 'breach' ? 's48s.escalation_breach' : 's48s.escalation_warning')}</strong>{' '}
              {dateTime(e.fired_at)} · {t('s48s.escalation_recipients', { n: e.recipient_ids.length })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
