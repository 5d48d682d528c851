import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { DeskError, coerceError } from '@shared/errors/deskError';
import { validationErrorFromZod } from '@shared/errors/zodIssues';
import type { HostResult } from '@shared/host/deskHost';
import { hostInvokeSchemas, type HostInvokeChannel, type HostInvokeResults } from '@shared/host/hostChannels';
import type { HostHandlers } from './hostHandlers';

/** Decides whether an IPC message comes from the app's own page (by the sending frame's URL). */
export type SenderCheck = (frameUrl: string | undefined) => boolean;

/**
 * Registers one ipcMain.handle per channel. Every call is checked twice before a handler runs:
 * the sender must be our own renderer page, and the payload must match the channel's schema.
 * The reply is always a HostResult, so errors keep their code and fields across IPC.
 */
export function registerHostIpc(ipcMain: Pick<IpcMain, 'handle'>, handlers: HostHandlers, isTrustedSender: SenderCheck): void {
  for (const channel of Object.keys(hostInvokeSchemas) as HostInvokeChannel[]) {
    ipcMain.handle(channel, (event, ...args: unknown[]) => invokeHostHandler(channel, handlers, event, args, isTrustedSender));
  }
}

/** Runs one IPC call through the sender check, payload validation and the handler; never throws. */
export async function invokeHostHandler<C extends HostInvokeChannel>(
  channel: C,
  handlers: HostHandlers,
  event: Pick<IpcMainInvokeEvent, 'senderFrame'>,
  args: unknown[],
  isTrustedSender: SenderCheck,
): Promise<HostResult<HostInvokeResults[C]>> {
  try {
    const frameUrl = event.senderFrame?.url;
    if (!isTrustedSender(frameUrl)) {
      throw new DeskError('bad-ipc-sender', `Refused ${channel}: the caller (${frameUrl || 'a closed frame'}) is not the Desk Diary window.`);
    }
    const parsed = hostInvokeSchemas[channel].safeParse(args);
    if (!parsed.success) {
      const invalid = validationErrorFromZod(parsed.error);
      throw new DeskError('validation', `Invalid ${channel} call: ${invalid.message}`, invalid.issues);
    }
    const handler = handlers[channel] as (...payload: unknown[]) => HostInvokeResults[C] | Promise<HostInvokeResults[C]>;
    return { ok: true, value: await handler(...(parsed.data as unknown[])) };
  } catch (err) {
    return { ok: false, error: coerceError(err) };
  }
}
