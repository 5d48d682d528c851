import { describe, expect, it } from 'vitest';
import { exportFileName } from './exportFileName';

const nov = { from: Date.UTC(2026, 10, 1), to: Date.UTC(2026, 11, 1) };

describe('export file names', () => {
  it('names the period in local days, the end exclusive', () => {
    expect(exportFileName({ subject: 'Follow-up log', format: 'csv', ...nov, timeZone: 'UTC' })).toBe('follow-up-log_2026-11-01_to_2026-11-30.csv');
    // Midnight in London in summer is 23:00Z the day before.
    expect(exportFileName({ subject: 'follow-up-log', format: 'xlsx', from: Date.UTC(2026, 5, 30, 23), to: Date.UTC(2026, 6, 31, 23), timeZone: 'Europe/London' }))
      .toBe('follow-up-log_2026-07-01_to_2026-07-31.xlsx');
  });

  it('names one day once, open ends in words, and no period at all', () => {
    expect(exportFileName({ subject: 'log', format: 'pdf', from: Date.UTC(2026, 10, 1), to: Date.UTC(2026, 10, 2), timeZone: 'UTC' })).toBe('log_2026-11-01.pdf');
    expect(exportFileName({ subject: 'log', format: 'csv', from: nov.from, timeZone: 'UTC' })).toBe('log_from_2026-11-01.csv');
    expect(exportFileName({ subject: 'log', format: 'csv', to: nov.to, timeZone: 'UTC' })).toBe('log_until_2026-11-30.csv');
    expect(exportFileName({ subject: 'Open follow-ups', format: 'ics', timeZone: 'UTC' })).toBe('open-follow-ups.ics');
  });

  it('names the time zone when asked', () => {
    expect(exportFileName({ subject: 'follow-up-log', format: 'csv', ...nov, timeZone: 'America/Argentina/Buenos_Aires', timeZoneInName: true }))
      .toBe('follow-up-log_2026-10-31_to_2026-11-30_America-Argentina-Buenos_Aires.csv');
  });

  it('keeps the name safe for every file system', () => {
    expect(exportFileName({ subject: 'Café / log: "Nov"', format: 'csv', timeZone: 'UTC' })).toBe('cafe-log-nov.csv');
    expect(exportFileName({ subject: '中文', format: 'csv', timeZone: 'UTC' })).toBe('export.csv');
  });
});
