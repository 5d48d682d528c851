import type { FastifyRequest } from 'fastify';
import { MAX_DRIFT_MS } from '@shared/sync/hlc';
import { DeskIdSchema, SYNC_HEADERS, SYNC_SCHEMA_VERSION } from '@shared/sync/protocol';
import { ApiError } from '../http/apiError';

/** The oldest desk schema this server still serves; raise it when a codec change breaks older desks. */
export const MIN_SYNC_SCHEMA = 1;

export interface DeskHeaders {
  deskId: string;
  schema: number;
  clock: number;
}

/**
 * Every sync request says which desk sends it, the record shapes it speaks and its clock
 * (ARCHITECTURE §4.6–4.7). Too old a desk is told to upgrade; one newer than this server is
 * told the server must be upgraded first; a desk clock far ahead is refused with the server's
 * time, so the desk can say by how much it is off.
 */
export function readDeskHeaders(request: FastifyRequest, { checkClock }: { checkClock: boolean }): DeskHeaders {
  const header = (name: string) => {
    const v = request.headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const schema = Number(header(SYNC_HEADERS.schema));
  if (!Number.isInteger(schema) || schema < 0) throw new ApiError(400, 'bad-desk', `Send the desk's schema version in ${SYNC_HEADERS.schema}`);
  if (schema < MIN_SYNC_SCHEMA) {
    throw new ApiError(426, 'upgrade-required', `This desk's version is too old for the server; update Desk Diary (needs schema ${MIN_SYNC_SCHEMA} or later)`, { details: { minSchema: MIN_SYNC_SCHEMA } });
  }
  if (schema > SYNC_SCHEMA_VERSION) {
    throw new ApiError(409, 'server-too-old', 'This desk is newer than the server; the server must be updated first', { details: { minSchema: MIN_SYNC_SCHEMA } });
  }
  const deskId = DeskIdSchema.safeParse(header(SYNC_HEADERS.deskId));
  if (!deskId.success) throw new ApiError(400, 'bad-desk', `Send the desk's id in ${SYNC_HEADERS.deskId} (letters, digits, "-" and "_")`);
  const clock = Number(header(SYNC_HEADERS.clock));
  if (!Number.isFinite(clock)) throw new ApiError(400, 'bad-desk', `Send the desk's clock (epoch ms) in ${SYNC_HEADERS.clock}`);
  const serverTime = Date.now();
  if (checkClock && clock > serverTime + MAX_DRIFT_MS) {
    const minutes = Math.round((clock - serverTime) / 60_000);
    throw new ApiError(409, 'clock-ahead', `This computer's clock is about ${minutes} minutes ahead of the server; set it right and changes are sent again`, { details: { serverTime } });
  }
  return { deskId: deskId.data, schema, clock };
}
