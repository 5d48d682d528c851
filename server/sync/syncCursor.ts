/**
 * Pull cursors are opaque to desks: "<epoch>:<seq>". The epoch names the database the
 * sequence belongs to, so a cursor from before a restore or a reset is recognised as
 * unknown (ARCHITECTURE §4.4) instead of silently skipping or repeating changes.
 */
export function formatCursor(epoch: string, seq: number): string {
  return `${epoch}:${seq}`;
}

export function parseCursor(cursor: string): { epoch: string; seq: number } | undefined {
  const m = /^([0-9a-f-]{36}):(\d{1,18})$/.exec(cursor);
  if (!m) return undefined;
  const seq = Number(m[2]);
  return Number.isSafeInteger(seq) ? { epoch: m[1]!, seq } : undefined;
}
