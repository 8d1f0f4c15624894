/**
 * The report router's suggestions while a description is typed (operator console, public form):
 * up to three categories with their confidence, each a button that takes it. The person still
 * chooses; nothing is taken by itself. Asked after a pause in typing, once the text says something.
 */
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n.ts';

export interface CategoryAdvice {
  modelVersion: number | null;
  suggestions: { category: string; confidence: number }[];
  autoRoute: boolean;
}

const MIN_CHARS = 12;

export function CategorySuggestions(props: {
  text: string;
  classify: (text: string) => Promise<CategoryAdvice>;
  /** The name of a category code in the reader's language; codes without one are not offered. */
  nameOf: (code: string) => string | null;
  chosen: string | null;
  onPick: (code: string) => void;
}) {
  const { t, intlLocale } = useI18n();
  const [advice, setAdvice] = useState<CategoryAdvice | null>(null);
  const { text, classify } = props;
  useEffect(() => {
    if (text.trim().length < MIN_CHARS) {
      setAdvice(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      classify(text).then(
        (a) => {
          if (live) setAdvice(a);
        },
        () => {
          if (live) setAdvice(null);
        },
      );
    }, 400);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text, classify]);
  const shown = (advice?.suggestions ?? []).filter((s) => props.nameOf(s.category) !== null && s.confidence >= 0.05);
  if (!shown.length) return null;
  const percent = new Intl.NumberFormat(intlLocale, { style: 'percent', maximumFractionDigits: 0 });
  return (
    <div className="category-suggestions" role="group" aria-label={t('router.suggested_categories')} data-testid="category-suggestions">
      <span>{t('router.suggested_categories')}:</span>{' '}
      {shown.map((s) => (
        <button
          key={s.category}
          type="button"
          className={props.chosen === s.category ? 'chip chosen' : 'chip'}
          aria-pressed={props.chosen === s.category}
          onClick={() => props.onPick(s.category)}
        >
          {props.nameOf(s.category)} ({percent.format(s.confidence)})
        </button>
      ))}
    </div>
  );
}
