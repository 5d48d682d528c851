import { useState, type FormEvent } from 'react';
import type { LoginResponse } from '@shared/api/auth';
import { useDesk, useDeskState } from '../../app/deskContext';
import { Field, FormError } from '../../app/ui/Field';
import { LOCAL_BRANCH_ID, renameDesk, saveServerUrl } from '../../db/deskMeta';
import { countLocalRecords, joinBranch } from './joinBranch';
import { serverApi, ServerApiError } from './serverApi';
import { saveSessionToken } from './sessionToken';

type Step =
  | { name: 'credentials' }
  | { name: 'branch'; login: LoginResponse; baseUrl: string; branches: { id: string; name: string }[] }
  | { name: 'adopting'; done: number; total: number };

/**
 * Staff log in to the sync server; their display name then goes on every change. A desk that
 * was used on its own joins a branch at its first login (its records are adopted into it).
 * "Use this desk without an account" keeps the app working with no server at all.
 */
export function LoginScreen() {
  const { db, host, store, fetch: fetchImpl } = useDesk();
  const serverUrl = useDeskState((s) => s.serverUrl);
  const configurable = useDeskState((s) => s.serverConfigurable);
  const [address, setAddress] = useState(serverUrl ?? '');
  const unnamedDesk = useDeskState((s) => s.desk?.name === 'Desk');
  const [deskName, setDeskName] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [step, setStep] = useState<Step>({ name: 'credentials' });

  const api = (baseUrl: string, token?: string) => serverApi({ baseUrl, token, ...(fetchImpl ? { fetch: fetchImpl } : {}) });

  async function finish(login: LoginResponse, branchId?: string) {
    if (branchId) {
      setStep({ name: 'adopting', done: 0, total: await countLocalRecords(db) });
      const desk = await joinBranch(db, branchId, (done) => setStep((s) => (s.name === 'adopting' ? { ...s, done } : s)));
      store.getState().setDesk(desk);
    }
    store.getState().setLocalMode(false);
    store.getState().setAccount(login.staff);
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const next: Record<string, string> = {};
    if (configurable && address.trim() === '') next.serverUrl = 'Type the server address, e.g. https://diary.example.org';
    if (username.trim() === '') next.username = 'Enter your username';
    if (password === '') next.password = 'Enter your password';
    setErrors(next);
    setFormError(null);
    if (Object.keys(next).length > 0) return;
    setBusy(true);
    try {
      const baseUrl = configurable ? await saveServerUrl(db, address) : (serverUrl ?? '');
      if (configurable) store.getState().setServer(baseUrl, true);
      const login = await api(baseUrl).login(username.trim(), password);
      if (unnamedDesk && deskName.trim() !== '') store.getState().setDesk(await renameDesk(db, deskName));
      const kept = await saveSessionToken(host, login.token);
      store.getState().setTokenNotStored(kept.where === 'memory' ? kept.reason : null);
      const desk = store.getState().desk;
      if (desk?.branchId !== LOCAL_BRANCH_ID) return await finish(login);
      const branches = login.staff.branchIds.length > 0 && login.staff.role !== 'admin'
        ? login.staff.branchIds.map((id) => ({ id, name: id }))
        : (await api(baseUrl, login.token).listBranches()).branches;
      if (branches.length === 1) return await finish(login, branches[0]!.id);
      const named = await api(baseUrl, login.token).me().then((me) => me.branches, () => branches);
      setStep({ name: 'branch', login, baseUrl, branches: named.filter((b) => branches.some((x) => x.id === b.id)) });
    } catch (err) {
      if (err instanceof ServerApiError && err.fields.length > 0) {
        setErrors(Object.fromEntries(err.fields.map((f) => [f.path === 'username' || f.path === 'password' ? f.path : 'form', f.message])));
      }
      setFormError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  if (step.name === 'adopting') {
    return (
      <main className="welcome" aria-labelledby="login-title">
        <h1 id="login-title">Joining the branch</h1>
        <p id="adopt-label">Sharing this desk's diary with the branch…</p>
        <progress aria-labelledby="adopt-label" max={Math.max(step.total, 1)} value={step.done} />
        <p role="status">{step.done} of {step.total} records</p>
      </main>
    );
  }

  if (step.name === 'branch') {
    return (
      <main className="welcome" aria-labelledby="login-title">
        <h1 id="login-title">Which branch is this desk in?</h1>
        <p>The notes already on this desk will be shared with the branch you choose.</p>
        <ul className="staff-choices" aria-label="Branches">
          {step.branches.map((b) => (
            <li key={b.id}>
              <button type="button" onClick={() => void finish(step.login, b.id).catch((err: unknown) => setFormError(messageOf(err)))}>{b.name}</button>
            </li>
          ))}
        </ul>
        <FormError message={formError} />
      </main>
    );
  }

  return (
    <main className="welcome" aria-labelledby="login-title">
      <h1 id="login-title">Log in</h1>
      <p>Log in with your staff account: your notes are shared with the other desks of your branch.</p>
      <form onSubmit={onSubmit} className="stack" noValidate>
        {configurable && (
          <Field label="Server address" hint="e.g. https://diary.example.org, from your administrator" error={errors.serverUrl}>
            {(p) => <input {...p} value={address} onChange={(e) => setAddress(e.target.value)} inputMode="url" autoComplete="url" />}
          </Field>
        )}
        <Field label="Username" error={errors.username}>
          {(p) => <input {...p} value={username} onChange={(e) => setUsername(e.target.value)} autoFocus autoComplete="username" />}
        </Field>
        <Field label="Password" error={errors.password}>
          {(p) => <input {...p} type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" />}
        </Field>
        {unnamedDesk && (
          <Field label="This desk's name" hint='e.g. "Front desk" or "Reference"; shown beside every note' error={errors.deskName}>
            {(p) => <input {...p} value={deskName} onChange={(e) => setDeskName(e.target.value)} />}
          </Field>
        )}
        <FormError message={formError} />
        <button type="submit" className="primary" disabled={busy}>{busy ? 'Logging in…' : 'Log in'}</button>
      </form>
      <p>
        <button type="button" className="link" onClick={() => store.getState().setLocalMode(true)}>
          Use this desk without an account (nothing is shared)
        </button>
      </p>
    </main>
  );
}

function messageOf(err: unknown): string {
  if (err instanceof ServerApiError) {
    if (err.offline) return 'The server cannot be reached. Check the network (and the server address), or use this desk without an account for now.';
    if (err.code === 'invalid-credentials') return 'Wrong username or password.';
    return err.message;
  }
  return err instanceof Error ? err.message : String(err);
}
