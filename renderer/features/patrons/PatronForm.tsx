import { useState, type FormEvent } from 'react';
import { EMAIL_LABELS, PHONE_LABELS, type PatronDetails } from '@shared/domain/patron';
import { Field, FormError } from '../../app/ui/Field';
import type { FieldErrors } from '../../app/ui/fieldErrors';

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
        {draft.phones.map((phone, i) => (
          <div className="row" key={i}>
            <Field label={`Phone ${i + 1} type`}>
              {(p) => (
                <select {...p} value={phone.label} onChange={(e) => set('phones', draft.phones.map((x, j) => (j === i ? { ...x, label: e.target.value as typeof x.label } : x)))}>
                  {PHONE_LABELS.map((l) => <option key={l} value={l}>{l}</option>)}
                </select>
              )}
            </Field>
            <Field label={`Phone ${i + 1}`} error={errors[`phones.${i}.number`]}>
              {(p) => <input {...p} type="tel" value={phone.number} onChange={(e) => set('phones', draft.phones.map((x, j) => (j === i ? { ...x, number: e.target.value } : x)))} />}
            </Field>
            <button type="button" onClick={() => set('phones', draft.phones.filter((_, j) => j !== i))}>Remove phone {i + 1}</button>
          </div>
        ))}
        <button type="button" onClick={() => set('phones', [...draft.phones, { label: 'mobile', number: '' }])}>Add phone</button>
      </fieldset>
      <fieldset>
        <legend>Emails</legend>
        {draft.emails.map((email, i) => (
          <div className="row" key={i}>
            <Field label={`Email ${i + 1} type`}>
              {(p) => (
                <select {...p} value={email.label} onChange={(e) => set('emails', draft.emails.map((x, j) => (j === i ? { ...x, label: e.target.value as typeof x.label } : x)))}>
                  {EMAIL_LABELS.map((l) => <option key={l} value={l}>{l}</option>)}
                </select>
              )}
            </Field>
            <Field label={`Email ${i + 1}`} error={errors[`emails.${i}.address`]}>
              {(p) => <input {...p} type="email" value={email.address} onChange={(e) => set('emails', draft.emails.map((x, j) => (j === i ? { ...x, address: e.target.value } : x)))} />}
            </Field>
            <button type="button" onClick={() => set('emails', draft.emails.filter((_, j) => j !== i))}>Remove email {i + 1}</button>
          </div>
        ))}
        <button type="button" onClick={() => set('emails', [...draft.emails, { label: 'personal', address: '' }])}>Add email</button>
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
