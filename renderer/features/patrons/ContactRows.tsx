import { Field } from '../../app/ui/Field';
import type { FieldErrors } from '../../app/ui/fieldErrors';

interface ContactRowsProps<Row extends { label: string }, Key extends keyof Row & string> {
  /** "Phone" or "Email": names each control ("Phone 1", "Phone 1 type", "Remove phone 1"). */
  noun: string;
  rows: Row[];
  labels: readonly Row['label'][];
  /** The row's text property ("number", "address"); errors are looked up as `${field}.${i}.${valueKey}`. */
  valueKey: Key;
  field: string;
  inputType: 'tel' | 'email';
  errors: FieldErrors;
  blank: Row;
  onChange: (rows: Row[]) => void;
}

/** A list of typed contact rows (phones, emails): a type, a value, remove; and "add". */
export function ContactRows<Row extends { label: string }, Key extends keyof Row & string>(props: ContactRowsProps<Row, Key>) {
  const { noun, rows, labels, valueKey, field, inputType, errors, blank, onChange } = props;
  const update = (i: number, change: Partial<Row>) => onChange(rows.map((row, j) => (j === i ? { ...row, ...change } : row)));
  const lower = noun.toLowerCase();
  return (
    <>
      {rows.map((row, i) => (
        <div className="row" key={i}>
          <Field label={`${noun} ${i + 1} type`}>
            {(p) => (
              <select {...p} value={row.label} onChange={(e) => update(i, { label: e.target.value } as Partial<Row>)}>
                {labels.map((l) => <option key={l} value={l}>{l}</option>)}
              </select>
            )}
          </Field>
          <Field label={`${noun} ${i + 1}`} error={errors[`${field}.${i}.${valueKey}`]}>
            {(p) => (
              <input {...p} type={inputType} value={String(row[valueKey])} onChange={(e) => update(i, { [valueKey]: e.target.value } as Partial<Row>)} />
            )}
          </Field>
          <button type="button" onClick={() => onChange(rows.filter((_, j) => j !== i))}>Remove {lower} {i + 1}</button>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...rows, blank])}>Add {lower}</button>
    </>
  );
}
