/** Timing helpers shared by the page scripts (no imports: also bundled into the init script). */

/** The next animation frame (the frame that will paint what is in the DOM now), then a task after it. */
export function afterPaint(): Promise<{ frameMs: number; paintedMs: number }> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => {
      const frameMs = performance.now();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve({ frameMs, paintedMs: performance.now() });
      channel.port2.postMessage(null);
    });
  });
}

export function navigationMarks(): { responseEndMs: number; domContentLoadedMs: number } {
  const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  const orNaN = (ms: number | undefined) => (ms === undefined || ms === 0 ? Number.NaN : ms);
  return { responseEndMs: orNaN(nav?.responseEnd), domContentLoadedMs: orNaN(nav?.domContentLoadedEventEnd) };
}
