/**
 * One case: its header, the actions the transition table and the user's role allow (nothing else is
 * shown), assignment, notes, documents, the timeline read from the event log, and the messages sent
 * about the case with their delivery status.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { CASE_STATUSES, type CaseStatus, type Visibility } from '../../../src/kernel/types.ts';
import { canActOnCase } from '../../../src/cases/policy.ts';
import { acceptsWork } from '../../../src/cases/domain/case-status.ts';
import { api, ApiError, type CaseDetail, type CaseDocument, type CaseEvent, type OrgUnit, type StaffUser } from '../api.ts';
import { useI18n, type I18n, type MessageKey } from '../i18n.ts';
import { useSession } from '../session.ts';
import { Field, FormError, useFormErrors } from '../components/form.tsx';
import { Deadline, flash, Loading, PageTitle, StatusBadge, useTitle } from '../components/common.tsx';
import { navigate } from '../router.tsx';
import { Receipt } from '../components/Receipt.tsx';
import { decidingUnits } from './Intake.tsx';
import { CaseMessages } from '../components/CaseMessages.tsx';
import { Sistem48Panel } from './sistem48-staff/entry.tsx';
import { CannedPicker } from './sistem48-staff/CannedPicker.tsx';

interface Loaded {
  c: CaseDetail;
  events: CaseEvent[];
  documents: CaseDocument[];
}

export function CasePage({ id }: { id: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [data, setData] = useState<Loaded | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [units, setUnits] = useState<OrgUnit[]>([]);
  const [saved, setSaved] = useState('');
  const [changes, setChanges] = useState(0);

  const reload = useCallback(async () => {
    try {
      const [c, ev, docs] = await Promise.all([api.getCase(id), api.caseEvents(id), api.listDocuments(id)]);
      setData({ c, events: ev.items, documents: docs.items });
      setError(null);
      // Opening the case reads what the citizen wrote back: the queues stop showing it as unread.
      if (c.citizen_update_at) api.markCitizenUpdateRead(id).catch(() => {});
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'internal', String(e)));
    }
  }, [id]);

  useEffect(() => {
    void reload();
  }, [reload]);
  useEffect(() => {
    api.listUnits().then(
      (r) => setUnits(r.items.filter((u) => u.active)),
      () => {},
    );
  }, []);

  const changed = useCallback(async () => {
    try {
      const [c, ev, docs] = await Promise.all([api.getCase(id), api.caseEvents(id), api.listDocuments(id)]);
      setData({ c, events: ev.items, documents: docs.items });
    } catch (e) {
      // The change moved the case out of this user's sight (returned to the registry, delivered elsewhere).
      if (e instanceof ApiError && e.code === 'not_found') {
        flash(t('ui.saved'));
        navigate('/cases');
        return;
      }
      setError(e instanceof ApiError ? e : new ApiError(0, 'internal', String(e)));
    }
    setChanges((n) => n + 1);
    setSaved('');
    // A fresh text makes the live region speak even when the last change also said "Saved".
    requestAnimationFrame(() => setSaved(t('ui.saved')));
  }, [id, t]);

  useTitle(data ? data.c.number : error ? error.message : t('ui.loading'));
  if (error && !data) return <PageTitle>{error.message}</PageTitle>;
  if (!data) return <Loading />;
  const { c } = data;
  const caseTypeName = i18n.localName(c.case_type_name);

  function printReceipt() {
    document.body.classList.add('print-receipt');
    window.print();
    document.body.classList.remove('print-receipt');
  }

  return (
    <div className="case-page">
      <div className="case-head">
        <PageTitle>
          <span className="case-number">{c.number}</span>
        </PageTitle>
        <p className="subject">{c.subject}</p>
        <button type="button" className="no-print" onClick={printReceipt}>
          {t('ui.print_receipt')}
        </button>
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {saved}
      </p>
      <CaseFacts c={c} />
      <Sistem48Panel caseId={c.id} refreshKey={changes} onChanged={changed} />
      <div className="case-columns">
        <div>
          <Actions c={c} units={units} onChanged={changed} />
          <Assignment c={c} units={units} onChanged={changed} />
          <AddNote c={c} onChanged={changed} />
          <Documents c={c} documents={data.documents} onChanged={changed} />
        </div>
        <Timeline events={data.events} />
      </div>
      <CaseMessages caseId={c.id} refreshKey={changes} />
      <div className="receipt-print">
        <Receipt
          data={{
            number: c.number,
            trackingCode: c.tracking_code,
            registeredAt: c.registered_at,
            subject: c.subject,
            caseTypeName,
            partyName: c.parties[0]?.name ?? null,
          }}
        />
      </div>
    </div>
  );
}

function CaseFacts({ c }: { c: CaseDetail }) {
  const { t, dateTime, localName } = useI18n();
  return (
    <section aria-label={t('ui.status')} className="card facts-card">
      <dl className="facts">
        <dt>{t('ui.status')}</dt>
        <dd data-testid="case-status">
          <StatusBadge status={c.status} />
        </dd>
        {c.awaiting_unit_name ? (
          <>
            <dt>{t('ui.institution')}</dt>
            <dd data-testid="case-institution">{c.awaiting_unit_name}</dd>
          </>
        ) : null}
        <dt>{t('ui.unit')}</dt>
        <dd data-testid="case-unit">{c.unit_name ?? '—'}</dd>
        <dt>{t('ui.clerk')}</dt>
        <dd data-testid="case-clerk">{c.clerk_name ?? '—'}</dd>
        <dt>{t('ui.deadline')}</dt>
        <dd>
          <Deadline dueAt={c.due_at} open={c.is_open} />
        </dd>
        <dt>{t('ui.case_type')}</dt>
        <dd>{localName(c.case_type_name)}</dd>
        <dt>{t('ui.registered_at')}</dt>
        <dd>{dateTime(c.registered_at)}</dd>
        <dt>{t('ui.channel')}</dt>
        <dd>{t(`channel.${c.channel}`)}</dd>
        <dt>{t('ui.tracking_code')}</dt>
        <dd className="tracking-code">{c.tracking_code}</dd>
        <dt>{t('ui.parties')}</dt>
        <dd>
          <ul className="plain">
            {c.parties.map((p) => (
              <li key={p.id}>
                {p.name}
                {p.phone ? ` · ${p.phone}` : ''}
                {p.email ? ` · ${p.email}` : ''}
              </li>
            ))}
          </ul>
        </dd>
      </dl>
      {c.description ? <p className="description">{c.description}</p> : null}
    </section>
  );
}

function VisibilityChoice({ name, value, onChange }: { name: string; value: Visibility; onChange: (v: Visibility) => void }) {
  const { t } = useI18n();
  return (
    <fieldset className="inline">
      <legend>{t('ui.visibility')}</legend>
      {(['public', 'internal'] as const).map((v) => (
        <label key={v} className="radio">
          <input type="radio" name={name} value={v} checked={value === v} onChange={() => onChange(v)} />
          {t(v === 'public' ? 'ui.visibility_public' : 'ui.visibility_internal')}
        </label>
      ))}
    </fieldset>
  );
}

function Actions({ c, units, onChanged }: { c: CaseDetail; units: OrgUnit[]; onChanged: () => Promise<void> }) {
  const { t } = useI18n();
  const { me } = useSession();
  const moves = c.allowedTransitions.filter((s) => canActOnCase(me, 'transition', s));
  const [target, setTarget] = useState<CaseStatus | null>(null);
  const [unitId, setUnitId] = useState('');
  const [note, setNote] = useState('');
  const [visibility, setVisibility] = useState<Visibility>('public');
  const [busy, setBusy] = useState(false);
  const f = useFormErrors(['unitId', 'note'] as const);
  const needsUnit = target === 'delivered' || target === 'awaiting_opinion';
  const outside = units.filter((u) => u.kind === 'external_institution');
  const inside = units.filter((u) => u.kind !== 'external_institution' && u.id !== c.unit_id);
  // Asking for an opinion is a status change too, but it reads as what the clerk does, not where the case lands.
  const label = (s: CaseStatus) => t(moveLabel(s, c.status));

  function choose(s: CaseStatus) {
    setTarget(s);
    setUnitId('');
    f.reset();
  }
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!target) return;
    if (needsUnit && !f.required({ unitId: [unitId, t(target === 'delivered' ? 'ui.deliver_to' : 'ui.institution')] })) return;
    setBusy(true);
    try {
      await api.transition(c.id, { to: target, ...(needsUnit ? { unitId } : {}), ...(note.trim() ? { note: note.trim() } : {}), noteVisibility: visibility });
      setTarget(null);
      setNote('');
      setVisibility('public');
      await onChanged();
    } catch (err) {
      f.fail(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="actions-title">
      <h2 id="actions-title">{t('ui.actions')}</h2>
      {c.status === 'awaiting_opinion' && c.awaiting_unit_name ? (
        <p className="callout" data-testid="awaiting-opinion">
          {t('ws.waiting_for_opinion', { institution: c.awaiting_unit_name })}
        </p>
      ) : null}
      {moves.length === 0 ? (
        <p className="empty">{t('ui.no_actions')}</p>
      ) : (
        <>
          <p id="moves-label" className="label">
            {t('ui.move_to')}
          </p>
          <div className="moves" role="group" aria-labelledby="moves-label">
            {moves.map((s) => (
              <button key={s} type="button" aria-pressed={target === s} className={target === s ? 'selected' : undefined} onClick={() => choose(s)}>
                {label(s)}
              </button>
            ))}
          </div>
        </>
      )}
      {target ? (
        <form onSubmit={submit} noValidate className="move-form" aria-label={label(target)}>
          <FormError message={f.formError} />
          {target === 'awaiting_opinion' ? (
            <p className="hint" id="opinion-hint">
              {t('ws.ask_opinion_hint')}
            </p>
          ) : null}
          {needsUnit ? (
            <Field id="move-unit" label={t(target === 'delivered' ? 'ui.deliver_to' : 'ui.institution')} error={f.errors.unitId}>
              <select value={unitId} onChange={(e) => setUnitId(e.target.value)}>
                <option value="">{t('ui.select_placeholder')}</option>
                {target === 'delivered' ? (
                  decidingUnits(units).map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.name}
                    </option>
                  ))
                ) : (
                  <>
                    {outside.length ? (
                      <optgroup label={t('ws.outside_institutions')}>
                        {outside.map((u) => (
                          <option key={u.id} value={u.id}>
                            {u.name}
                          </option>
                        ))}
                      </optgroup>
                    ) : null}
                    {inside.length ? (
                      <optgroup label={t('ws.other_units')}>
                        {inside.map((u) => (
                          <option key={u.id} value={u.id}>
                            {u.name}
                          </option>
                        ))}
                      </optgroup>
                    ) : null}
                  </>
                )}
              </select>
            </Field>
          ) : null}
          <CannedPicker unitId={c.unit_id} categoryId={null} status={target} onPick={setNote} idPrefix="move-canned" />
          <Field id="move-note" label={t('ui.note')} error={f.errors.note}>
            <textarea rows={2} value={note} maxLength={5000} onChange={(e) => setNote(e.target.value)} />
          </Field>
          <VisibilityChoice name="move-visibility" value={visibility} onChange={setVisibility} />
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              {t('ui.confirm')}
            </button>
            <button type="button" onClick={() => setTarget(null)}>
              {t('ui.cancel')}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}

/** The words on a status-change button: what the clerk does, where that reads better than the status reached. */
export function moveLabel(to: CaseStatus, from: CaseStatus): MessageKey {
  if (to === 'awaiting_opinion') return 'ws.ask_opinion';
  if (to === 'in_progress' && from === 'awaiting_opinion') return 'ws.opinion_received';
  return `status.${to}` as MessageKey;
}

function Assignment({ c, units, onChanged }: { c: CaseDetail; units: OrgUnit[]; onChanged: () => Promise<void> }) {
  const { t } = useI18n();
  const { me } = useSession();
  const [unitId, setUnitId] = useState(c.unit_id ?? '');
  const [clerkId, setClerkId] = useState(c.clerk_id ?? '');
  const [clerks, setClerks] = useState<StaffUser[]>([]);
  const [busy, setBusy] = useState(false);
  const f = useFormErrors(['unitId', 'clerkId', 'note'] as const);
  const allowed = canActOnCase(me, 'assign') && acceptsWork(c.status, 'assign');

  useEffect(() => {
    setUnitId(c.unit_id ?? '');
    setClerkId(c.clerk_id ?? '');
  }, [c.unit_id, c.clerk_id]);
  useEffect(() => {
    if (!allowed || !unitId) {
      setClerks([]);
      return;
    }
    let live = true;
    api.listUsers(unitId).then(
      (r) => {
        if (live) setClerks(r.items.filter((u) => u.active));
      },
      () => {},
    );
    return () => {
      live = false;
    };
  }, [unitId, allowed]);
  if (!allowed) return null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!f.required({ unitId: [unitId, t('ui.unit')] })) return;
    setBusy(true);
    try {
      await api.assign(c.id, { unitId, clerkId: clerkId || null });
      await onChanged();
    } catch (err) {
      f.fail(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="card" aria-labelledby="assign-title">
      <h2 id="assign-title">{t('ui.assignment')}</h2>
      <form onSubmit={submit} noValidate>
        <FormError message={f.formError} />
        <div className="grid-2">
          <Field id="assign-unit" label={t('ui.unit')} error={f.errors.unitId}>
            <select
              value={unitId}
              onChange={(e) => {
                setUnitId(e.target.value);
                setClerkId('');
              }}
            >
              <option value="">{t('ui.select_placeholder')}</option>
              {units
                .filter((u) => u.kind !== 'external_institution')
                .map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
            </select>
          </Field>
          <Field id="assign-clerk" label={t('ui.clerk')} error={f.errors.clerkId}>
            <select value={clerkId} onChange={(e) => setClerkId(e.target.value)}>
              <option value="">{t('ui.no_clerk')}</option>
              {clerks.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.display_name} ({t(`role.${u.role}`)})
                </option>
              ))}
            </select>
          </Field>
        </div>
        <button type="submit" disabled={busy}>
          {t('ui.assign')}
        </button>
      </form>
    </section>
  );
}

function AddNote({ c, onChanged }: { c: CaseDetail; onChanged: () => Promise<void> }) {
  const { t } = useI18n();
  const { me } = useSession();
  const [text, setText] = useState('');
  const [visibility, setVisibility] = useState<Visibility>('internal');
  const [question, setQuestion] = useState(false);
  const [busy, setBusy] = useState(false);
  const f = useFormErrors(['text'] as const);
  if (!canActOnCase(me, 'note')) return null;
  const asking = question && visibility === 'public' && c.is_open;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!f.required({ text: [text, t('ui.note')] })) return;
    setBusy(true);
    try {
      if (asking) await api.askCitizen(c.id, text.trim());
      else await api.addNote(c.id, { text: text.trim(), visibility });
      setText('');
      setQuestion(false);
      await onChanged();
    } catch (err) {
      f.fail(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="card" aria-labelledby="note-title">
      <h2 id="note-title">{t('ui.add_note')}</h2>
      <form onSubmit={submit} noValidate>
        <FormError message={f.formError} />
        <Field id="note-text" label={t('ui.note')} error={f.errors.text}>
          <textarea rows={3} value={text} maxLength={5000} onChange={(e) => setText(e.target.value)} />
        </Field>
        <VisibilityChoice name="note-visibility" value={visibility} onChange={setVisibility} />
        {visibility === 'public' && c.is_open ? (
          <label className="inline">
            <input type="checkbox" checked={question} onChange={(e) => setQuestion(e.target.checked)} /> {t('ws.ask_citizen')}
          </label>
        ) : null}
        <button type="submit" disabled={busy}>
          {asking ? t('ws.ask_citizen_send') : t('ui.add_note')}
        </button>
      </form>
    </section>
  );
}

function formatSize(bytes: string | number): string {
  const n = Number(bytes);
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function Documents({ c, documents, onChanged }: { c: CaseDetail; documents: CaseDocument[]; onChanged: () => Promise<void> }) {
  const { t, dateTime } = useI18n();
  const { me } = useSession();
  const [file, setFile] = useState<File | null>(null);
  const [visibility, setVisibility] = useState<Visibility>('public');
  const [busy, setBusy] = useState(false);
  const [inputKey, setInputKey] = useState(0);
  const f = useFormErrors(['file'] as const);
  const canUpload = canActOnCase(me, 'document') && acceptsWork(c.status, 'document');

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!file) {
      f.required({ file: ['', t('ui.file')] });
      return;
    }
    setBusy(true);
    try {
      await api.uploadDocument(c.id, file, visibility);
      setFile(null);
      setInputKey((k) => k + 1);
      await onChanged();
    } catch (err) {
      f.fail(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="card" aria-labelledby="docs-title">
      <h2 id="docs-title">{t('ui.documents')}</h2>
      {documents.length === 0 ? (
        <p className="empty">{t('ui.no_documents')}</p>
      ) : (
        <ul className="documents">
          {documents.map((d) => (
            <li key={d.id}>
              <a href={api.documentUrl(c.id, d.id)} download={d.filename} aria-label={t('ui.download_file', { name: d.filename })}>
                {d.filename}
              </a>
              <span className="meta">
                {formatSize(d.size_bytes)} · {dateTime(d.created_at)} · {t(d.visibility === 'public' ? 'ui.visibility_public' : 'ui.visibility_internal')}
              </span>
            </li>
          ))}
        </ul>
      )}
      {canUpload ? (
        <form onSubmit={submit} noValidate className="upload">
          <FormError message={f.formError} />
          <Field id="doc-file" label={t('ui.file')} error={f.errors.file}>
            <input key={inputKey} type="file" accept=".pdf,.jpg,.jpeg,.png,.txt,.docx,.odt" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          </Field>
          <VisibilityChoice name="doc-visibility" value={visibility} onChange={setVisibility} />
          <button type="submit" disabled={busy}>
            {t('ui.upload_document')}
          </button>
        </form>
      ) : null}
    </section>
  );
}

const STATUS_SET = new Set<string>(CASE_STATUSES);

/** What an event changed, in words: the status move and the unit, clerk, institution or file it names. */
export function eventDetail(e: { type: string; data: Record<string, unknown> | null }, i18n: I18n): string[] {
  const d = e.data ?? {};
  const s = (k: string) => (typeof d[k] === 'string' ? (d[k] as string) : null);
  const out: string[] = [];
  const from = s('from');
  const to = s('to');
  if (to && STATUS_SET.has(to))
    out.push(
      from && STATUS_SET.has(from)
        ? `${i18n.t(`status.${from}` as MessageKey)} → ${i18n.t(`status.${to}` as MessageKey)}`
        : i18n.t(`status.${to}` as MessageKey),
    );
  for (const k of ['unitName', 'clerkName', 'institutionName', 'filename', 'code']) {
    const v = s(k);
    if (v) out.push(v);
  }
  if (e.type === 'case.registered' && s('channel')) out.push(i18n.t(`channel.${s('channel')}` as MessageKey));
  return out;
}

function Timeline({ events }: { events: CaseEvent[] }) {
  const i18n = useI18n();
  const { t, dateTime } = i18n;
  return (
    <section className="card timeline-card" aria-labelledby="history-title">
      <h2 id="history-title">{t('ui.history')}</h2>
      <ol className="timeline" data-testid="timeline">
        {events.map((e) => (
          <li key={e.id} className={`event event-${e.visibility}`} data-type={e.type}>
            <div className="event-head">
              <strong className="event-label">{t(`event.${e.type}` as MessageKey)}</strong>
              <span className={`vis vis-${e.visibility}`}>{t(e.visibility === 'internal' ? 'ui.visibility_internal' : 'ui.visibility_public')}</span>
            </div>
            {eventDetail(e, i18n).map((line, i) => (
              <div key={i} className="event-detail">
                {line}
              </div>
            ))}
            {e.note ? <blockquote className="event-note">{e.note}</blockquote> : null}
            <div className="event-meta">
              <time dateTime={e.occurred_at}>{dateTime(e.occurred_at)}</time> · {i18n.actor(e.actor_name)}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
