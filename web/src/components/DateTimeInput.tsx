/**
 * A date and a time of day typed the way the screen's language writes them (DateInput for the day, a
 * 24-hour "14:30" for the time), instead of `<input type="datetime-local">`, which the browser shows in
 * its own language's format (mm/dd/yyyy, hh:mm AM on a Serbian screen in an English browser). The value
 * is what datetime-local gives (yyyy-mm-ddThh:mm, '' when empty), read on the municipality's clock by
 * the form (tz.ts); an incomplete or unreadable entry is passed on as typed for the form's check to refuse.
 */
import { useEffect, useState } from 'react';
import { DateInput } from './DateInput.tsx';
import { useI18n } from '../i18n.ts';
import { timeOf } from '../tz.ts';

export function DateTimeInput({
  id,
  value,
  onChange,
  required,
  ...aria
}: {
  id?: string;
  value: string;
  onChange: (v: string) => void;
  required?: boolean;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}) {
  const { t } = useI18n();
  const split = (v: string) => {
    const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(v);
    return m ? { day: m[1]!, time: m[2]! } : null;
  };
  const [day, setDay] = useState(() => split(value)?.day ?? '');
  const [time, setTime] = useState(() => split(value)?.time ?? '');
  // A value set from outside (a form reset) replaces what is typed.
  useEffect(() => {
    const s = split(value);
    if (s) {
      setDay(s.day);
      setTime((typed) => (timeOf(typed) === s.time ? typed : s.time));
    } else if (value === '') {
      setDay('');
      setTime('');
    }
  }, [value]);
  const emit = (d: string, tm: string) => {
    if (d === '' && tm.trim() === '') return onChange('');
    const hhmm = timeOf(tm);
    onChange(/^\d{4}-\d{2}-\d{2}$/.test(d) && hhmm ? `${d}T${hhmm}` : `${d}T${tm.trim()}`);
  };
  return (
    <span className="datetime-input">
      <DateInput
        {...aria}
        id={id}
        value={day}
        required={required}
        onChange={(d) => {
          setDay(d);
          emit(d, time);
        }}
      />{' '}
      <input
        type="text"
        inputMode="numeric"
        autoComplete="off"
        aria-label={t('ui.time_of_day')}
        aria-invalid={aria['aria-invalid']}
        placeholder="14:30"
        size={6}
        value={time}
        required={required}
        onChange={(e) => {
          setTime(e.target.value);
          emit(day, e.target.value);
        }}
        onBlur={() => {
          const hhmm = timeOf(time);
          if (hhmm) setTime(hhmm);
        }}
      />
    </span>
  );
}
