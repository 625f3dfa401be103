// A progress bar on an interactive terminal (cli-progress); silent in CI, in tests and when piped.
import cliProgress from 'cli-progress';
import { io } from './io.ts';

/** Extra values shown after the count, e.g. `{ loss: 'loss {loss}' }` with `{loss}` filled by each update. */
export type ProgressFields = Readonly<Record<string, string>>;

/** Returns an update callback, and `stop` to clear the bar; `unit` names what is counted. */
export function progressBar(
  label: string,
  unit = 'points',
  fields: ProgressFields = {},
): {
  update: (done: number, total: number, values?: Readonly<Record<string, string>>) => void;
  stop: () => void;
} {
  if (!io().isTty) return { update: () => {}, stop: () => {} };
  const extra = Object.values(fields)
    .map((f) => `  ${f}`)
    .join('');
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {value}/{total} ${unit}${extra}  {eta_formatted} left`,
      stream: process.stderr,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  const blank = Object.fromEntries(Object.keys(fields).map((k) => [k, '-']));
  let started = false;
  return {
    update: (done, total, values) => {
      if (!started) {
        bar.start(total, 0, blank);
        started = true;
      }
      bar.update(done, values);
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
