// The app registry, as tiny-cuda-nn's factory registers encodings by `otype`: one line per app, looked up by name.
// A fifth app is its own folder plus one `registerApp` line here.
import { OptionError, verbatim } from '../errors.ts';
import { GIA_APP } from './gia/app.ts';
import { NERF_APP } from './nerf/app.ts';
import { NSDF_APP } from './nsdf/app.ts';
import { NVR_APP } from './nvr/app.ts';
import type { NgpcApp } from './shared/app.ts';

const APPS = new Map<string, NgpcApp>();

/** Registers an app under its name; a second registration under one name is an error. */
export function registerApp(app: NgpcApp): void {
  if (APPS.has(app.name)) throw new Error(`internal error: app ${JSON.stringify(app.name)} registered twice`);
  APPS.set(app.name, app);
}

registerApp(GIA_APP);
registerApp(NVR_APP);
registerApp(NSDF_APP);
registerApp(NERF_APP);

/** The registered app names, in registration order. */
export function appNames(): string[] {
  return [...APPS.keys()];
}

/** Apps the issue tracker plans but this build does not run yet, with where the work is tracked. */
const PLANNED: Readonly<Record<string, string>> = {};

/** The app registered as `name`; a planned one says where it is tracked, anything else lists the choices. */
export function lookupApp(name: string, option = 'app'): NgpcApp {
  const app = APPS.get(name);
  if (app) return app;
  const planned = PLANNED[name];
  if (planned) throw new OptionError(option, verbatim(name), planned);
  throw new OptionError(
    option,
    verbatim(JSON.stringify(name)),
    `expected one of ${appNames().join(', ')} (planned: ${Object.keys(PLANNED).join(', ')})`,
  );
}
