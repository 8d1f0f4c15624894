/** Pieces the administration screens share: a reloadable list, names per language, a saved notice. */
import { useCallback, useEffect, useState } from 'react';
import { HANDWRITTEN_LOCALES } from '../../../../src/i18n/catalog.ts';
import type { LocalisedName } from '../../api.ts';
import { HTML_LANG, LOCALE_NAMES, useI18n } from '../../i18n.ts';
import { Field } from '../../components/form.tsx';

/** Loads a list once, and again after each change. */
export function useList<T>(load: () => Promise<{ items: T[] }>) {
  const [items, setItems] = useState<T[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(
    () =>
      load().then(
        (r) => {
          setItems(r.items);
          setError(null);
        },
        (e: Error) => {
          setError(e.message);
          setItems((x) => x ?? []);
        },
      ),
    // Loaders are functions of the API client that never change; loading once per mount is the point.
    [],
  );
  useEffect(() => {
    void reload();
  }, [reload]);
  return { items, error, reload };
}

/** One input per hand-written language (Serbian Cyrillic is derived from the Latin text). */
export function NameInputs({
  idPrefix,
  value,
  onChange,
  error,
  label,
  kind = 'name',
}: {
  idPrefix: string;
  value: LocalisedName;
  onChange: (v: LocalisedName) => void;
  error?: string | null;
  label?: string;
  kind?: 'name' | 'label';
}) {
  const { t } = useI18n();
  return (
    <>
      {HANDWRITTEN_LOCALES.map((l, i) => (
        <Field
          key={l}
          id={`${idPrefix}-${l}`}
          label={t(kind === 'name' ? 'ui.name_in' : 'ws.label_in', { language: LOCALE_NAMES[l] }) + (label ? ` (${label})` : '')}
          error={i === 0 ? error : undefined}
        >
          <input value={value[l] ?? ''} maxLength={200} lang={HTML_LANG[l]} onChange={(e) => onChange({ ...value, [l]: e.target.value })} />
        </Field>
      ))}
    </>
  );
}

/** Names without empty entries, as the API wants them. */
export function cleanNames(v: LocalisedName): LocalisedName {
  const out: LocalisedName = {};
  for (const [k, s] of Object.entries(v) as [keyof LocalisedName, string | undefined][]) if (s?.trim()) out[k] = s.trim();
  return out;
}

/** A polite live region that says "Saved." after each change, freshly each time. */
export function useSavedNotice() {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const notify = useCallback(() => {
    setText('');
    requestAnimationFrame(() => setText(t('ui.saved')));
  }, [t]);
  const node = (
    <p className={text ? 'flash' : 'visually-hidden'} role="status">
      {text}
    </p>
  );
  return { notify, node };
}
