import { useDesk } from '../../app/deskContext';
import { PERIOD_PRESETS, presetPeriod } from './logPeriod';

/** The quick-period buttons of the log and the dashboard: each sets both days at once. */
export function PeriodPresets({ onPick }: { onPick(fromDay: string, toDay: string): void }) {
  const { now } = useDesk();
  return (
    <>
      {PERIOD_PRESETS.map(([preset, label]) => (
        <button key={preset} type="button" onClick={() => onPick(...presetPeriod(preset, now()))}>{label}</button>
      ))}
    </>
  );
}
