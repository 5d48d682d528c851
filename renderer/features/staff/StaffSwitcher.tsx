import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import { useDesk, useDeskState } from '../../app/deskContext';
import { readKnownStaff, rememberStaff } from '../../db/deskMeta';
import { useLogOut } from '../account/useLogOut';

/** "Staff: Anna ▾" → pick a colleague, or log out so they can log in. Two clicks to hand the desk over. */
export function StaffSwitcher() {
  const { db, store } = useDesk();
  const staff = useDeskState((s) => s.staff);
  const account = useDeskState((s) => s.account);
  const logOut = useLogOut();
  // Undefined until read: the menu waits for it, so focus lands on the first name, not on a
  // "Someone else…" that the names then push down (seen on a loaded machine).
  const known = useLiveQuery(() => readKnownStaff(db), [db]);
  const ready = account !== null || known !== undefined;
  const [open, setOpen] = useState(false);
  const menuRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (open && ready) menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [open, ready]);

  async function pick(name: string | null) {
    setOpen(false);
    if (name === null) store.getState().setStaff(null);
    else store.getState().setStaff(await rememberStaff(db, name));
  }

  function onMenuKey(e: React.KeyboardEvent) {
    const items = [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const i = items.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'Escape') setOpen(false);
    else if (e.key === 'ArrowDown') items[(i + 1) % items.length]?.focus();
    else if (e.key === 'ArrowUp') items[(i - 1 + items.length) % items.length]?.focus();
    else return;
    e.preventDefault();
  }

  return (
    <div className="staff-switcher">
      <button type="button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)}>
        Staff: {staff}
      </button>
      {open && ready && (
        <ul role="menu" aria-label="Switch staff" ref={menuRef} onKeyDown={onMenuKey} className="menu">
          {account && (
            <li role="none">
              <button type="button" role="menuitem" onClick={() => { setOpen(false); void logOut(); }}>Log out</button>
            </li>
          )}
          {!account && (known ?? []).filter((n) => n !== staff).map((n) => (
            <li role="none" key={n}>
              <button type="button" role="menuitem" onClick={() => void pick(n)}>{n}</button>
            </li>
          ))}
          {!account && (
            <li role="none">
              <button type="button" role="menuitem" onClick={() => void pick(null)}>Someone else…</button>
            </li>
          )}
        </ul>
      )}
    </div>
  );
}
