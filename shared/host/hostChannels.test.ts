import { describe, expect, expectTypeOf, it } from 'vitest';
import type { DeskHost } from './deskHost';
import {
  HOST_EVENTS,
  HOST_METHOD_CHANNELS,
  hostInvokeSchemas,
  NotificationSchema,
  SaveFileRequestSchema,
  type HostInvokeChannel,
  type HostInvokeResults,
} from './hostChannels';

/** A do-nothing host: typed as DeskHost, so it lists exactly the interface's methods. */
const stubHost: DeskHost = {
  appInfo: async () => ({ name: 'Desk Diary', version: '0.0.0', host: 'web', platform: 'test' }),
  notify: async () => {},
  withdrawNotification: async () => {},
  saveFile: async () => ({ saved: false, reason: 'cancelled' }),
  getSecret: async () => undefined,
  setSecret: async () => {},
  deleteSecret: async () => {},
  setBadgeCount: async () => {},
  onNotificationClick: () => () => {},
};

const invoke = (channel: HostInvokeChannel, args: unknown[]) => hostInvokeSchemas[channel].safeParse(args);

describe('the IPC surface', () => {
  it('routes every DeskHost method except onNotificationClick to a channel', () => {
    const methods = Object.keys(stubHost).filter((m) => m !== 'onNotificationClick').sort();
    expect(Object.keys(HOST_METHOD_CHANNELS).sort()).toEqual(methods);
    expectTypeOf<keyof typeof HOST_METHOD_CHANNELS>().toEqualTypeOf<Exclude<keyof DeskHost, 'onNotificationClick'>>();
  });

  it('gives every channel a schema and a result type, and has no orphan schemas', () => {
    const routed = Object.values(HOST_METHOD_CHANNELS);
    expect(new Set(routed).size).toBe(routed.length);
    expect(Object.keys(hostInvokeSchemas).sort()).toEqual([...routed].sort());
    expectTypeOf<keyof HostInvokeResults>().toEqualTypeOf<HostInvokeChannel>();
  });

  it('keeps the event channel apart from the invoke channels', () => {
    expect(Object.keys(hostInvokeSchemas)).not.toContain(HOST_EVENTS.notificationClicked);
  });

  it('takes no arguments for app-info', () => {
    expect(invoke('desk:app-info', []).success).toBe(true);
    expect(invoke('desk:app-info', ['extra']).success).toBe(false);
  });
});

describe('notify', () => {
  const ok = { id: 'fu-1', title: 'Phone Prof. Y', body: 'Book due back' };

  it('accepts a notification, with or without urgency', () => {
    expect(NotificationSchema.safeParse(ok).success).toBe(true);
    expect(invoke('desk:notify', [{ ...ok, urgency: 'critical' }]).success).toBe(true);
    expect(invoke('desk:notify', [{ ...ok, body: '' }]).success).toBe(true);
  });

  it('refuses an empty title or id, an unknown urgency and over-long text', () => {
    expect(invoke('desk:notify', [{ ...ok, title: '' }]).success).toBe(false);
    expect(invoke('desk:notify', [{ ...ok, id: '' }]).success).toBe(false);
    expect(invoke('desk:notify', [{ ...ok, urgency: 'low' }]).success).toBe(false);
    expect(invoke('desk:notify', [{ ...ok, title: 'x'.repeat(201) }]).success).toBe(false);
    expect(invoke('desk:notify', [{ ...ok, body: 'x'.repeat(2001) }]).success).toBe(false);
  });

  it('refuses a missing payload', () => {
    expect(invoke('desk:notify', []).success).toBe(false);
  });
});

describe('saveFile', () => {
  const ok = { suggestedName: 'follow-ups 2026-03.csv', mimeType: 'text/csv', data: 'a,b\n1,2\n' };

  it('accepts a plain file name with text or bytes', () => {
    expect(invoke('desk:save-file', [ok]).success).toBe(true);
    expect(invoke('desk:save-file', [{ ...ok, data: new Uint8Array([1, 2, 3]) }]).success).toBe(true);
  });

  it('refuses names with forward or back slashes', () => {
    for (const suggestedName of ['../secrets.txt', 'reports/x.csv', '/etc/passwd', 'C:\\Users\\x.csv', 'a\\b']) {
      const r = SaveFileRequestSchema.safeParse({ ...ok, suggestedName });
      expect(r.success, suggestedName).toBe(false);
      expect(r.error?.issues[0]).toMatchObject({ path: ['suggestedName'], message: 'A file name, not a path' });
    }
  });

  it('refuses an empty name or MIME type and data of another kind', () => {
    expect(invoke('desk:save-file', [{ ...ok, suggestedName: '' }]).success).toBe(false);
    expect(invoke('desk:save-file', [{ ...ok, mimeType: '' }]).success).toBe(false);
    expect(invoke('desk:save-file', [{ ...ok, data: [1, 2, 3] }]).success).toBe(false);
    expect(invoke('desk:save-file', [{ ...ok, data: 42 }]).success).toBe(false);
  });
});

describe('secrets', () => {
  it('accepts short lower-case keys', () => {
    for (const key of ['session', 'session-token', 'a', 'sync.v2_token', '0key', 'k'.repeat(64)]) {
      expect(invoke('desk:get-secret', [key]).success, key).toBe(true);
    }
  });

  it('refuses upper case, paths, spaces, a leading dot or dash, empty and over-long keys', () => {
    for (const key of ['Session', '../x', 'a/b', 'a b', '.hidden', '-x', '_x', '', 'k'.repeat(65), 'clé']) {
      expect(invoke('desk:get-secret', [key]).success, key).toBe(false);
      expect(invoke('desk:delete-secret', [key]).success, key).toBe(false);
      expect(invoke('desk:set-secret', [key, 'v']).success, key).toBe(false);
    }
  });

  it('caps the stored value at 16 KiB and needs it to be a string', () => {
    expect(invoke('desk:set-secret', ['session', 'x'.repeat(16 * 1024)]).success).toBe(true);
    expect(invoke('desk:set-secret', ['session', 'x'.repeat(16 * 1024 + 1)]).success).toBe(false);
    expect(invoke('desk:set-secret', ['session']).success).toBe(false);
    expect(invoke('desk:set-secret', ['session', 42]).success).toBe(false);
  });
});

describe('other channels', () => {
  it('withdraws by a non-empty id', () => {
    expect(invoke('desk:withdraw-notification', ['fu-1']).success).toBe(true);
    expect(invoke('desk:withdraw-notification', ['']).success).toBe(false);
  });

  it('takes a whole, non-negative badge count', () => {
    for (const n of [0, 1, 99_999]) expect(invoke('desk:set-badge-count', [n]).success, String(n)).toBe(true);
    for (const n of [-1, 1.5, 100_000, Number.NaN]) expect(invoke('desk:set-badge-count', [n]).success, String(n)).toBe(false);
  });
});
