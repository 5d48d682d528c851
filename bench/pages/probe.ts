import { arm, install, result, shown } from '../page/keystrokeMeter';

/**
 * Loaded into the running app page (dynamic import from /__bench/, same origin, allowed by
 * the app's CSP) to time keystrokes; see page/keystrokeMeter.ts.
 */
export const typeaheadProbe = { install, arm, result, shown };
export type TypeaheadProbe = typeof typeaheadProbe;

declare global {
  interface Window {
    typeaheadProbe?: TypeaheadProbe;
  }
}

window.typeaheadProbe = typeaheadProbe;
