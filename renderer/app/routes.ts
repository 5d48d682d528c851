import { useSyncExternalStore } from 'react';

/** The screens, addressed by the URL hash so a reload (or Electron restart) reopens the same one. */
export type Route =
  | { name: 'home' }
  | { name: 'new-patron' }
  | { name: 'patron'; id: string }
  | { name: 'edit-patron'; id: string }
  | { name: 'settings' }
  | { name: 'reminders' }
  | { name: 'follow-up'; id: string }
  | { name: 'arrivals' }
  | { name: 'we-miss-you' }
  | { name: 'refused' }
  | { name: 'admin' }
  | { name: 'log'; patronId?: string }
  | { name: 'dashboard' };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'patrons' && parts[1] === 'new') return { name: 'new-patron' };
  if (parts[0] === 'patrons' && parts[1] && parts[2] === 'edit') return { name: 'edit-patron', id: parts[1] };
  if (parts[0] === 'patrons' && parts[1]) return { name: 'patron', id: parts[1] };
  if (parts[0] === 'settings') return { name: 'settings' };
  if (parts[0] === 'reminders') return { name: 'reminders' };
  if (parts[0] === 'follow-ups' && parts[1]) return { name: 'follow-up', id: parts[1] };
  if (parts[0] === 'arrivals') return { name: 'arrivals' };
  if (parts[0] === 'we-miss-you') return { name: 'we-miss-you' };
  if (parts[0] === 'refused') return { name: 'refused' };
  if (parts[0] === 'admin') return { name: 'admin' };
  if (parts[0] === 'log' && parts[1] === 'patron' && parts[2]) return { name: 'log', patronId: parts[2] };
  if (parts[0] === 'log') return { name: 'log' };
  if (parts[0] === 'dashboard') return { name: 'dashboard' };
  return { name: 'home' };
}

export function hrefOf(route: Route): string {
  switch (route.name) {
    case 'home': return '#/';
    case 'new-patron': return '#/patrons/new';
    case 'patron': return `#/patrons/${encodeURIComponent(route.id)}`;
    case 'edit-patron': return `#/patrons/${encodeURIComponent(route.id)}/edit`;
    case 'settings': return '#/settings';
    case 'reminders': return '#/reminders';
    case 'follow-up': return `#/follow-ups/${encodeURIComponent(route.id)}`;
    case 'arrivals': return '#/arrivals';
    case 'we-miss-you': return '#/we-miss-you';
    case 'refused': return '#/refused';
    case 'admin': return '#/admin';
    case 'log': return route.patronId ? `#/log/patron/${encodeURIComponent(route.patronId)}` : '#/log';
    case 'dashboard': return '#/dashboard';
  }
}

export function navigate(route: Route): void {
  window.location.hash = hrefOf(route);
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
