/** Labelled inputs with their error beside them, and the error handling every form shares. */
import { cloneElement, useCallback, useEffect, useState, type ReactElement, type ReactNode, type SyntheticEvent } from 'react';
import { ApiError } from '../api.ts';
import { useI18n } from '../i18n.ts';

type Control = ReactElement<{ id?: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string }>;

/**
 * One input with its label, an optional hint, and the error message (from the API or the form) right under it.
 * `field` names the error key(s) (space-separated) of useFormErrors this input answers, when they differ
 * from the input's id or name, so that a change in it clears them (see `clearOnChange`).
 */
export function Field({
  id,
  label,
  error,
  hint,
  field,
  children,
}: {
  id: string;
  label: ReactNode;
  error?: string | null;
  hint?: ReactNode;
  field?: string;
  children: Control;
}) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field invalid' : 'field'} data-field={field}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {cloneElement(children, { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p className="form-error" role="alert">
      {message}
    </p>
  );
}

/**
 * Errors of one form: `fail` puts an API error beside the field the server named (when the form has
 * it) or above the form; `required` checks empty fields with the catalogue's wording.
 */
export function useFormErrors<F extends string>(fields: readonly F[]) {
  const { t } = useI18n();
  const [errors, setErrors] = useState<Partial<Record<F, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  // Focus moves to the first blamed field once React has rendered the error, so a keyboard or
  // screen-reader user lands on it. An effect, not requestAnimationFrame: a frame can come before
  // React commits the new errors (seen on a loaded machine), and then nothing was focused.
  const [focusRequest, setFocusRequest] = useState(0);
  useEffect(() => {
    if (focusRequest) document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusRequest]);
  const reset = useCallback(() => {
    setErrors({});
    setFormError(null);
  }, []);
  /** Forgets the errors of these fields, e.g. once the user changed the field they were about. */
  const clear = useCallback((...names: string[]) => {
    setErrors((old) => {
      if (!names.some((n) => Object.hasOwn(old, n))) return old;
      const next = { ...old };
      for (const n of names) delete next[n as F];
      return next;
    });
  }, []);
  /**
   * For a form's onChange (or onInput): the error of the field that changed goes away, so a fixed
   * field no longer shows red. The field is known by the nearest `data-field` (Field's `field`, a
   * space-separated list of error keys), else the input's name, else its id; this covers inputs,
   * selects, radio groups and comboboxes inside a Field.
   */
  const clearOnChange = useCallback(
    (e: SyntheticEvent) => {
      const el = e.target;
      if (!(el instanceof Element)) return;
      const keys = el.closest('[data-field]')?.getAttribute('data-field')?.split(/\s+/).filter(Boolean) ?? [];
      const name = el.getAttribute('name');
      if (name) keys.push(name);
      if (el.id) keys.push(el.id);
      if (keys.length) clear(...keys);
    },
    [clear],
  );
  const fail = useCallback(
    (e: unknown) => {
      if (e instanceof ApiError && e.field && (fields as readonly string[]).includes(e.field)) {
        setErrors({ [e.field]: e.message } as Partial<Record<F, string>>);
        setFormError(null);
        setFocusRequest((n) => n + 1);
      } else {
        setFormError(e instanceof Error ? e.message : String(e));
      }
    },
    [fields],
  );
  /** True when every listed field has a value; otherwise marks the empty ones (with the given message, else the catalogue's). */
  const required = useCallback(
    (values: Partial<Record<F, readonly [value: string, label: string, message?: string]>>) => {
      const missing: Partial<Record<F, string>> = {};
      for (const [name, pair] of Object.entries(values) as [F, readonly [string, string, string?]][]) {
        if (!pair[0].trim()) missing[name] = pair[2] ?? t('error.field_required', { field: pair[1] });
      }
      setErrors(missing);
      setFormError(null);
      if (Object.keys(missing).length) {
        setFocusRequest((n) => n + 1);
        return false;
      }
      return true;
    },
    [t],
  );
  return { errors, formError, fail, reset, required, clear, clearOnChange };
}
