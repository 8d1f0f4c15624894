/**
 * The Sistem 48 part of a case page, shown only when the case is a problem report: the 48-hour
 * clock, routing and re-routing, the first response (status + planned date, which stops the clock),
 * merging a duplicate, the field result with photos, costs, photo approval, moderation of the text the
 * public reads (the report's and its updates') and escalations.
 * Each form shows the API's refusal beside the field it names.
 */
import { createContext, useContext, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useNow } from '../../components/common.tsx';
import type { CaseStatus } from '../../../../src/kernel/types.ts';
import { canMerge, canModeratePhotos, canModerateText, canReroute, canWorkOnReport } from '../../../../src/sistem48/policy.ts';
import { api, ApiError, type OrgUnit } from '../../api.ts';
import { ws, type CategoryField } from '../../api-workspace.ts';
import { useI18n, type Locale, type MessageKey } from '../../i18n.ts';
import { useSession } from '../../session.ts';
import { Field, FormError, useFormErrors } from '../../components/form.tsx';
import { clockNow, formatDuration } from '../WorkQueue.tsx';
import { s48, type ReportModerationAction, type ReportUpdate, type StaffReport, type UpdateModerationAction } from './s48-staff-api.ts';
import { useMapSettings } from '../sistem48-public/shared.tsx';
import { dayAt } from '../../tz.ts';
import { CannedPicker } from './CannedPicker.tsx';
import '../../components/workspace.css';
import './sistem48-staff.css';
import { DateInput } from '../../components/DateInput.tsx';

type Changed = () => Promise<void>;

/**
 * What the last action did, shown (role=status) beside the form that acted, with focus moved to it so
 * that neither a keyboard nor a screen-reader user is left on <body>. When that form is gone after the
 * change (a merge or a resolution closes the report), it shows under the panel's heading instead.
 */
interface Notice {
  where: string;
  text: string;
  seq: number;
}
const NoticeContext = createContext<{ notice: Notice | null; done: (where: string, text: string) => void }>({ notice: null, done: () => {} });

function NoticeLine({ notice }: { notice: Notice }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [notice.seq]);
  return (
    <p ref={ref} role="status" tabIndex={-1} className="flash s48-notice" data-testid={`s48-notice-${notice.where}`}>
      {notice.text}
    </p>
  );
}

/** The statuses a first response usually gives; the server walks the transition table to reach them. */
// 'incomplete' asks the reporter for more (the answer clock waits for them).
const RESPONSE_STATUSES: readonly CaseStatus[] = ['accepted', 'in_progress', 'incomplete', 'resolved', 'rejected'];

export function ReportPanel({ caseId, refreshKey, onChanged }: { caseId: string; refreshKey: number; onChanged: Changed }) {
  const [report, setReport] = useState<StaffReport | null>(null);
  const [units, setUnits] = useState<OrgUnit[]>([]);
  const [fieldDefs, setFieldDefs] = useState<CategoryField[]>([]);

  useEffect(() => {
    let live = true;
    // A case that is not a problem report answers 404: then there is simply no panel.
    s48.report(caseId).then(
      (r) => {
        if (live) setReport(r);
      },
      () => {
        if (live) setReport(null);
      },
    );
    return () => {
      live = false;
    };
  }, [caseId, refreshKey]);
  useEffect(() => {
    api.listUnits().then(
      (r) => setUnits(r.items.filter((u) => u.active && u.kind !== 'external_institution')),
      () => {},
    );
  }, []);

  // The extra fields' labels and option names come from the category's definitions.
  const categoryId = report?.category.id;
  useEffect(() => {
    if (!categoryId) return;
    let live = true;
    ws.categories().then(
      (r) => {
        if (live) setFieldDefs(r.items.find((c) => c.id === categoryId)?.fields ?? []);
      },
      () => {},
    );
    return () => {
      live = false;
    };
  }, [categoryId]);

  const [notice, setNotice] = useState<Notice | null>(null);
  const done = (where: string, text: string) => setNotice((n) => ({ where, text, seq: (n?.seq ?? 0) + 1 }));
  if (!report) return null;
  return (
    <NoticeContext.Provider value={{ notice, done }}>
      <Panel r={report} units={units} fieldDefs={fieldDefs} onChanged={onChanged} />
    </NoticeContext.Provider>
  );
}

function Panel({ r, units, fieldDefs, onChanged }: { r: StaffReport; units: OrgUnit[]; fieldDefs: CategoryField[]; onChanged: Changed }) {
  const { t } = useI18n();
  const { me } = useSession();
  const { notice } = useContext(NoticeContext);
  const working = r.open && !r.mergedInto;
  const shown = {
    's48-response': working && canWorkOnReport(me),
    's48-reroute': working && canReroute(me),
    's48-category': working && canReroute(me),
    's48-field': canWorkOnReport(me) && !r.mergedInto,
    's48-merge': working && canMerge(me),
    's48-costs': canWorkOnReport(me),
    's48-photos': true,
    's48-moderation': canModerateText(me),
  } as Record<string, boolean>;
  return (
    <section className="card s48-panel" aria-labelledby="s48-panel-title" data-testid="s48-panel">
      <h2 id="s48-panel-title">{t('s48s.panel_title', { number: r.number })}</h2>
      {notice && !shown[notice.where] ? <NoticeLine key={`top-${notice.seq}`} notice={notice} /> : null}
      <ReportFacts r={r} fieldDefs={fieldDefs} />
      <div className="s48-panel-grid">
        {shown['s48-response'] ? <ResponseForm r={r} onChanged={onChanged} /> : null}
        {shown['s48-reroute'] ? <CategoryForm r={r} onChanged={onChanged} /> : null}
        {shown['s48-reroute'] ? <RerouteForm r={r} units={units} onChanged={onChanged} /> : null}
        {shown['s48-field'] ? <FieldResultForm r={r} onChanged={onChanged} /> : null}
        {shown['s48-merge'] ? <MergeForm r={r} onChanged={onChanged} /> : null}
        {shown['s48-costs'] ? <Costs r={r} onChanged={onChanged} /> : null}
      </div>
      <PublicText r={r} onChanged={onChanged} moderator={shown['s48-moderation']!} />
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
        <dt>{t('ws.category')}</dt>
        <dd>{r.category.name}</dd>
        <dt>{t('s48s.routed_to')}</dt>
        <dd data-testid="s48-unit">
          {r.unitName ?? '—'}{' '}
          <span className="meta">
            ({t(routed)}
            {r.routedBy === 'rule' && r.routingRuleId ? ` #${r.routingRuleId}` : ''})
          </span>
          {r.rerouteCount ? <div className="meta">{t('s48s.rerouted_n', { n: r.rerouteCount })}</div> : null}
        </dd>
        <dt>{t('s48s.location')}</dt>
        <dd>
          {r.address ?? '—'}
          {r.lat !== null && r.lon !== null ? (
            <div className="meta">
              {r.lat.toFixed(5)}, {r.lon.toFixed(5)}
            </div>
          ) : null}
        </dd>
        <dt>{t('s48s.planned_date')}</dt>
        <dd data-testid="s48-planned">{dateTime(r.plannedResolutionAt)}</dd>
        <dt>{t('s48s.contact_consent')}</dt>
        <dd>{t(r.contactConsent ? 's48s.yes' : 's48s.no')}</dd>
        <dt>{t('s48f.support_label')}</dt>
        <dd data-testid="s48-support">{r.supportCount}</dd>
        {fields.map(([k, v]) => (
          <FieldValue key={k} def={fieldDefs.find((d) => d.code === k)} code={k} value={v} />
        ))}
      </dl>
      {r.mergedInto ? (
        <p className="callout" data-testid="s48-merged">
          {t('s48s.merged_into_note')}
        </p>
      ) : null}
    </div>
  );
}

function FieldValue({ def, code, value }: { def: CategoryField | undefined; code: string; value: unknown }) {
  const { localName } = useI18n();
  const option = (key: unknown) => {
    const o = def?.options?.find((x) => x.key === key);
    return o ? localName(o.name) : String(key);
  };
  return (
    <>
      <dt>{def ? localName(def.label) : code}</dt>
      <dd>{Array.isArray(value) ? value.map(option).join(', ') : option(value)}</dd>
    </>
  );
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
        <span className="meta">
          {t('sla.answered')} · {dateTime(c.answeredAt)}
          {c.answeredLate ? ` · ${t('sla.breached')}` : ''}
        </span>
        <span className="meta">{hours}</span>
      </div>
    );
  }
  return (
    <div className={`clock clock-${state} s48-clock`} data-state={state} data-testid="s48-clock">
      <strong>{state === 'breached' ? t('ws.clock_over', { time: formatDuration(ms, t) }) : t('ws.clock_left', { time: formatDuration(ms, t) })}</strong>
      <span className="clock-bar" aria-hidden="true">
        <span style={{ width: `${Math.round(used * 100)}%` }} />
      </span>
      <span className="meta">
        {t(`sla.${state}` as MessageKey)} · {t('sla.due_in', { due: dateTime(c.dueAt) })}
      </span>
      <span className="meta">
        {hours} · {t('s48s.warning_from', { time: dateTime(c.warnAt) })}
      </span>
    </div>
  );
}

/** One action's form: a field's error goes once that field is changed; the last action's confirmation shows under the heading. */
function SubForm({
  id,
  title,
  children,
  onSubmit,
  onChange,
}: {
  id: string;
  title: string;
  children: ReactNode;
  onSubmit: (e: FormEvent) => void;
  onChange?: (e: FormEvent) => void;
}) {
  const { notice } = useContext(NoticeContext);
  return (
    <form onSubmit={onSubmit} onChange={onChange} noValidate className="s48-subform" aria-labelledby={`${id}-title`} data-testid={id}>
      <h3 id={`${id}-title`} tabIndex={-1}>
        {title}
      </h3>
      {notice?.where === id ? <NoticeLine key={notice.seq} notice={notice} /> : null}
      {children}
    </form>
  );
}

/** Runs one change: errors beside their field; after success the case page is reloaded and the confirmation shown (and focused) beside the form. */
function useSubmit(f: { fail: (e: unknown) => void; reset: () => void }, onChanged: Changed, where: string) {
  const [busy, setBusy] = useState(false);
  const { done } = useContext(NoticeContext);
  // A refusal not about one field shows above the form; the disabled button may have lost the focus
  // meanwhile, so the form's heading takes it rather than <body>.
  const [refused, setRefused] = useState(0);
  useEffect(() => {
    if (refused && (!document.activeElement || document.activeElement === document.body)) document.getElementById(`${where}-title`)?.focus();
  }, [refused, where]);
  async function run<T>(action: () => Promise<T>, after: (() => void) | undefined, confirm: (result: T) => string) {
    setBusy(true);
    try {
      const result = await action();
      f.reset();
      after?.();
      await onChanged();
      done(where, confirm(result));
    } catch (err) {
      f.fail(err);
      setRefused((n) => n + 1);
    } finally {
      setBusy(false);
    }
  }
  return { busy, run };
}

/**
 * A date typed as YYYY-MM-DD becomes the end of that day in the municipality (not the browser's zone:
 * a UTC browser would otherwise store 11.12 for 10.12), so "today" is never already past; null when it is
 * not a real date with a four-digit year (a date input accepts 112026-11-24).
 */
export function plannedEnd(day: string, timeZone: string): string | null {
  return dayAt(day, 23, 59, timeZone);
}

function ResponseForm({ r, onChanged }: { r: StaffReport; onChanged: Changed }) {
  const { t } = useI18n();
  const f = useFormErrors(['status', 'plannedResolutionAt', 'note'] as const);
  const { busy, run } = useSubmit(f, onChanged, 's48-response');
  const [status, setStatus] = useState<CaseStatus>(RESPONSE_STATUSES.includes(r.status) && r.status !== 'accepted' ? r.status : 'in_progress');
  const [day, setDay] = useState('');
  const [note, setNote] = useState('');
  const answered = !!r.firstResponse.answeredAt;
  const timeZone = useMapSettings()?.timeZone ?? null;

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!f.required({ plannedResolutionAt: [day, t('s48s.planned_date')] })) return;
    // Until the municipality's zone is known, no day can be turned into an instant honestly.
    if (!timeZone) return;
    // A date input can hold a year like 112026, which no Date can carry ("Invalid time value").
    const due = plannedEnd(day, timeZone);
    if (due === null) {
      f.fail(new ApiError(400, 'validation', t('s48s.date_invalid'), { field: 'plannedResolutionAt' }));
      return;
    }
    if (new Date(due).getTime() < Date.now()) {
      f.fail(new ApiError(400, 'validation', t('s48s.date_past'), { field: 'plannedResolutionAt' }));
      return;
    }
    void run(
      () => s48.respond(r.caseId, { status, plannedResolutionAt: due, ...(note.trim() ? { note: note.trim() } : {}) }),
      () => {
        setDay('');
        setNote('');
      },
      () => t('s48s.done_response'),
    );
  }
  return (
    <SubForm id="s48-response" title={t(answered ? 's48s.response_again' : 's48s.response')} onSubmit={submit} onChange={f.clearOnChange}>
      <p className="hint" id="s48-response-hint">
        {t(answered ? 's48s.response_again_hint' : 's48s.response_hint')}
      </p>
      <FormError message={f.formError} />
      <Field id="s48-response-status" field="status" label={t('ui.status')} error={f.errors.status}>
        <select value={status} onChange={(e) => setStatus(e.target.value as CaseStatus)}>
          {RESPONSE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field
        id="s48-response-date"
        field="plannedResolutionAt"
        label={t('s48s.planned_date')}
        error={f.errors.plannedResolutionAt}
        hint={t('s48s.planned_date_hint')}
      >
        <DateInput value={day} onChange={setDay} />
      </Field>
      <CannedPicker unitId={r.unitId} categoryId={r.category.id} status={status} onPick={setNote} />
      <Field id="s48-response-note" field="note" label={t('s48s.note_for_citizen')} error={f.errors.note}>
        <textarea rows={2} value={note} maxLength={5000} onChange={(e) => setNote(e.target.value)} />
      </Field>
      <button type="submit" className="primary" disabled={busy || !timeZone}>
        {t('s48s.send_response')}
      </button>
    </SubForm>
  );
}

/**
 * The dispatcher's category correction: the router's suggestions for the report (when it read one)
 * first, then every active category; the report goes where the chosen category's rules send it.
 */
function CategoryForm({ r, onChanged }: { r: StaffReport; onChanged: Changed }) {
  const { t, localName, intlLocale } = useI18n();
  const f = useFormErrors(['category', 'reason'] as const);
  const { busy, run } = useSubmit(f, onChanged, 's48-category');
  const [categories, setCategories] = useState<{ code: string; name: string }[]>([]);
  const [code, setCode] = useState('');
  const [reason, setReason] = useState('');
  useEffect(() => {
    ws.categories().then(
      (x) => setCategories(x.items.filter((c) => c.active && c.code !== r.category.code).map((c) => ({ code: c.code, name: localName(c.name) }))),
      () => {},
    );
  }, [r.category.code, localName]);
  const nameOf = new Map(categories.map((c) => [c.code, c.name]));
  const percent = new Intl.NumberFormat(intlLocale, { style: 'percent', maximumFractionDigits: 0 });
  const suggested = (r.router?.suggestions ?? []).filter((s) => nameOf.has(s.category));
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!f.required({ category: [code, t('ws.category')] })) return;
    void run(
      () => s48.recategorise(r.caseId, { category: code, ...(reason.trim() ? { reason: reason.trim() } : {}) }),
      () => {
        setCode('');
        setReason('');
      },
      (res) => t('router.done_recategorise', { category: nameOf.get(res.category) ?? res.category, unit: res.unitName ?? '—' }),
    );
  }
  return (
    <SubForm id="s48-category" title={t('router.change_category')} onSubmit={submit} onChange={f.clearOnChange}>
      <FormError message={f.formError} />
      {r.router ? (
        <p className="meta" data-testid="router-advice">
          {t('router.model_said', { version: r.router.modelVersion, confidence: percent.format(r.router.confidence) })}
        </p>
      ) : null}
      {suggested.length ? (
        <div className="category-suggestions" role="group" aria-label={t('router.suggested_categories')}>
          {suggested.map((s) => (
            <button
              key={s.category}
              type="button"
              className={code === s.category ? 'chip chosen' : 'chip'}
              aria-pressed={code === s.category}
              onClick={() => setCode(s.category)}
            >
              {nameOf.get(s.category)} ({percent.format(s.confidence)})
            </button>
          ))}
        </div>
      ) : null}
      <Field id="s48-category-code" field="category" label={t('ws.category')} error={f.errors.category}>
        <select value={code} onChange={(e) => setCode(e.target.value)}>
          <option value="">{t('ui.select_placeholder')}</option>
          {categories.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id="s48-category-reason" field="reason" label={t('router.category_reason')} error={f.errors.reason}>
        <textarea rows={2} value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <button type="submit" disabled={busy}>
        {t('router.change_category_button')}
      </button>
    </SubForm>
  );
}

function RerouteForm({ r, units, onChanged }: { r: StaffReport; units: OrgUnit[]; onChanged: Changed }) {
  const { t } = useI18n();
  const f = useFormErrors(['unitId', 'reason'] as const);
  const { busy, run } = useSubmit(f, onChanged, 's48-reroute');
  const [unitId, setUnitId] = useState('');
  const [reason, setReason] = useState('');
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!f.required({ unitId: [unitId, t('s48s.reroute_to')] })) return;
    void run(
      () => s48.reroute(r.caseId, { unitId, ...(reason.trim() ? { reason: reason.trim() } : {}) }),
      () => {
        setUnitId('');
        setReason('');
      },
      (res) => t('s48s.done_reroute', { unit: res.unitName }),
    );
  }
  return (
    <SubForm id="s48-reroute" title={t('s48s.reroute')} onSubmit={submit} onChange={f.clearOnChange}>
      <FormError message={f.formError} />
      <Field id="s48-reroute-unit" field="unitId" label={t('s48s.reroute_to')} error={f.errors.unitId}>
        <select value={unitId} onChange={(e) => setUnitId(e.target.value)}>
          <option value="">{t('ui.select_placeholder')}</option>
          {units
            .filter((u) => u.id !== r.unitId)
            .map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
        </select>
      </Field>
      <Field id="s48-reroute-reason" field="reason" label={t('s48s.reroute_reason')} error={f.errors.reason}>
        <textarea rows={2} value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <button type="submit" disabled={busy}>
        {t('s48s.reroute_button')}
      </button>
    </SubForm>
  );
}

function MergeForm({ r, onChanged }: { r: StaffReport; onChanged: Changed }) {
  const { t } = useI18n();
  const f = useFormErrors(['intoCaseId', 'note'] as const);
  const { busy, run } = useSubmit(f, onChanged, 's48-merge');
  const [number, setNumber] = useState('');
  const [note, setNote] = useState('');
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!f.required({ intoCaseId: [number, t('s48s.merge_into')] })) return;
    const typed = number.trim();
    void run(
      async () => {
        let into: string | null = null;
        // The full case number first; a short one ("13/26", "13") is completed after this report's own number (S48-00016/26 → S48-00013/26).
        for (const candidate of [typed, completeNumber(typed, r.number)]) {
          if (!candidate || into) continue;
          try {
            into = (await ws.caseByNumber(candidate)).id;
          } catch (err) {
            if (!(err instanceof ApiError && err.code === 'not_found'))
              throw err instanceof ApiError ? new ApiError(err.status, err.code, err.message, { field: 'intoCaseId' }) : err;
          }
        }
        // "Not found" belongs beside the number the clerk typed, saying what is needed.
        if (!into) throw new ApiError(404, 'not_found', t('s48s.merge_not_found', { typed, example: r.number }), { field: 'intoCaseId' });
        return s48.merge(r.caseId, { intoCaseId: into, ...(note.trim() ? { note: note.trim() } : {}) });
      },
      () => {
        setNumber('');
        setNote('');
      },
      (res) => t('s48s.done_merge', { number: res.intoNumber }),
    );
  }
  return (
    <SubForm id="s48-merge" title={t('s48s.merge')} onSubmit={submit} onChange={f.clearOnChange}>
      <p className="hint">{t('s48s.merge_hint')}</p>
      <FormError message={f.formError} />
      <Field id="s48-merge-into" field="intoCaseId" label={t('s48s.merge_into')} error={f.errors.intoCaseId}>
        <input value={number} maxLength={60} autoComplete="off" onChange={(e) => setNumber(e.target.value)} />
      </Field>
      <Field id="s48-merge-note" field="note" label={t('ui.note')} error={f.errors.note}>
        <textarea rows={2} value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
      </Field>
      <button type="submit" disabled={busy}>
        {t('s48s.merge_button')}
      </button>
    </SubForm>
  );
}

/**
 * A short case number completed after the pattern of a full one: "13/26" or "13" with S48-00016/26
 * gives S48-00013/26 (the year taken from the example when not typed); null when it does not fit.
 */
export function completeNumber(typed: string, example: string): string | null {
  const ex = /^(.*?)(\d+)\/(\d+)$/.exec(example);
  const short = /^(\d{1,9})(?:\s*\/\s*(\d{2,4}))?$/.exec(typed.trim());
  if (!ex || !short) return null;
  const [, prefix, digits, year] = ex as unknown as [string, string, string, string];
  const seq = short[1]!.replace(/^0+(?=\d)/, '');
  const y = short[2] ?? year;
  return `${prefix}${seq.padStart(digits.length, '0')}/${y.length === year.length ? y : y.slice(-year.length)}`;
}

function FieldResultForm({ r, onChanged }: { r: StaffReport; onChanged: Changed }) {
  const { t } = useI18n();
  const f = useFormErrors(['note', 'photoIds', 'photo'] as const);
  const { busy, run } = useSubmit(f, onChanged, 's48-field');
  const [note, setNote] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [resolve, setResolve] = useState(false);
  const [inputKey, setInputKey] = useState(0);
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!f.required({ note: [note, t('s48s.note_for_citizen')] })) return;
    void run(
      async () => {
        // Photos first: the field result names them by id.
        const photoIds: string[] = [];
        for (const file of files) photoIds.push((await s48.addPhoto(r.caseId, file)).id);
        await s48.fieldResult(r.caseId, { note: note.trim(), ...(photoIds.length ? { photoIds } : {}), ...(resolve ? { resolve } : {}) });
      },
      () => {
        setNote('');
        setFiles([]);
        setResolve(false);
        setInputKey((k) => k + 1);
      },
      () => t('s48s.done_field'),
    );
  }
  return (
    <SubForm id="s48-field" title={t('s48s.field_result')} onSubmit={submit} onChange={f.clearOnChange}>
      <FormError message={f.formError} />
      <Field id="s48-field-note" field="note" label={t('s48s.note_for_citizen')} error={f.errors.note} hint={t('s48s.field_note_hint')}>
        <textarea rows={2} value={note} maxLength={5000} onChange={(e) => setNote(e.target.value)} />
      </Field>
      <Field id="s48-field-photos" field="photo photoIds" label={t('s48s.field_photos')} error={f.errors.photo ?? f.errors.photoIds}>
        <input key={inputKey} type="file" multiple accept="image/jpeg,image/png" onChange={(e) => setFiles([...(e.target.files ?? [])])} />
      </Field>
      {r.open ? (
        <label className="checkbox">
          <input type="checkbox" checked={resolve} onChange={(e) => setResolve(e.target.checked)} />
          {t('s48s.resolve_too')}
        </label>
      ) : null}
      <button type="submit" disabled={busy}>
        {t('s48s.record_field_result')}
      </button>
    </SubForm>
  );
}

/**
 * A number as typed in the screen's language: in sr/bs/hr/cnr/sl "." groups thousands and "," is the
 * decimal mark (1.200,50), in English the reverse (1,200.50); spaces group thousands in all. Null when
 * empty; 'ambiguous' when it could be read either way by someone used to the other convention
 * ("1.5" or "1,200" in Serbian), 'invalid' when it is no number of zero or more.
 */
export function parseAmount(raw: string, locale: Locale): number | null | 'ambiguous' | 'invalid' {
  const v = raw.trim().replace(/[\s\u00a0\u202f]/g, '');
  if (!v) return null;
  if (!/^\d[\d.,]*$/.test(v)) return 'invalid';
  const [dec, grp] = locale === 'en' ? ['.', ','] : [',', '.'];
  const parts = v.split(dec);
  if (parts.length > 2) return 'ambiguous';
  const [whole, frac] = parts as [string, string?];
  if (frac !== undefined && !/^\d+$/.test(frac)) return 'invalid';
  if (whole.includes(grp)) {
    // Grouped as 1.200.000: else "1.5" in Serbian (or "1,5" in English) is a decimal in the other convention.
    if (!new RegExp(`^\\d{1,3}(\\${grp}\\d{3})+$`).test(whole)) return 'ambiguous';
  } else if (frac?.length === 3) {
    // "1,200" in Serbian is 1.2 by the rule, but 1200 to anyone used to English: ask.
    return 'ambiguous';
  }
  return Number(whole.split(grp).join('') + (frac !== undefined ? `.${frac}` : ''));
}

function Costs({ r, onChanged }: { r: StaffReport; onChanged: Changed }) {
  const { t, dateTime, locale, intlLocale } = useI18n();
  const f = useFormErrors(['labourHours', 'materials', 'contractor', 'contractorName', 'note'] as const);
  const { busy, run } = useSubmit(f, onChanged, 's48-costs');
  const [v, setV] = useState({ labourHours: '', materials: '', contractor: '', contractorName: '', note: '' });
  const set = (k: keyof typeof v) => (s: string) => setV((o) => ({ ...o, [k]: s }));
  // Amounts in the municipality's currency (GLAS_CURRENCY, sent with the report).
  const money = new Intl.NumberFormat(intlLocale, { style: 'currency', currency: r.currency, minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const hoursFmt = new Intl.NumberFormat(intlLocale, { maximumFractionDigits: 2 });
  function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = {
      labourHours: parseAmount(v.labourHours, locale),
      materials: parseAmount(v.materials, locale),
      contractor: parseAmount(v.contractor, locale),
    };
    const keys = Object.keys(parsed) as (keyof typeof parsed)[];
    const unclear = keys.find((k) => parsed[k] === 'ambiguous');
    if (unclear) {
      f.fail(new ApiError(400, 'validation', t('s48s.amount_ambiguous'), { field: unclear }));
      return;
    }
    const bad = keys.find((k) => parsed[k] === 'invalid' || (typeof parsed[k] === 'number' && !Number.isFinite(parsed[k])));
    if (bad) {
      f.fail(new ApiError(400, 'validation', t('s48s.amount_invalid'), { field: bad }));
      return;
    }
    const num = (x: number | null | 'ambiguous' | 'invalid') => (typeof x === 'number' ? x : undefined);
    const nums = { labourHours: num(parsed.labourHours), materials: num(parsed.materials), contractor: num(parsed.contractor) };
    if (!nums.labourHours && !nums.materials && !nums.contractor) {
      f.fail(new ApiError(400, 'validation', t('s48s.cost_needed'), { field: 'labourHours' }));
      return;
    }
    void run(
      () =>
        s48.recordCost(r.caseId, {
          ...(nums.labourHours ? { labourHours: nums.labourHours } : {}),
          ...(nums.materials ? { materials: nums.materials } : {}),
          ...(nums.contractor ? { contractor: nums.contractor } : {}),
          ...(v.contractorName.trim() ? { contractorName: v.contractorName.trim() } : {}),
          ...(v.note.trim() ? { note: v.note.trim() } : {}),
        }),
      () => setV({ labourHours: '', materials: '', contractor: '', contractorName: '', note: '' }),
      () => t('s48s.done_cost'),
    );
  }
  return (
    <SubForm id="s48-costs" title={t('s48s.costs')} onSubmit={submit} onChange={f.clearOnChange}>
      {r.costs.length === 0 ? (
        <p className="empty">{t('s48s.no_costs')}</p>
      ) : (
        <table className="s48-costs" data-testid="s48-costs">
          <caption className="visually-hidden">{t('s48s.costs')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('s48s.recorded_at')}</th>
              <th scope="col">{t('s48s.labour_hours')}</th>
              <th scope="col">{t('s48s.materials')}</th>
              <th scope="col">{t('s48s.contractor')}</th>
            </tr>
          </thead>
          <tbody>
            {r.costs.map((c) => (
              <tr key={c.id}>
                <td>
                  {dateTime(c.recorded_at)}
                  {c.note ? <div className="meta">{c.note}</div> : null}
                </td>
                <td>{hoursFmt.format(Number(c.labour_hours))}</td>
                <td>{money.format(Number(c.materials))}</td>
                <td>
                  {money.format(Number(c.contractor))}
                  {c.contractor_name ? <div className="meta">{c.contractor_name}</div> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <FormError message={f.formError} />
      <div className="grid-3">
        <Field id="s48-cost-hours" field="labourHours" label={t('s48s.labour_hours')} error={f.errors.labourHours}>
          <input inputMode="decimal" value={v.labourHours} onChange={(e) => set('labourHours')(e.target.value)} />
        </Field>
        <Field id="s48-cost-materials" field="materials" label={t('s48s.materials')} error={f.errors.materials}>
          <input inputMode="decimal" value={v.materials} onChange={(e) => set('materials')(e.target.value)} />
        </Field>
        <Field id="s48-cost-contractor" field="contractor" label={t('s48s.contractor')} error={f.errors.contractor}>
          <input inputMode="decimal" value={v.contractor} onChange={(e) => set('contractor')(e.target.value)} />
        </Field>
      </div>
      <div className="grid-2">
        <Field id="s48-cost-contractor-name" field="contractorName" label={t('s48s.contractor_name')} error={f.errors.contractorName}>
          <input value={v.contractorName} maxLength={200} onChange={(e) => set('contractorName')(e.target.value)} />
        </Field>
        <Field id="s48-cost-note" field="note" label={t('ui.note')} error={f.errors.note}>
          <input value={v.note} maxLength={2000} onChange={(e) => set('note')(e.target.value)} />
        </Field>
      </div>
      <button type="submit" disabled={busy}>
        {t('s48s.record_cost')}
      </button>
    </SubForm>
  );
}

/**
 * What the public reads of the report and of its updates, beside what was written; moderators edit,
 * redact, restore or approve it (with a reason the history keeps), and hide or show an update.
 */
function PublicText({ r, onChanged, moderator }: { r: StaffReport; onChanged: Changed; moderator: boolean }) {
  const { t } = useI18n();
  const m = r.moderation;
  const f = useFormErrors(['text', 'reason', 'action'] as const);
  const { busy, run } = useSubmit(f, onChanged, 's48-moderation');
  const [text, setText] = useState(m.moderatedDescription ?? r.description);
  const [reason, setReason] = useState('');
  useEffect(() => {
    setText(m.moderatedDescription ?? r.description);
  }, [m.moderatedDescription, r.description]);
  const act = (action: ReportModerationAction) => (e?: FormEvent) => {
    e?.preventDefault();
    void run(
      () => s48.moderate(r.caseId, { action, ...(action === 'edit' ? { text } : {}), ...(reason.trim() ? { reason: reason.trim() } : {}) }),
      () => setReason(''),
      () => t('s48s.done_moderation'),
    );
  };
  return (
    <SubForm id="s48-moderation" title={t('s48s.public_text')} onSubmit={act('edit')} onChange={f.clearOnChange}>
      {m.awaitingReview ? (
        <p className="callout" data-testid="s48-awaiting-review">
          {t('s48s.awaiting_review')}
        </p>
      ) : null}
      <dl className="facts">
        <dt>{t('s48s.text_as_written')}</dt>
        <dd data-testid="s48-written-text">{r.description || '—'}</dd>
        <dt>{t('s48s.text_public')}</dt>
        <dd data-testid="s48-public-text">{m.awaitingReview ? t('s48s.not_public_yet') : m.publicDescription || '—'}</dd>
      </dl>
      {moderator ? (
        <>
          <FormError message={f.formError} />
          <Field id="s48-moderation-text" field="text" label={t('s48s.public_text_edit')} error={f.errors.text} hint={t('s48s.public_text_hint')}>
            <textarea rows={3} maxLength={5000} value={text} onChange={(e) => setText(e.target.value)} />
          </Field>
          <Field id="s48-moderation-reason" field="reason" label={t('s48s.moderation_reason')} error={f.errors.reason}>
            <input value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
          </Field>
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              {t('s48s.publish_text')}
            </button>
            {m.awaitingReview ? (
              <button type="button" disabled={busy} onClick={act('approve')}>
                {t('s48s.approve_as_written')}
              </button>
            ) : null}
            <button type="button" disabled={busy} onClick={act('redact')}>
              {t('s48s.redact_text')}
            </button>
            {m.moderatedDescription !== null ? (
              <button type="button" disabled={busy} onClick={act('restore')}>
                {t('s48s.restore_text')}
              </button>
            ) : null}
          </div>
        </>
      ) : null}
      {r.updates.length ? (
        <>
          <h4>{t('s48s.updates', { n: r.updates.length })}</h4>
          <ul className="plain" data-testid="s48-updates">
            {r.updates.map((u) => (
              <UpdateItem key={u.id} r={r} u={u} onChanged={onChanged} moderator={moderator} />
            ))}
          </ul>
        </>
      ) : null}
    </SubForm>
  );
}

function UpdateItem({ r, u, onChanged, moderator }: { r: StaffReport; u: ReportUpdate; onChanged: Changed; moderator: boolean }) {
  const { t, dateTime, actor } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [text, setText] = useState(u.moderatedNote ?? u.note ?? '');
  const [reason, setReason] = useState('');
  const { done } = useContext(NoticeContext);
  async function act(action: UpdateModerationAction) {
    setBusy(true);
    try {
      await s48.moderateUpdate(r.caseId, u.id, { action, ...(action === 'edit' ? { text } : {}), ...(reason.trim() ? { reason: reason.trim() } : {}) });
      setError(null);
      setReason('');
      await onChanged();
      done('s48-moderation', t('s48s.done_moderation'));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }
  const state = u.hidden ? t('s48s.update_hidden') : u.awaitingReview ? t('s48s.not_public_yet') : u.publicNote || '—';
  return (
    <li data-testid={`s48-update-${u.id}`} data-hidden={u.hidden ? 'yes' : 'no'}>
      <div className="meta">
        {dateTime(u.at)} · {actor(u.by)}
      </div>
      <div>
        {t('s48s.text_as_written')}: {u.note}
      </div>
      <div>
        {t('s48s.text_public')}: <span data-testid="s48-update-public">{state}</span>
      </div>
      {moderator ? (
        <div className="s48-update-moderation">
          <FormError message={error} />
          <label htmlFor={`s48-update-text-${u.id}`}>{t('s48s.public_text_edit')}</label>
          <textarea id={`s48-update-text-${u.id}`} rows={2} maxLength={5000} value={text} onChange={(e) => setText(e.target.value)} />
          <label htmlFor={`s48-update-reason-${u.id}`}>{t('s48s.moderation_reason')}</label>
          <input id={`s48-update-reason-${u.id}`} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
          <div className="actions">
            <button type="button" disabled={busy} onClick={() => void act('edit')}>
              {t('s48s.publish_text')}
            </button>
            {u.awaitingReview ? (
              <button type="button" disabled={busy} onClick={() => void act('approve')}>
                {t('s48s.approve_as_written')}
              </button>
            ) : null}
            <button type="button" disabled={busy} onClick={() => void act(u.hidden ? 'show' : 'hide')}>
              {t(u.hidden ? 's48s.show_update' : 's48s.hide_update')}
            </button>
          </div>
        </div>
      ) : null}
    </li>
  );
}

function Photos({ r, onChanged }: { r: StaffReport; onChanged: Changed }) {
  const { t, dateTime } = useI18n();
  const { me } = useSession();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const { notice, done } = useContext(NoticeContext);
  const mayApprove = canModeratePhotos(me);
  async function approve(id: string) {
    setBusy(id);
    try {
      await s48.approvePhoto(id);
      setError(null);
      await onChanged();
      // The button is gone with the approval: the confirmation takes the focus.
      done('s48-photos', t('s48s.done_photo'));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(null);
    }
  }
  return (
    <section className="s48-photos" aria-labelledby="s48-photos-title">
      <h3 id="s48-photos-title">{t('s48s.photos')}</h3>
      {notice?.where === 's48-photos' ? <NoticeLine key={notice.seq} notice={notice} /> : null}
      <FormError message={error} />
      {r.photos.length === 0 ? (
        <p className="empty">{t('s48s.no_photos')}</p>
      ) : (
        <ul className="s48-photo-list" data-testid="s48-photos">
          {r.photos.map((p, i) => {
            const label = t(p.source === 'field' ? 's48s.photo_field_n' : 's48s.photo_citizen_n', { n: i + 1 });
            return (
              <li key={p.id} data-approved={p.approved ? 'yes' : 'no'}>
                <a href={s48.photoUrl(p.id)} target="_blank" rel="noreferrer">
                  <img src={s48.photoUrl(p.id)} alt={label} width={160} height={Math.round((160 * p.height) / Math.max(1, p.width))} loading="lazy" />
                </a>
                <span>{label}</span>
                <span className="meta">
                  {dateTime(p.createdAt)} · {t(p.approved ? 's48s.photo_public' : 's48s.photo_not_public')}
                </span>
                {!p.approved && mayApprove ? (
                  <button type="button" disabled={busy === p.id} onClick={() => void approve(p.id)}>
                    {t('s48s.approve_photo', { name: label })}
                  </button>
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
      {r.escalations.length === 0 ? (
        <p className="empty">{t('s48s.no_escalations')}</p>
      ) : (
        <ul className="plain" data-testid="s48-escalations">
          {r.escalations.map((e) => (
            <li key={e.id}>
              <strong>{t(e.level === 'breach' ? 's48s.escalation_breach' : 's48s.escalation_warning')}</strong> {dateTime(e.fired_at)} ·{' '}
              {t('s48s.escalation_recipients', { n: e.recipient_ids.length })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
