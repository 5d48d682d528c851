import { useEffect, useRef } from 'react';
import { useDesk, useDeskState } from '../../app/deskContext';
import { navigate } from '../../app/routes';
import { SUMMARY_NOTIFICATION_ID } from './dueReminders';
import { ReminderService } from './reminderService';

/**
 * Runs the reminder service while the diary is open, re-checks on wake, focus and when
 * the staff member changes, and opens the follow-up when its notification is clicked.
 */
export function useReminderService(): void {
  const { db, host, store, now } = useDesk();
  const staff = useDeskState((s) => s.staff);
  const serviceRef = useRef<ReminderService | null>(null);

  useEffect(() => {
    const service = new ReminderService({
      db,
      host,
      now,
      me: () => store.getState().staff,
      deskId: () => store.getState().desk?.id ?? '',
      onRaised: (raised) => store.getState().setRaised(raised),
    });
    service.start();
    serviceRef.current = service;
    // A laptop waking up or a desk PC coming back to the foreground: catch up at once.
    const recheck = () => void service.check();
    const onVisible = () => document.visibilityState === 'visible' && recheck();
    window.addEventListener('focus', recheck);
    window.addEventListener('online', recheck);
    document.addEventListener('visibilitychange', onVisible);
    const unsubscribeClick = host.onNotificationClick((id) =>
      navigate(id === SUMMARY_NOTIFICATION_ID ? { name: 'reminders' } : { name: 'follow-up', id }),
    );
    return () => {
      service.stop();
      serviceRef.current = null;
      window.removeEventListener('focus', recheck);
      window.removeEventListener('online', recheck);
      document.removeEventListener('visibilitychange', onVisible);
      unsubscribeClick();
    };
  }, [db, host, store, now]);

  // Reminders assigned to a named colleague pop up only while they are at the desk.
  useEffect(() => {
    void serviceRef.current?.check();
  }, [staff]);
}
