import { useState } from 'react';
import { useDeskState } from '../../app/deskContext';
import { BranchesPanel } from './BranchesPanel';
import { ExportAuditPanel } from './ExportAuditPanel';
import { ROLE_LABEL, StaffForm } from './StaffForm';
import { useAdminData } from './useAdminData';

/** Admins manage staff accounts and branches on the server (docs/http-api.md). */
export function AdminPage() {
  const isAdmin = useDeskState((s) => s.account?.role === 'admin');
  const { staff, branches, error, change } = useAdminData();
  const [editing, setEditing] = useState<string | 'new' | null>(null);

  if (!isAdmin) return <p role="alert">Only administrators manage staff and branches.</p>;
  if (error) return <p role="alert">Staff and branches could not be loaded: {error}</p>;
  if (!staff || !branches) return <p role="status">Loading staff and branches…</p>;
  const branchName = new Map(branches.map((b) => [b.id, b.name]));

  return (
    <section aria-labelledby="admin-title" className="stack">
      <h1 id="admin-title">Staff and branches</h1>
      <section className="panel" aria-labelledby="staff-title">
        <h2 id="staff-title">Staff</h2>
        <table>
          <caption className="visually-hidden">Staff accounts</caption>
          <thead>
            <tr><th scope="col">Name</th><th scope="col">Username</th><th scope="col">Role</th><th scope="col">Branches</th><th scope="col">Status</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr>
          </thead>
          <tbody>
            {staff.map((m) => (
              <tr key={m.id}>
                <td>{m.displayName}</td>
                <td>{m.username}</td>
                <td>{ROLE_LABEL[m.role]}</td>
                <td>{m.branchIds.map((id) => branchName.get(id) ?? id).join(', ') || 'All (administrator)'}</td>
                <td>{m.disabled ? 'Disabled' : 'Active'}</td>
                <td><button type="button" onClick={() => setEditing(m.id)} aria-label={`Edit ${m.displayName}`}>Edit</button></td>
              </tr>
            ))}
          </tbody>
        </table>
        {editing === null && <button type="button" onClick={() => setEditing('new')}>New staff member</button>}
        {editing !== null && (
          <StaffForm
            key={editing}
            {...(editing === 'new' ? {} : { member: staff.find((m) => m.id === editing)! })}
            branches={branches}
            change={change}
            onDone={() => setEditing(null)}
          />
        )}
      </section>
      <BranchesPanel branches={branches} change={change} />
      <ExportAuditPanel />
    </section>
  );
}
