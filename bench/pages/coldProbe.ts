import { showsExactly } from '../page/resultLabels';
import { afterPaint, navigationMarks } from '../page/timing';
import type { ColdStartTiming } from '../shared/protocol';

/**
 * Init script for the cold-start bench (runs before the app's own scripts): as soon as
 * the search box exists it types the query (native value setter + input event, as a
 * keystroke would), then waits for the expected results and the frame that paints them.
 * Built as a classic IIFE by vite.initscript.config.ts; reads window.__coldConfig.
 */
declare global {
  interface Window {
    __coldConfig?: { query: string; expected: string[] };
    __coldResult?: ColdStartTiming;
  }
}

function run(config: { query: string; expected: string[] }): void {
  let searchBoxMs = Number.NaN;
  let typedMs = Number.NaN;
  let done = false;
  const observer = new MutationObserver(() => {
    if (done) return;
    const input = document.querySelector<HTMLInputElement>('input[role="combobox"]');
    if (!input) return;
    if (Number.isNaN(searchBoxMs)) {
      searchBoxMs = performance.now();
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
      setValue?.call(input, config.query);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      typedMs = performance.now();
    }
    const box = input.closest('[role="search"]');
    if (box && showsExactly(box, config.expected)) {
      done = true;
      observer.disconnect();
      const resultDomMs = performance.now();
      void afterPaint().then(({ frameMs, paintedMs }) => {
        window.__coldResult = {
          ok: true,
          ...navigationMarks(),
          searchBoxMs,
          typedMs,
          resultDomMs,
          resultFrameMs: frameMs,
          resultPaintedMs: paintedMs,
        };
      });
    }
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
}

const config = window.__coldConfig;
if (config && (location.pathname === '/' || location.pathname.endsWith('/index.html'))) run(config);
