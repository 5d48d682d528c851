import { addDays, addHours, addMinutes, set } from 'date-fns';

/** The snooze choices offered in one click. "Tomorrow 9:00" is the start of the next working morning. */
export function snoozeChoices(now: number): { label: string; until: number }[] {
  return [
    { label: '15 min', until: addMinutes(now, 15).getTime() },
    { label: '1 hour', until: addHours(now, 1).getTime() },
    { label: 'Tomorrow 9:00', until: set(addDays(now, 1), { hours: 9, minutes: 0, seconds: 0, milliseconds: 0 }).getTime() },
  ];
}
