import { useState, type FormEvent } from 'react';
import { EMAIL_LABELS, PHONE_LABELS, type Email, type PatronDetails, type Phone } from '@shared/domain/patron';
import { Field, FormError } from '../../app/ui/Field';
import type { FieldErrors } from '../../app/ui/fieldErrors';
import { ContactRows } from './ContactRows';

type Draft = PatronDetails;
type TextKey = 'title' | 'firstName' | 'lastName' | 'cardNumber' | 'pronouns' | 'language';

interface PatronFormProps {
  initial: PatronDetails;
  errors: FieldErrors;
  formError: string | null;
  busy: boolean;
  submitLabel: string;
  onSubmit: (draft: Draft) => void;
  onCancel: () => void;
}

/** The patron's details form. Saving is all-or-nothing; each invalid field says why beside itself. */
export function PatronForm({ initial, errors, formError, busy, submitLabel, onSubmit, onCancel }: PatronFormProps) {
  const [draft, setDraft] = useState<Draft>(initial);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const text = (key: TextKey, label: string, extra: { autoFocus?: boolean; hint?: string } = {}) => (
    <Field label={label} error={errors[key]} {...(extra.hint ? { hint: extra.hint } : {})}>
      {(p) => <input {...p} value={draft[key]} autoFocus={extra.autoFocus} onChange={(e) => set(key, e.target.value)} />}
    </Field>
  );

  function submit(e: FormEvent) {
    e.preventDefault();
    onSubmit(draft);
  }

  return (
    <form onSubmit={submit} className="patron-form" aria-label="Patron details" noValidate>
      <fieldset className="grid-3">
        <legend>Name</legend>
        {text('title', 'Title', { hint: 'e.g. Prof., Dr, Ms' })}
        {text('firstName', 'First name', { autoFocus: true })}
        {text('lastName', 'Last name')}
      </fieldset>
      <fieldset className="grid-3">
        <legend>Identity</legend>
        {text('cardNumber', 'Card number', { hint: 'Scan the card or type it' })}
        {text('pronouns', 'Pronouns')}
        {text('language', 'Language')}
      </fieldset>
      <fieldset>
        <legend>Phones</legend>
        <ContactRows<Phone, 'number'> noun="Phone" field="phones" valueKey="number" inputType="tel" rows={draft.phones} labels={PHONE_LABELS}
          blank={{ label: 'mobile', number: '' }} errors={errors} onChange={(rows) => set('phones', rows)} />
      </fieldset>
      <fieldset>
        <legend>Emails</legend>
        <ContactRows<Email, 'address'> noun="Email" field="emails" valueKey="address" inputType="email" rows={draft.emails} labels={EMAIL_LABELS}
          blank={{ label: 'personal', address: '' }} errors={errors} onChange={(rows) => set('emails', rows)} />
      </fieldset>
      <fieldset>
        <legend>More</legend>
        <Field label="Address" error={errors.address}>
          {(p) => <textarea {...p} rows={3} value={draft.address} onChange={(e) => set('address', e.target.value)} />}
        </Field>
        <Field label="How we met" error={errors.howWeMet} hint="Free text: where, when, what brought them in">
          {(p) => <textarea {...p} rows={3} value={draft.howWeMet} onChange={(e) => set('howWeMet', e.target.value)} />}
        </Field>
      </fieldset>
      <FormError message={formError} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>{submitLabel}</button>
        <button type="button" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}
