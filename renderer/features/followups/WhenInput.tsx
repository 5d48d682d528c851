import { format } from 'date-fns';
import { parseQuickWhen } from '@shared/followups/quickWhen';
import { Field } from '../../app/ui/Field';

/** A quick "when" box ("tomorrow 10:00", "fri 9:30", "in 2 weeks") that shows what it understood. */
export function WhenInput({ label, value, onChange, now, error }: { label: string; value: string; onChange: (v: string) => void; now: number; error?: string | undefined }) {
  const parsed = parseQuickWhen(value, now);
  const understood = parsed.ok ? format(parsed.at, "EEE d MMM yyyy, HH:mm") : undefined;
  return (
    <Field label={label} error={error ?? (value.trim() !== '' && !parsed.ok ? parsed.message : undefined)} hint={understood ? `→ ${understood}` : 'e.g. tomorrow 10:00, fri 9:30, in 2 weeks'}>
      {(p) => <input {...p} value={value} onChange={(e) => onChange(e.target.value)} autoComplete="off" />}
    </Field>
  );
}

/** Parses a WhenInput value; throws a message fit for the form when it can't. */
export function whenOrThrow(value: string, now: number): number {
  const parsed = parseQuickWhen(value, now);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.at;
}
