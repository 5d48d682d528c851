import { useCallback, useState } from 'react';
import { isDeskError, type FieldIssue } from '@shared/errors/deskError';

/** Field path → message, as shown next to each input. */
export type FieldErrors = Record<string, string>;

export function toFieldErrors(issues: readonly FieldIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) errors[issue.field] ??= issue.message;
  return errors;
}

/**
 * Runs a save and turns a validation error into per-field messages; any other error
 * becomes the form-level message. Returns true when the save succeeded.
 */
export function useSubmit(failure = 'Not saved') {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = useCallback(async (save: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    try {
      await save();
      setErrors({});
      setFormError(null);
      return true;
    } catch (err) {
      if (isDeskError(err, 'validation') && err.issues.length > 0) {
        setErrors(toFieldErrors(err.issues));
        setFormError(`${failure}: ${err.issues.length === 1 ? 'one field needs' : `${err.issues.length} fields need`} attention.`);
      } else {
        setErrors({});
        setFormError(`${failure}: ${err instanceof Error ? err.message : String(err)}`);
      }
      return false;
    } finally {
      setBusy(false);
    }
  }, [failure]);

  const clear = useCallback(() => {
    setErrors({});
    setFormError(null);
  }, []);

  return { errors, formError, busy, submit, clear };
}
