import type { SyncProblem } from '../../sync/syncEngine';

/** A sync problem in words a person at the desk can act on. */
export function syncProblemText(problem: SyncProblem): string {
  switch (problem.code) {
    case 'clock-ahead': {
      const minutes = Math.max(1, Math.round(problem.aheadMs / 60_000));
      return `This computer's clock is ${minutes} minute${minutes === 1 ? '' : 's'} ahead of the server's. Correct the computer's date and time, then sync again. Changes are kept on this desk meanwhile.`;
    }
    case 'upgrade-required':
      return 'This app is too old for the server: install the update, then sync again. Changes are kept on this desk meanwhile.';
    case 'server-too-old':
      return 'The server is older than this app: ask your administrator to update it. Changes are kept on this desk meanwhile.';
    case 'signed-out':
      return 'You are signed out (the session expired or was ended): log in again to share changes. Nothing is lost; changes are kept on this desk.';
    case 'forbidden':
      return `The server refused this desk: ${problem.message}`;
    case 'quota':
      return 'This computer has run out of space for the diary: free some disk space.';
    case 'server':
      return 'The server had a problem; trying again shortly.';
    case 'network':
      return 'Working offline: changes are kept on this desk and sent when the server can be reached.';
  }
}
