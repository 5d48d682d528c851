/** The URL prefix of the bench pages on the app's origin. */
export const BENCH_BASE = '/__bench/';
/** What renderer/app/store.ts persists (zustand persist: only `staff`), so the app skips "who is at the desk". */
export const SESSION_KEY = 'desk-diary.session';
export const SESSION_VALUE = JSON.stringify({ state: { staff: 'Bench' }, version: 0 });
