import { z } from 'zod';
import type { AppInfo, SaveFileResult } from './deskHost';
import type { HostInvokeChannel } from './hostChannelNames';

/**
 * The whole IPC surface: one named channel per DeskHost method, each with the schema the
 * main process checks its payload against. The preload and the main handlers are both
 * typed from this map, so adding a method without a handler is a type error.
 */
export const NotificationSchema = z.object({
  id: z.string().min(1).max(200),
  title: z.string().min(1).max(200),
  body: z.string().max(2000),
  urgency: z.enum(['normal', 'critical']).optional(),
});

export const SaveFileRequestSchema = z.object({
  suggestedName: z
    .string()
    .min(1)
    .max(200)
    .refine((n) => !/[\\/]/.test(n), 'A file name, not a path'),
  mimeType: z.string().min(1).max(100),
  data: z.union([z.string().max(512 * 1024 * 1024), z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'Bytes or text')]),
});

const SecretKeySchema = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'Secret keys are short lower-case names');

export const hostInvokeSchemas = {
  'desk:app-info': z.tuple([]),
  'desk:notify': z.tuple([NotificationSchema]),
  'desk:withdraw-notification': z.tuple([z.string().min(1).max(200)]),
  'desk:save-file': z.tuple([SaveFileRequestSchema]),
  'desk:get-secret': z.tuple([SecretKeySchema]),
  'desk:set-secret': z.tuple([SecretKeySchema, z.string().max(16 * 1024)]),
  'desk:delete-secret': z.tuple([SecretKeySchema]),
  'desk:set-badge-count': z.tuple([z.number().int().min(0).max(99_999)]),
} as const satisfies Record<HostInvokeChannel, z.ZodType>;

/** What each channel resolves to. */
export interface HostInvokeResults {
  'desk:app-info': AppInfo;
  'desk:notify': void;
  'desk:withdraw-notification': void;
  'desk:save-file': SaveFileResult;
  'desk:get-secret': string | undefined;
  'desk:set-secret': void;
  'desk:delete-secret': void;
  'desk:set-badge-count': void;
}

export type HostInvokeArgs<C extends HostInvokeChannel> = z.infer<(typeof hostInvokeSchemas)[C]>;

// The plain names live in a zod-free module so the sandboxed preload stays tiny.
export { DESK_HOST_GLOBAL, HOST_EVENTS, HOST_METHOD_CHANNELS, type HostInvokeChannel } from './hostChannelNames';
