import { finished } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { LogExportQuerySchema, type LogExportQuery } from '@shared/log/logQuery';
import { localDateTimeFormatter } from '@shared/log/localTimeFormatter';
import { recordAudit } from '../accounts/auditLog';
import { staffOf } from '../auth/access';
import { parseRequest } from '../http/validate';
import type { RouteContext } from '../routes/routeContext';
import { logCsvStream } from './logCsvExport';
import { branchScopeOf } from './logScope';

/** "desk-diary-log_2026-01-01_to_2026-06-30_Europe-London.csv": the period's local days (the last one included) and the zone. */
export function exportFileName(query: LogExportQuery): string {
  const day = localDateTimeFormatter(query.timeZone);
  const from = query.filter.from === undefined ? 'start' : day(query.filter.from).slice(0, 10);
  const to = query.filter.to === undefined ? 'now' : day(query.filter.to - 1).slice(0, 10);
  return `desk-diary-log_${from}_to_${to}_${query.timeZone.replace(/[^A-Za-z0-9_-]/g, '-')}.csv`;
}

/** The filter as the audit log keeps it: readable times rather than epoch numbers. */
function filterForAudit(query: LogExportQuery): Record<string, unknown> {
  const { from, to, ...rest } = query.filter;
  return {
    ...rest,
    ...(from === undefined ? {} : { from: new Date(from).toISOString() }),
    ...(to === undefined ? {} : { to: new Date(to).toISOString() }),
  };
}

/**
 * GET /api/log/export.csv: the organisation-wide CSV, streamed (logCsvExport.ts), for
 * managers (their branches) and admins (all). Each export is audited once the response has
 * ended, with how many rows it carried and whether the client read it to the end.
 */
export function registerLogExportRoute(app: FastifyInstance, { db }: RouteContext): void {
  app.get('/api/log/export.csv', { config: { access: ['manager', 'admin'] } }, async (request, reply) => {
    const query = parseRequest(LogExportQuerySchema, request.query, 'query');
    const branches = branchScopeOf(request, query.filter);
    const staff = staffOf(request);
    const names = await db.query<{ id: string; name: string }>('SELECT id::text AS id, name FROM branches');
    // Entries synced after this point are left out, so a long export reads one consistent cut.
    const top = await db.query<{ seq: number | null }>('SELECT max(seq) AS seq FROM sync_records');
    const csv = logCsvStream(db, query, branches, new Map(names.rows.map((b) => [b.id, b.name])), top.rows[0]!.seq ?? 0);

    // Completed: every row was written out. (An error from finished() alone is not enough to
    // tell: some responses, like Fastify's injected ones, report a close without a finish.)
    let written = false;
    csv.stream.once('end', () => void (written = true));
    let audited = false;
    finished(reply.raw, (err) => {
      if (audited) return;
      audited = true;
      const completed = written && (!err || reply.raw.writableEnded);
      // A client that hung up: stop reading the database for it.
      if (!completed) csv.stream.destroy();
      const detail = { filter: filterForAudit(query), sort: query.sort, timeZone: query.timeZone, branches, rows: csv.rows(), status: completed ? 'completed' : 'aborted' };
      recordAudit(db, { staffId: staff.id, action: 'log-exported', detail }).then(
        () => request.log.info(detail, 'log exported'),
        (auditErr: unknown) => request.log.error({ err: auditErr, detail }, 'could not audit a log export'),
      );
    });
    return reply
      .header('Content-Type', 'text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="${exportFileName(query)}"`)
      .send(csv.stream);
  });
}
