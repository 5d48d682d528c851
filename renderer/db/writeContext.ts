import type { Stamp } from '@shared/domain/stamp';

/** Who is writing, at which desk: every repository write is stamped from this. */
export interface WriteContext {
  staff: string;
  deskId: string;
  deskName: string;
  branchId: string;
  /** Injected so tests control time. */
  now: () => number;
}

export function stampOf(ctx: WriteContext): Stamp {
  return { staff: ctx.staff, deskId: ctx.deskId, deskName: ctx.deskName, at: ctx.now() };
}
