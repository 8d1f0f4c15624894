/**
 * Administration → Wording: find any message Glas shows or sends, change it for this municipality in
 * any language (a new version each time, previewed in every language before saving), give it back to
 * the shipped text, and export or import a whole language file for a translator.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { parse, TYPE } from '@formatjs/icu-messageformat-parser';
import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { api, ApiError, type WordingItem, type WordingVersion } from '../../api.ts';
import { HTML_LANG, LOCALE_NAMES, LOCALES, useI18n, type Locale } from '../../i18n.ts';
import { formatSource, icuLatToCyr } from '../../../../src/i18n/catalog.ts';
import { Loading } from '../../components/common.tsx';
import { FormError } from '../../components/form.tsx';

/** Sample values for a preview: counts that reach different plural forms, other arguments shown by name. */
function previewParams(source: string): Record<string, string | number>[] {
  let ast: MessageFormatElement[];
  try {
    ast = parse(source, { ignoreTag: true });
  } catch {
    return [{}];
  }
  const counts = new Set<string>();
  const walk = (els: readonly MessageFormatElement[]) => {
    for (const el of els) {
      if (el.type === TYPE.plural || el.type === TYPE.number) counts.add(el.value);
      if (el.type === TYPE.plural || el.type === TYPE.select) for (const o of Object.values(el.options)) walk(o.value);
    }
  };
  walk(ast);
  if (counts.size === 0) return [{}];
  return [1, 2, 5].map((n) => Object.fromEntries([...counts].map((c) => [c, n])));
}

function Editor({ item, onSaved }: { item: WordingItem; onSaved: () => void }) {
  const { t, reloadWording } = useI18n();
  const [drafts, setDrafts] = useState<Record<Locale, string>>(item.texts);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const [versions, setVersions] = useState<WordingVersion[] | null>(null);
  useEffect(() => {
    setDrafts(item.texts);
    api.messageVersions(item.key).then(
      (r) => setVersions(r.items),
      () => setVersions([]),
    );
  }, [item]);

  // A Latin draft shows its Cyrillic at once, unless Cyrillic has its own wording.
  const shown = (l: Locale): string =>
    l === 'sr-Cyrl' && !item.overridden.includes('sr-Cyrl') && drafts['sr-Cyrl'] === item.texts['sr-Cyrl'] ? icuLatToCyr(drafts['sr-Latn']) : drafts[l];

  const save = (l: Locale, text: string | null) => {
    setError(null);
    api.saveMessage(item.key, l, text).then(
      (r) => {
        setNotice(t('ws.wording_saved', { version: r.version }));
        reloadWording();
        onSaved();
      },
      (e: unknown) => setError(e instanceof ApiError ? e.message : String(e)),
    );
  };

  return (
    <section className="card" aria-labelledby="wording-edit-title">
      <h3 id="wording-edit-title">
        {t('ws.wording_edit')}: <code>{item.key}</code>
      </h3>
      <FormError message={error} />
      <p className={notice ? 'flash' : 'visually-hidden'} role="status">
        {notice}
      </p>
      {LOCALES.map((l) => (
        <div className="field" key={l}>
          <label htmlFor={`wording-${l}`}>
            {LOCALE_NAMES[l]}
            {item.overridden.includes(l) ? ` · ${t('ws.wording_overridden')}` : ''}
          </label>
          <textarea
            id={`wording-${l}`}
            rows={2}
            lang={HTML_LANG[l]}
            value={drafts[l]}
            maxLength={5000}
            onChange={(e) => setDrafts((d) => ({ ...d, [l]: e.target.value }))}
          />
          <div className="hint" data-testid={`wording-preview-${l}`}>
            {t('ws.wording_preview')}:{' '}
            {previewParams(shown(l)).map((p, i) => (
              <span key={i} lang={HTML_LANG[l]} className="preview-text">
                {i > 0 ? ' · ' : ''}
                {formatSource(l, shown(l), p)}
              </span>
            ))}
          </div>
          <div className="inline-row">
            <button type="button" className="primary" disabled={drafts[l] === item.texts[l]} onClick={() => save(l, drafts[l])}>
              {t('ui.save')} ({LOCALE_NAMES[l]})
            </button>
            {item.overridden.includes(l) ? (
              <button type="button" onClick={() => save(l, null)}>
                {t('ws.wording_back_to_file')}
              </button>
            ) : null}
          </div>
        </div>
      ))}
      <h4>{t('ws.wording_versions')}</h4>
      {versions === null ? (
        <Loading />
      ) : (
        <ul>
          {versions.map((v) => (
            <li key={`${v.locale}-${v.version}`}>
              {LOCALE_NAMES[v.locale]} · v{v.version} · {v.created_by_name}: <span lang={HTML_LANG[v.locale]}>{v.text ?? t('ws.wording_file_text')}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function LanguageFiles() {
  const { t, reloadWording } = useI18n();
  const [locale, setLocale] = useState<Locale>('sr-Latn');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const importFile = (file: File | undefined) => {
    if (!file) return;
    setError(null);
    file
      .text()
      .then((text) => api.importLanguageFile(locale, JSON.parse(text) as Record<string, string>))
      .then(
        (r) => {
          setNotice(t('ws.wording_imported', { changed: r.changed, unchanged: r.unchanged }));
          reloadWording();
        },
        (e: unknown) => setError(e instanceof ApiError ? e.message : t('error.malformed_json')),
      );
  };
  return (
    <section className="card" aria-labelledby="wording-files-title">
      <h3 id="wording-files-title">
        {t('ws.wording_export')} / {t('ws.wording_import')}
      </h3>
      <FormError message={error} />
      <p className={notice ? 'flash' : 'visually-hidden'} role="status">
        {notice}
      </p>
      <div className="inline-row">
        <div className="field">
          <label htmlFor="wording-file-locale">{t('ws.wording_language')}</label>
          <select id="wording-file-locale" value={locale} onChange={(e) => setLocale(e.target.value as Locale)}>
            {LOCALES.map((l) => (
              <option key={l} value={l} lang={HTML_LANG[l]}>
                {LOCALE_NAMES[l]}
              </option>
            ))}
          </select>
        </div>
        <a className="button" href={api.exportLanguageFileUrl(locale)} download={`${locale}.json`}>
          {t('ws.wording_export')}
        </a>
        <div className="field">
          <label htmlFor="wording-import">{t('ws.wording_import')}</label>
          <input id="wording-import" type="file" accept="application/json,.json" onChange={(e) => importFile(e.target.files?.[0])} />
        </div>
      </div>
    </section>
  );
}

export function Wording() {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [items, setItems] = useState<WordingItem[] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const search = (e?: FormEvent) => {
    e?.preventDefault();
    api.findMessages(q).then(
      (r) => setItems(r.items),
      () => setItems([]),
    );
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: the first list, once; later ones on request.
  useEffect(() => search(), []);
  const item = items?.find((i) => i.key === selected) ?? null;
  return (
    <>
      <p className="hint">{t('ws.wording_intro')}</p>
      <form role="search" onSubmit={search} className="inline-row">
        <div className="field">
          <label htmlFor="wording-q">{t('ws.wording_search')}</label>
          <input id="wording-q" type="search" value={q} maxLength={200} onChange={(e) => setQ(e.target.value)} />
        </div>
        <button type="submit">{t('ui.search')}</button>
      </form>
      {items === null ? (
        <Loading />
      ) : items.length === 0 ? (
        <p>{t('ws.wording_no_match')}</p>
      ) : (
        <ul className="wording-list">
          {items.map((i) => (
            <li key={i.key}>
              <button type="button" className="link" aria-pressed={i.key === selected} onClick={() => setSelected(i.key)}>
                <code>{i.key}</code>
              </button>{' '}
              {i.overridden.length ? `(${t('ws.wording_overridden')}) ` : ''}
              <span>{i.texts['sr-Latn']}</span>
            </li>
          ))}
        </ul>
      )}
      {item ? <Editor item={item} onSaved={() => search()} /> : null}
      <LanguageFiles />
    </>
  );
}
