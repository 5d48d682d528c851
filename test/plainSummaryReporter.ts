import type { Reporter, TestModule } from 'vitest/node';

/**
 * Ends the run with one plain line, "Tests: N passed, N failed, N skipped", that any CI
 * log reader understands, after Vitest's own coloured summary — preceded by the name of
 * each skipped test (grouped), so a skip is read, not just counted (e.g. "set
 * TEST_DATABASE_URL to run on PostgreSQL").
 */
export default class PlainSummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const skippedNames = new Map<string, number>();
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else {
          skipped++;
          skippedNames.set(test.name, (skippedNames.get(test.name) ?? 0) + 1);
        }
      }
      // A file that failed to load has no tests to count but is still a failure.
      if (module.state() === 'failed' && ![...module.children.allTests()].some((t) => t.result().state === 'failed')) failed++;
    }
    const skips = [...skippedNames].map(([name, count]) => `Skipped: ${name}${count > 1 ? ` (${count}×)` : ''}\n`).join('');
    process.stdout.write(`\n${skips}Tests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
