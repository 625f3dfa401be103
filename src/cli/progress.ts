// A progress bar on an interactive terminal (cli-progress); silent in CI, in tests and when piped.
import cliProgress from 'cli-progress';
import { io } from './io.ts';

/** Returns an update callback, and `stop` to clear the bar; `unit` names what is counted. */
export function progressBar(
  label: string,
  unit = 'points',
): {
  update: (done: number, total: number) => void;
  stop: () => void;
} {
  if (!io().isTty) return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {value}/{total} ${unit}  {eta_formatted} left`,
      stream: process.stderr,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update: (done, total) => {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.update(done);
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
