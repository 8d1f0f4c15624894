/**
 * A calendar date typed and shown the way the screen's language writes it (31. 12. 2026. in Serbian,
 * 31. 12. 2026 in Slovenian, 31/12/2026 in English), not the way the browser's own language would:
 * `<input type="date">` shows mm/dd/yyyy on a Serbian screen in an English browser. Its value is an
 * ISO day (yyyy-mm-dd, '' when empty), as `<input type="date">`'s is; an ISO day typed in is taken too,
 * and text that is no day is passed on as typed for the form's own check to refuse.
 */
import { useEffect, useMemo, useState, type InputHTMLAttributes } from 'react';
import { useI18n } from '../i18n.ts';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type'> & { value: string; onChange: (isoDay: string) => void };

function isoOf(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function DateInput({ value, onChange, onBlur, ...rest }: Props) {
  const { intlLocale } = useI18n();
  const { format, order } = useMemo(() => {
    const f = new Intl.DateTimeFormat(intlLocale, { day: 'numeric', month: 'numeric', year: 'numeric', timeZone: 'UTC' });
    const parts = f.formatToParts(new Date(Date.UTC(2026, 11, 31))).map((p) => p.type);
    return { format: f, order: parts.filter((p) => p === 'day' || p === 'month' || p === 'year') };
  }, [intlLocale]);
  const shown = (iso: string) => (/^\d{4}-\d{2}-\d{2}$/.test(iso) ? format.format(new Date(`${iso}T00:00:00Z`)) : iso);
  const parse = (text: string): string | null => {
    const s = text.trim();
    const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
    if (iso) return isoOf(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    const numbers = s.match(/\d+/g);
    if (!numbers || numbers.length !== 3) return null;
    const at = (type: string) => Number(numbers[order.indexOf(type as 'day')]);
    const year = at('year');
    return year >= 1000 ? isoOf(year, at('month'), at('day')) : null;
  };
  const [text, setText] = useState(() => shown(value));
  // A value set from outside (a filter cleared, a form reset) replaces what is typed.
  useEffect(() => {
    setText((typed) => ((typed.trim() === '' ? '' : parse(typed)) === value ? typed : shown(value)));
  }, [value, format]);
  const example = format.format(new Date(Date.UTC(new Date().getUTCFullYear(), 11, 31)));
  return (
    <input
      {...rest}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      placeholder={example}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        // What cannot be read as a day goes to the form as typed, so its check can say what to fix.
        const typed = e.target.value.trim();
        onChange(typed === '' ? '' : (parse(typed) ?? typed));
      }}
      onBlur={(e) => {
        const iso = parse(text);
        if (iso) setText(shown(iso));
        onBlur?.(e);
      }}
    />
  );
}
