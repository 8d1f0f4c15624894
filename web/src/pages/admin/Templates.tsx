/**
 * Message templates per kind × channel × language. The administrator edits one language at a time
 * and sees, as they type, the message in every language and script: rendered with example values by
 * the same template and SMS-encoding code the server uses (so encoding and part counts are exact),
 * and, for a real case, rendered by the server itself with the price of the SMS. A template with an
 * unknown placeholder is refused by the server on save; its error shows beside the text.
 */
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { checkTemplate, renderTemplate, type PlaceholderValues } from '../../../../src/notifications/domain/template.ts';
import { placeholderValues } from '../../../../src/notifications/domain/render.ts';
import { planSms } from '../../../../src/channels/sms-encoding.ts';
import { t as translate, latToCyr } from '../../../../src/i18n/index.ts';
import { ApiError } from '../../api.ts';
import {
  ws,
  TEMPLATE_CHANNELS,
  type NotificationKind,
  type Placeholder,
  type Preview,
  type Template,
  type TemplateChannel,
  type TemplateVersion,
} from '../../api-workspace.ts';
import { HTML_LANG, LOCALE_NAMES, LOCALES, loadLocaleFile, useI18n, type Locale, type MessageKey } from '../../i18n.ts';
import { navigate, useLocation } from '../../router.tsx';
import { Loading } from '../../components/common.tsx';
import { Field, FormError, useFormErrors } from '../../components/form.tsx';
import { kindLabel } from '../../components/CaseMessages.tsx';
import { useSavedNotice } from './shared.tsx';
import { useSession } from '../../session.ts';

const DAY = 86_400_000;

/** What the example case says in each language: the same facts the server would fill in. */
function exampleValues(kind: string, eventType: string, locale: Locale, publicUrl: string): PlaceholderValues {
  const registeredAt = new Date(Date.now() - 2 * DAY);
  const statusTo = kind.startsWith('status:') ? kind.slice(7) : null;
  return placeholderValues(
    {
      number: 'UP-I-PIS-042/2026',
      subject: 'Zahtev za izdavanje građevinske dozvole',
      status: statusTo ?? 'in_progress',
      registeredAt,
      unitName: 'Odeljenje za urbanizam i građevinarstvo',
      clerkName: 'Petar Petrović',
      awaitingName: 'Zavod za zaštitu spomenika kulture',
      dueAt: new Date(registeredAt.getTime() + 30 * DAY),
      classificationCode: '351-1',
      trackingCode: 'K7QX-3MPA-9RTZ',
    },
    { type: eventType, data: statusTo ? { to: statusTo } : {}, note: translate(locale, 'ws.example_note'), visibility: 'public' },
    'Marko Marković',
    locale,
    { publicUrl, municipality: translate(locale, 'ws.example_municipality'), timeZone: 'Europe/Belgrade' },
  );
}

interface LocalPreview {
  text: string | null;
  problem: string | null;
  sms: { encoding: string; parts: number; units: number; folded: { parts: number } } | null;
}

function renderLocal(kind: NotificationKind, channel: TemplateChannel, locale: Locale, body: string, publicUrl: string): LocalPreview {
  const check = checkTemplate(channel, body);
  if (!check.ok) return { text: null, problem: check.problem, sms: null };
  const text = renderTemplate(body, exampleValues(kind.kind, kind.eventType, locale, publicUrl));
  if (channel !== 'sms') return { text, problem: null, sms: null };
  const plan = planSms(text, 'unicode');
  return {
    text,
    problem: null,
    sms: { encoding: plan.encoding, parts: plan.parts, units: plan.unitsUsed, folded: { parts: planSms(text, 'gsm7-fold').parts } },
  };
}

export function Templates() {
  const i18n = useI18n();
  const { t } = i18n;
  const { query } = useLocation();
  const [kinds, setKinds] = useState<NotificationKind[] | null>(null);
  const [placeholders, setPlaceholders] = useState<Placeholder[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    Promise.all([ws.notificationKinds(), ws.placeholders()]).then(
      ([k, p]) => {
        setKinds(k.items);
        setPlaceholders(p.items);
      },
      (e: Error) => {
        setError(e.message);
        setKinds([]);
      },
    );
  }, []);
  const kindId = query.get('kind') ?? 'registered';
  const channel = (TEMPLATE_CHANNELS as readonly string[]).includes(query.get('channel') ?? '') ? (query.get('channel') as TemplateChannel) : 'sms';
  const kind = kinds?.find((k) => k.kind === kindId) ?? kinds?.[0];
  const go = (k: string, c: TemplateChannel) => navigate(`/admin/templates?kind=${encodeURIComponent(k)}&channel=${c}`, { replace: true });

  if (kinds === null) return <Loading />;
  return (
    <>
      <FormError message={error} />
      <div className="grid-2">
        <Field id="tpl-kind" label={t('ui.event')}>
          <select value={kind?.kind ?? ''} onChange={(e) => go(e.target.value, channel)}>
            {kinds.map((k) => (
              <option key={k.kind} value={k.kind}>
                {kindLabel(i18n, k.kind, k.eventType)} ({t(`ws.level.${k.level}` as MessageKey)})
              </option>
            ))}
          </select>
        </Field>
        <Field id="tpl-channel" label={t('ws.channel')}>
          <select value={channel} onChange={(e) => go(kind?.kind ?? kindId, e.target.value as TemplateChannel)}>
            {TEMPLATE_CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`ws.template_channel.${c}` as MessageKey)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {kind?.level === 'internal' ? <p className="callout">{t('ws.kind_internal_note')}</p> : null}
      {kind ? <Editor key={`${kind.kind}/${channel}`} kind={kind} channel={channel} placeholders={placeholders} /> : null}
    </>
  );
}

function Editor({ kind, channel, placeholders }: { kind: NotificationKind; channel: TemplateChannel; placeholders: Placeholder[] }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [templates, setTemplates] = useState<Template[] | null>(null);
  const [drafts, setDrafts] = useState<Partial<Record<Locale, string>>>({});
  const [locale, setLocale] = useState<Locale>(i18n.locale);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [versionsKey, setVersionsKey] = useState(0);
  const f = useFormErrors(['body'] as const);
  const saved = useSavedNotice();
  const area = useRef<HTMLTextAreaElement>(null);
  const publicUrl = useSession().me.publicUrl ?? window.location.origin;

  const load = async () => {
    try {
      const r = await ws.listTemplates({ kind: kind.kind, channel });
      setTemplates(r.items);
      setDrafts(Object.fromEntries(r.items.map((x) => [x.locale, x.body])));
      setLoadError(null);
    } catch (e) {
      setLoadError(e instanceof Error ? e.message : String(e));
      setTemplates([]);
    }
  };
  useEffect(() => {
    void load();
  }, []);
  // The previews speak every language: their messages are loaded once, then the previews are drawn again.
  const [allLanguages, setAllLanguages] = useState(0);
  useEffect(() => {
    Promise.all(LOCALES.map(loadLocaleFile)).then(
      () => setAllLanguages(1),
      () => setAllLanguages(1),
    );
  }, []);

  const current = templates?.find((x) => x.locale === locale);
  const draft = drafts[locale] ?? '';
  const changed = current !== undefined && draft !== current.body;
  const previews = useMemo(
    () => Object.fromEntries(LOCALES.map((l) => [l, renderLocal(kind, channel, l, drafts[l] ?? '', publicUrl)])) as Record<Locale, LocalPreview>,
    // allLanguages: drawn again once every language's messages are here.
    // biome-ignore lint/correctness/useExhaustiveDependencies: allLanguages is the signal that the messages arrived
    [kind, channel, drafts, publicUrl, allLanguages],
  );
  const localProblem = previews[locale]?.problem;

  function setDraft(v: string) {
    setDrafts((d) => ({ ...d, [locale]: v }));
    f.reset();
  }
  function insert(placeholder: string) {
    const el = area.current;
    const at = el ? el.selectionStart : draft.length;
    const end = el ? el.selectionEnd : draft.length;
    setDraft(draft.slice(0, at) + placeholder + draft.slice(end));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + placeholder.length, at + placeholder.length);
    });
  }
  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      await ws.saveTemplate(kind.kind, channel, locale, draft);
      const r = await ws.listTemplates({ kind: kind.kind, channel });
      setTemplates(r.items);
      setVersionsKey((n) => n + 1);
      saved.notify();
    } catch (err) {
      f.fail(err);
    } finally {
      setBusy(false);
    }
  }

  if (templates === null) return <Loading />;
  const bodyError = f.errors.body ?? (localProblem ? t('error.validation', { detail: localProblem }) : null);
  return (
    <div className="template-editor">
      <FormError message={loadError} />
      <form onSubmit={save} noValidate className="card" aria-labelledby="tpl-edit-title">
        <h2 id="tpl-edit-title">
          {t('ws.edit_template', { event: kindLabel(i18n, kind.kind, kind.eventType), channel: t(`ws.template_channel.${channel}` as MessageKey) })}
        </h2>
        <FormError message={f.formError} />
        {saved.node}
        <Field id="tpl-locale" label={t('ws.template_language')}>
          <select
            value={locale}
            onChange={(e) => {
              setLocale(e.target.value as Locale);
              f.reset();
            }}
          >
            {LOCALES.map((l) => (
              <option key={l} value={l} lang={HTML_LANG[l]}>
                {LOCALE_NAMES[l]}
                {drafts[l] !== templates.find((x) => x.locale === l)?.body ? ' *' : ''}
              </option>
            ))}
          </select>
        </Field>
        <p className="meta" data-testid="template-version">
          {current
            ? current.builtIn
              ? t('ws.builtin_version')
              : t('ws.version_saved', { n: current.version, at: i18n.dateTime(current.savedAt), by: current.savedBy ?? '—' })
            : null}
          {changed ? ` · ${t('ws.unsaved_changes')}` : ''}
        </p>
        <Field id="tpl-body" label={t('ws.template_text', { language: LOCALE_NAMES[locale] })} error={bodyError}>
          <textarea ref={area} rows={channel === 'email_body' ? 10 : 4} value={draft} lang={HTML_LANG[locale]} onChange={(e) => setDraft(e.target.value)} />
        </Field>
        <div className="placeholders">
          <p className="label" id="ph-label">
            {t('ws.placeholders')}
          </p>
          <ul aria-labelledby="ph-label">
            {placeholders.map((p) => (
              <li key={p.name}>
                <button
                  type="button"
                  className="chip"
                  onClick={() => insert(p.placeholder)}
                  aria-label={t('ws.insert_placeholder', { placeholder: p.placeholder, what: placeholderText(t, p) })}
                >
                  <code>{p.placeholder}</code>
                </button>
                <span className="meta">{placeholderText(t, p)}</span>
              </li>
            ))}
          </ul>
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy || !changed}>
            {t('ws.save_new_version')}
          </button>
          <button type="button" disabled={!changed} onClick={() => setDraft(current?.body ?? '')}>
            {t('ws.discard_changes')}
          </button>
          {locale === 'sr-Cyrl' && drafts['sr-Latn'] ? (
            <button type="button" onClick={() => setDraft(latToCyr(drafts['sr-Latn'] ?? ''))}>
              {t('ws.from_latin')}
            </button>
          ) : null}
        </div>
      </form>

      <section className="card" aria-labelledby="tpl-preview-title">
        <h2 id="tpl-preview-title">{t('ws.preview_all')}</h2>
        <p className="hint">{t('ws.preview_example_hint')}</p>
        <ul className="preview-grid" data-testid="previews">
          {LOCALES.map((l) => {
            const p = previews[l];
            return (
              <li key={l} className={l === locale ? 'preview editing' : 'preview'} data-locale={l}>
                <div className="preview-head">
                  <strong>{LOCALE_NAMES[l]}</strong>
                  {l === locale ? (
                    <span className="meta">{t('ws.editing')}</span>
                  ) : (
                    <button
                      type="button"
                      className="link"
                      onClick={() => {
                        setLocale(l);
                        f.reset();
                      }}
                    >
                      {t('ws.edit_language', { language: LOCALE_NAMES[l] })}
                    </button>
                  )}
                </div>
                {p.text !== null ? (
                  <p className="preview-text" lang={HTML_LANG[l]}>
                    {p.text}
                  </p>
                ) : (
                  <p className="field-error">{p.problem}</p>
                )}
                {p.sms ? (
                  <p className="sms-figures">
                    <span className="sms-encoding">{p.sms.encoding}</span> · <span className="sms-parts">{t('ws.sms_parts_n', { n: p.sms.parts })}</span> ·{' '}
                    {t('ws.sms_units', { n: p.sms.units })}
                    {p.sms.encoding === 'UCS-2' ? <span className="meta"> · {t('ws.sms_folded', { n: p.sms.folded.parts })}</span> : null}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
      </section>

      <RealCasePreview kind={kind} channel={channel} locale={locale} body={draft} bodyOk={!localProblem} />
      <Versions key={`${locale}/${versionsKey}`} kind={kind} channel={channel} locale={locale} onUse={setDraft} />
    </div>
  );
}

function placeholderText(t: (k: MessageKey) => string, p: Placeholder): string {
  const key = `ws.ph.${p.name}` as MessageKey;
  const s = t(key);
  return s === key ? p.description : s;
}

/** The server's rendering, for a case the user may see or a made-up one, with the SMS price; asked again a moment after each keystroke. */
function RealCasePreview({
  kind,
  channel,
  locale,
  body,
  bodyOk,
}: {
  kind: NotificationKind;
  channel: TemplateChannel;
  locale: Locale;
  body: string;
  bodyOk: boolean;
}) {
  const { t } = useI18n();
  const [number, setNumber] = useState('');
  const [caseId, setCaseId] = useState<string | null>(null);
  const [caseError, setCaseError] = useState<string | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);

  async function find(e: FormEvent) {
    e.preventDefault();
    const n = number.trim();
    if (!n) {
      setCaseError(t('error.field_required', { field: t('ui.case_number') }));
      return;
    }
    try {
      const c = await ws.caseByNumber(n);
      setCaseId(c.id);
      setCaseError(null);
    } catch (err) {
      setCaseId(null);
      setPreview(null);
      setCaseError(err instanceof Error ? err.message : String(err));
    }
  }
  useEffect(() => {
    if (!bodyOk) return;
    let live = true;
    const timer = setTimeout(() => {
      // Without a chosen case the server renders a made-up one, so price and parts show at once.
      ws.previewTemplate({ ...(caseId ? { caseId } : {}), kind: kind.kind, channel, locale, body }).then(
        (p) => {
          if (live) {
            setPreview(p);
            setPreviewError(null);
          }
        },
        (err: unknown) => {
          if (live) {
            setPreview(null);
            setPreviewError(err instanceof ApiError ? err.message : String(err));
          }
        },
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [caseId, kind.kind, channel, locale, body, bodyOk]);

  return (
    <section className="card" aria-labelledby="tpl-real-title">
      <h2 id="tpl-real-title">{t('ws.preview_real')}</h2>
      <p className="hint">{t('ws.preview_real_hint')}</p>
      <form onSubmit={find} noValidate className="inline-row">
        <Field id="tpl-case" label={t('ui.case_number')} error={caseError}>
          <input value={number} maxLength={80} onChange={(e) => setNumber(e.target.value)} />
        </Field>
        <button type="submit">{t('ws.show_preview')}</button>
      </form>
      <FormError message={previewError} />
      {preview ? (
        <div className="server-preview" data-testid="server-preview">
          <p className="preview-text" lang={HTML_LANG[locale]}>
            {preview.text}
          </p>
          {preview.sms ? (
            <p className="sms-figures">
              {preview.sms.encoding} · {t('ws.sms_parts_n', { n: preview.sms.parts })} ·{' '}
              {t('ws.sms_cost', { cost: preview.sms.cost.toFixed(2), currency: preview.sms.currency })}
              <span className="meta">
                {' '}
                · {t(`ws.sms_policy.${preview.sms.alternative.policy}` as MessageKey)}: {preview.sms.alternative.encoding},{' '}
                {t('ws.sms_parts_n', { n: preview.sms.alternative.parts })},{' '}
                {t('ws.sms_cost', { cost: preview.sms.alternative.cost.toFixed(2), currency: preview.sms.alternative.currency })}
              </span>
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

function Versions({ kind, channel, locale, onUse }: { kind: NotificationKind; channel: TemplateChannel; locale: Locale; onUse: (body: string) => void }) {
  const { t, dateTime } = useI18n();
  const [items, setItems] = useState<TemplateVersion[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    ws.templateVersions(kind.kind, channel, locale).then(
      (r) => setItems(r.items),
      (e: Error) => {
        setError(e.message);
        setItems([]);
      },
    );
  }, [kind.kind, channel, locale]);
  return (
    <section className="card" aria-labelledby="tpl-versions-title">
      <h2 id="tpl-versions-title">{t('ws.versions', { language: LOCALE_NAMES[locale] })}</h2>
      <FormError message={error} />
      {items === null ? (
        <Loading />
      ) : (
        <table role="table" className="responsive" data-testid="versions">
          <thead role="rowgroup">
            <tr role="row">
              <th scope="col" role="columnheader">
                {t('ws.version')}
              </th>
              <th scope="col" role="columnheader">
                {t('ws.saved_at')}
              </th>
              <th scope="col" role="columnheader">
                {t('ws.template_text_short')}
              </th>
              <th scope="col" role="columnheader">
                <span className="visually-hidden">{t('ui.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody role="rowgroup">
            {items.map((v) => (
              <tr role="row" key={v.version}>
                <td role="cell" data-label={t('ws.version')}>
                  {v.builtIn ? t('ws.builtin_version') : v.version}
                </td>
                <td role="cell" data-label={t('ws.saved_at')}>
                  {v.savedAt ? `${dateTime(v.savedAt)} · ${v.savedBy ?? ''}` : '—'}
                </td>
                <td role="cell" data-label={t('ws.template_text_short')}>
                  <span lang={HTML_LANG[locale]} className="version-body">
                    {v.body}
                  </span>
                </td>
                <td role="cell" data-label={t('ui.actions')}>
                  <button
                    type="button"
                    onClick={() => onUse(v.body)}
                    aria-label={`${t('ws.use_this_text')} (${v.builtIn ? t('ws.builtin_version') : t('ws.version_n', { n: v.version })})`}
                  >
                    {t('ws.use_this_text')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
