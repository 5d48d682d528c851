import type { LogEntry } from '@shared/log/logEntry';
import type { LogSummary } from '@shared/log/logSummary';

/**
 * The totals of entries already in hand (a desk in local mode; tests). The server computes
 * the same LogSummary in SQL for GET /api/log/summary; this must count the same way:
 * every entry by type, outcomes of attempts and dones, channel of every entry whose
 * follow-up is known.
 */
export function summarizeEntries(entries: readonly LogEntry[]): LogSummary {
  const summary: LogSummary = { total: entries.length, byType: {}, byOutcome: {}, byChannel: {} };
  for (const e of entries) {
    summary.byType[e.type] = (summary.byType[e.type] ?? 0) + 1;
    if (e.outcome) summary.byOutcome[e.outcome] = (summary.byOutcome[e.outcome] ?? 0) + 1;
    if (e.channel) summary.byChannel[e.channel] = (summary.byChannel[e.channel] ?? 0) + 1;
  }
  return summary;
}
