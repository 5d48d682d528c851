import { z } from 'zod';
import { StampSchema } from './stamp';

/** One step of the engagement ladder; the id is stable, the label is what staff see and may rename. */
export const StageSchema = z.object({
  id: z.string().min(1).max(40),
  label: z.string().trim().min(1, 'Give the stage a name').max(40, 'Keep stage names under 40 characters'),
});
export type Stage = z.infer<typeof StageSchema>;

export const DEFAULT_LADDER: readonly Stage[] = [
  { id: 'tryer', label: 'Tryer' },
  { id: 'buyer', label: 'Buyer' },
  { id: 'advocate', label: 'Advocate' },
];

export const LadderSchema = z
  .array(StageSchema)
  .min(1, 'The ladder needs at least one stage')
  .max(12, 'At most 12 stages')
  .superRefine((stages, ctx) => {
    const labels = new Set<string>();
    const ids = new Set<string>();
    stages.forEach((s, i) => {
      const key = s.label.toLowerCase();
      if (labels.has(key)) ctx.addIssue({ code: 'custom', path: [i, 'label'], message: `"${s.label}" is used twice` });
      if (ids.has(s.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: 'Two stages share one id' });
      labels.add(key);
      ids.add(s.id);
    });
  });

/** A move on the ladder. The label is kept as it was then, so renaming a stage never rewrites history. */
export const StageChangeSchema = z.object({
  stageId: z.string().min(1),
  label: z.string().min(1),
  set: StampSchema,
});
export type StageChange = z.infer<typeof StageChangeSchema>;

/** The latest move, or undefined for a patron not yet placed on the ladder. */
export function currentStage(history: readonly StageChange[]): StageChange | undefined {
  let latest: StageChange | undefined;
  for (const change of history) if (!latest || change.set.at >= latest.set.at) latest = change;
  return latest;
}

/** The stage's current label, falling back to the label recorded when the stage was set. */
export function stageLabel(change: StageChange, ladder: readonly Stage[]): string {
  return ladder.find((s) => s.id === change.stageId)?.label ?? change.label;
}
