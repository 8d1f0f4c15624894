/** Labelled inputs with their error beside them, and the error handling every form shares. */
import { cloneElement, useCallback, useEffect, useState, type ReactElement, type ReactNode } from 'react';
import { ApiError } from '../api.ts';
import { useI18n } from '../i18n.ts';

type Control = ReactElement<{ id?: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string }>;

/** One input with its label, an optional hint, and the error message (from the API or the form) right under it. */
export function Field({ id, label, error, hint, children }: { id: string; label: ReactNode; error?: string | null; hint?: ReactNode; children: Control }) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint ? <p className="hint" id={`${id}-hint`}>{hint}</p> : null}
      {cloneElement(children, { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
      {error ? <p className="field-error" id={`${id}-error`}>{error}</p> : null}
    </div>
  );
}

export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return <p className="form-error" role="alert">{message}</p>;
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
  const reset = useCallback(() => { setErrors({}); setFormError(null); }, []);
  const fail = useCallback((e: unknown) => {
    if (e instanceof ApiError && e.field && (fields as readonly string[]).includes(e.field)) {
      setErrors({ [e.field]: e.message } as Partial<Record<F, string>>);
      setFormError(null);
      setFocusRequest((n) => n + 1);
    } else {
      setFormError(e instanceof Error ? e.message : String(e));
    }
  }, [fields]);
  /** True when every listed field has a value; otherwise marks the empty ones. */
  const required = useCallback((values: Partial<Record<F, [value: string, label: string]>>) => {
    const missing: Partial<Record<F, string>> = {};
    for (const [name, pair] of Object.entries(values) as [F, [string, string]][]) {
      if (!pair[0].trim()) missing[name] = t('error.field_required', { field: pair[1] });
    }
    setErrors(missing);
    setFormError(null);
    if (Object.keys(missing).length) {
      setFocusRequest((n) => n + 1);
      return false;
    }
    return true;
  }, [t]);
  return { errors, formError, fail, reset, required };
}
