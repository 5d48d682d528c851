import { useState, type FormEvent } from 'react';
import type { Branch } from '@shared/api/branches';
import { Field, FormError } from '../../app/ui/Field';
import type { ServerApi } from '../account/serverApi';
import { refusalOf } from './useAdminData';

interface BranchesPanelProps {
  branches: Branch[];
  change: (run: (api: ServerApi) => Promise<unknown>) => Promise<void>;
}

function BranchNameForm({ label, initial, submitLabel, save, onDone }: { label: string; initial: string; submitLabel: string; save: (name: string) => Promise<void>; onDone?: () => void }) {
  const [name, setName] = useState(initial);
  const [error, setError] = useState<string | undefined>();
  const [message, setMessage] = useState<string | null>(null);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    try {
      await save(name);
      setName(initial);
      setError(undefined);
      setMessage(null);
      onDone?.();
    } catch (err) {
      const refusal = refusalOf(err);
      setError(refusal.fields.name);
      setMessage(`Not saved: ${refusal.message}`);
    }
  }

  return (
    <form onSubmit={onSubmit} className="inline-form" aria-label={label} noValidate>
      <Field label={label} error={error}>
        {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <FormError message={message} />
      <button type="submit">{submitLabel}</button>
    </form>
  );
}

/** The branches (libraries, museum sites): add one, rename one. */
export function BranchesPanel({ branches, change }: BranchesPanelProps) {
  const [renaming, setRenaming] = useState<string | null>(null);
  return (
    <section className="panel" aria-labelledby="branches-title">
      <h2 id="branches-title">Branches</h2>
      <ul aria-label="Branches">
        {branches.map((b) => (
          <li key={b.id}>
            {renaming === b.id ? (
              <BranchNameForm
                label={`New name for ${b.name}`}
                initial={b.name}
                submitLabel="Rename"
                save={(name) => change((api) => api.updateBranch(b.id, { name }))}
                onDone={() => setRenaming(null)}
              />
            ) : (
              <>
                {b.name} <button type="button" onClick={() => setRenaming(b.id)} aria-label={`Rename ${b.name}`}>Rename</button>
              </>
            )}
          </li>
        ))}
      </ul>
      <BranchNameForm label="New branch" initial="" submitLabel="Add branch" save={(name) => change((api) => api.createBranch({ name }))} />
    </section>
  );
}
