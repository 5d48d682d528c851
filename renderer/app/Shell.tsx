import { lazy, Suspense } from 'react';
import { EditPatronPage, NewPatronPage } from '../features/patrons/PatronFormPage';
import { HomePage } from '../features/home/HomePage';
import { PatronPage } from '../features/patrons/PatronPage';
import { SearchBox } from '../features/search/SearchBox';
import { SettingsPage } from '../features/settings/SettingsPage';
import { StaffSwitcher } from '../features/staff/StaffSwitcher';
import { ArrivalsPage } from '../features/arrivals/ArrivalsPage';
import { WeMissYouPage } from '../features/campaigns/WeMissYouPage';
import { FollowUpPage } from '../features/followups/FollowUpPage';
import { ReminderCentre } from '../features/reminders/ReminderCentre';
import { ReminderToasts } from '../features/reminders/ReminderToasts';
import { useReminderService } from '../features/reminders/useReminderService';
import { RefusedChangesPage } from '../features/sync/RefusedChangesPage';
import { SyncStatusBar } from '../features/sync/SyncStatusBar';
import { useSync } from '../features/sync/useSync';
import { useDeskState } from './deskContext';
import { hrefOf, useRoute, type Route } from './routes';
import { ToastRegion } from './Toast';

/*
 * Managers' and admins' screens load on first visit: the log, its charts (recharts) and the
 * admin pages are most of the bundle, and the desk's first screen (search box, first result)
 * should not wait to parse them (bench/RESULTS.md, run 9: cold start).
 */
const AdminPage = lazy(() => import('../features/admin/AdminPage').then((m) => ({ default: m.AdminPage })));
const LogPage = lazy(() => import('../features/log/LogPage').then((m) => ({ default: m.LogPage })));
const DashboardPage = lazy(() => import('../features/dashboard/DashboardPage').then((m) => ({ default: m.DashboardPage })));

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'home': return <HomePage />;
    case 'new-patron': return <NewPatronPage />;
    case 'patron': return <PatronPage key={route.id} id={route.id} />;
    case 'edit-patron': return <EditPatronPage key={route.id} id={route.id} />;
    case 'settings': return <SettingsPage />;
    case 'reminders': return <ReminderCentre />;
    case 'follow-up': return <FollowUpPage key={route.id} id={route.id} />;
    case 'arrivals': return <ArrivalsPage />;
    case 'we-miss-you': return <WeMissYouPage />;
    case 'refused': return <RefusedChangesPage />;
    case 'admin': return <AdminPage />;
    case 'log': return <LogPage key={route.patronId ?? ''} patronId={route.patronId} />;
    case 'dashboard': return <DashboardPage />;
  }
}

/** Header (home, search, new patron, staff, settings, sync status) above the current screen. */
export function Shell() {
  const route = useRoute();
  const due = useDeskState((s) => s.raised.length);
  const isAdmin = useDeskState((s) => s.account?.role === 'admin');
  const loggedIn = useDeskState((s) => s.account !== null);
  useReminderService();
  useSync();
  return (
    <div className="shell">
      <header className="topbar">
        <a className="brand" href={hrefOf({ name: 'home' })}>Desk Diary</a>
        <SearchBox />
        <nav aria-label="Main">
          <a className="button" href={hrefOf({ name: 'new-patron' })}>New patron</a>
          <a className="button" href={hrefOf({ name: 'reminders' })}>Reminders{due > 0 ? ` (${due} due)` : ''}</a>
          <a className="button" href={hrefOf({ name: 'settings' })}>Settings</a>
          {loggedIn && <a className="button" href={hrefOf({ name: 'log' })}>Follow-up log</a>}
          {isAdmin && <a className="button" href={hrefOf({ name: 'admin' })}>Staff and branches</a>}
        </nav>
        <StaffSwitcher />
        <SyncStatusBar />
      </header>
      <main className="content">
        <Suspense fallback={<p role="status">Loading…</p>}>
          <Screen route={route} />
        </Suspense>
      </main>
      <ReminderToasts />
      <ToastRegion />
    </div>
  );
}
