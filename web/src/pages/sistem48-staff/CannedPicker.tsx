/**
 * Picking a canned response in the answer panel: the templates that fit the report's unit, category and the
 * chosen status (also in the case panel's status change, where only templates for any category fit), in the language the clerk chooses (the interface's at first). Picking fills in the note,
 * which the clerk then edits and sends; nothing is sent by picking.
 */
import { useEffect, useState } from 'react';
import { adminApi, type CannedResponse } from '../../api-admin.ts';
import { HTML_LANG, LOCALE_NAMES, LOCALES, makeI18n, useI18n, type Locale } from '../../i18n.ts';
import type { CaseStatus } from '../../../../src/kernel/types.ts';

export function CannedPicker({
  unitId,
  categoryId,
  status,
  onPick,
  idPrefix = 's48-canned',
}: {
  unitId: string | null;
  /** The report's category; null for a case that is no problem report, which only takes templates for any category. */
  categoryId: number | null;
  status: CaseStatus;
  onPick: (text: string) => void;
  idPrefix?: string;
}) {
  const { t, localName, locale } = useI18n();
  const [all, setAll] = useState<CannedResponse[]>([]);
  const [chosen, setChosen] = useState('');
  const [language, setLanguage] = useState<Locale>(locale);
  useEffect(() => {
    adminApi.cannedResponses(true).then(
      (r) => setAll(r.items),
      () => {},
    );
  }, []);
  const fitting = all.filter(
    (c) =>
      (c.unit_id === null || c.unit_id === unitId) && (c.category_id === null || c.category_id === categoryId) && (c.status === null || c.status === status),
  );
  if (fitting.length === 0) return null;
  const fill = (id: string, lang: Locale) => {
    const c = fitting.find((x) => x.id === id);
    // The chosen language, else Serbian (transliterated for Cyrillic), else any the template has.
    if (c) onPick(makeI18n(lang).localName(c.body));
  };
  return (
    <div className="grid-2 canned-picker">
      <div className="field">
        <label htmlFor={idPrefix}>{t('adm.canned_pick')}</label>
        <p className="hint" id={`${idPrefix}-hint`}>
          {t('adm.canned_pick_hint')}
        </p>
        <select
          id={idPrefix}
          aria-describedby={`${idPrefix}-hint`}
          value={chosen}
          onChange={(e) => {
            setChosen(e.target.value);
            fill(e.target.value, language);
          }}
        >
          <option value="">{t('ui.select_placeholder')}</option>
          {fitting.map((c) => (
            <option key={c.id} value={c.id}>
              {localName(c.title)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-language`}>{t('adm.canned_language')}</label>
        <select
          id={`${idPrefix}-language`}
          value={language}
          onChange={(e) => {
            const lang = e.target.value as Locale;
            setLanguage(lang);
            if (chosen) fill(chosen, lang);
          }}
        >
          {LOCALES.map((l) => (
            <option key={l} value={l} lang={HTML_LANG[l]}>
              {LOCALE_NAMES[l]}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
