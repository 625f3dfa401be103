// Which applications `ngpc train/render/profile` run, and the one-line answer for those that are not built yet.
import { NgpcInputError } from '../errors.ts';

/** Apps with a training and rendering pipeline in this build. */
export const TRAINABLE_APPS = ['gia', 'nvr', 'nsdf', 'nerf'] as const;
export type TrainableApp = (typeof TRAINABLE_APPS)[number];

/** Apps the issue tracker plans but this build does not run yet, with where the work is tracked. */
const PLANNED: Readonly<Record<string, string>> = {};

/** Checks `--app`: a built app passes, a planned one says where it is tracked, anything else lists the choices. */
export function checkTrainableApp(app: string, flag = 'app'): TrainableApp {
  if ((TRAINABLE_APPS as readonly string[]).includes(app)) return app as TrainableApp;
  const planned = PLANNED[app];
  if (planned) throw new NgpcInputError(`--${flag} ${app}: ${planned}`);
  throw new NgpcInputError(
    `--${flag} ${JSON.stringify(app)}: expected one of ${TRAINABLE_APPS.join(', ')} (planned: ${Object.keys(PLANNED).join(', ')})`,
  );
}
