// The bound on a sweep's size: how many points one run may evaluate unless `--max-points` raises it.
import { OptionError } from '../../../errors.ts';
import type { SweepPlan } from './plan.ts';

/**
 * Default limit on the points one run (one shard) evaluates: ~2 minutes at ~10,000 points/s on 2 cores
 * (bench model), and ~600 MB of CSV + JSON lines. A mistyped axis (10^8 points) is refused before any work.
 */
export const MAX_SWEEP_POINTS_DEFAULT = 1_000_000;

/** Parses `--max-points`: a positive whole number. */
export function parseMaxPoints(text: string | number): number {
  const n = Number(text);
  if (!/^\d+$/.test(String(text)) || n < 1 || !Number.isSafeInteger(n))
    throw new OptionError('maxPoints', text, 'expected a positive whole number of points, e.g. 5000000');
  return n;
}

/** Refuses a run of more than `maxPoints` points, naming the sweep file and its axis sizes. */
export function checkSweepSize(plan: SweepPlan, runPoints: number, maxPoints: number): void {
  if (runPoints <= maxPoints) return;
  const sizes = plan.axes.map(([key, values]) => `${key} ${values.length}`).join(' x ');
  const shown = Number.isSafeInteger(runPoints) ? String(runPoints) : runPoints.toExponential(2);
  throw OptionError.worded(
    'maxPoints',
    (name) =>
      `${plan.file}: $.axes = ${sizes} = ${shown} points: expected at most ${maxPoints} per run; ` +
      `raise the limit with ${name('maxPoints')} N, or split the sweep with ${name('shard')} k/n`,
  );
}
