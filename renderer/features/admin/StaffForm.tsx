import { useState, type FormEvent } from 'react';
import type { Branch } from '@shared/api/branches';
import { STAFF_ROLES, type StaffRole } from '@shared/api/roles';
import type { StaffMember } from '@shared/api/staff';
import { Field, FormError } from '../../app/ui/Field';
import type { ServerApi } from '../account/serverApi';
import { refusalOf } from './useAdminData';

const ROLE_LABEL: Record<StaffRole, string> = { desk: 'Desk staff', manager: 'Manager', admin: 'Administrator' };

interface StaffFormProps {
  /** The member being edited; absent for a new one. */
  member?: StaffMember;
  branches: Branch[];
  change: (run: (api: ServerApi) => Promise<unknown>) => Promise<void>;
  onDone: () => void;
}

/** Create a staff member, or edit one: name, role, branches, disabled, a new password. */
export function StaffForm({ member, branches, change, onDone }: StaffFormProps) {
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState(member?.displayName ?? '');
  const [role, setRole] = useState<StaffRole>(member?.role ?? 'desk');
  const [branchIds, setBranchIds] = useState<string[]>(member?.branchIds ?? (branches.length === 1 ? [branches[0]!.id] : []));
  const [disabled, setDisabled] = useState(member?.disabled ?? false);
  const [password, setPassword] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const title = member ? `Edit ${member.displayName}` : 'New staff member';

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      await change((api) =>
        member
          ? api.updateStaff(member.id, { displayName, role, branchIds, disabled, ...(password ? { password } : {}) })
          : api.createStaff({ username, displayName, role, branchIds, password }),
      );
      onDone();
    } catch (err) {
      const refusal = refusalOf(err);
      setFields(refusal.fields);
      setMessage(`Not saved: ${refusal.message}`);
    } finally {
      setBusy(false);
    }
  }

  function toggleBranch(id: string, on: boolean) {
    setBranchIds((ids) => (on ? [...ids, id] : ids.filter((x) => x !== id)));
  }

  return (
    <form onSubmit={onSubmit} className="stack panel" aria-label={title} noValidate>
      <h3>{title}</h3>
      {!member && (
        <Field label="Username" error={fields.username}>
          {(p) => <input {...p} value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="off" />}
        </Field>
      )}
      <Field label="Display name" hint="Shown on every note they write" error={fields.displayName}>
        {(p) => <input {...p} value={displayName} onChange={(e) => setDisplayName(e.target.value)} />}
      </Field>
      <Field label="Role" error={fields.role}>
        {(p) => (
          <select {...p} value={role} onChange={(e) => setRole(e.target.value as StaffRole)}>
            {STAFF_ROLES.map((r) => <option key={r} value={r}>{ROLE_LABEL[r]}</option>)}
          </select>
        )}
      </Field>
      <fieldset>
        <legend>Branches</legend>
        {branches.map((b) => (
          <label key={b.id}>
            <input type="checkbox" checked={branchIds.includes(b.id)} onChange={(e) => toggleBranch(b.id, e.target.checked)} /> {b.name}
          </label>
        ))}
        {fields.branchIds && <p className="field__error" role="alert">{fields.branchIds}</p>}
      </fieldset>
      {member && (
        <label>
          <input type="checkbox" checked={disabled} onChange={(e) => setDisabled(e.target.checked)} /> Disabled (cannot log in; ends their sessions)
        </label>
      )}
      <Field label={member ? 'New password (leave empty to keep)' : 'Password'} hint="At least 10 characters, not a common password" error={fields.password}>
        {(p) => <input {...p} type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" />}
      </Field>
      <FormError message={message} />
      <div className="actions">
        <button type="button" onClick={onDone}>Cancel</button>
        <button type="submit" className="primary" disabled={busy}>{member ? 'Save' : 'Create staff member'}</button>
      </div>
    </form>
  );
}

export { ROLE_LABEL };
