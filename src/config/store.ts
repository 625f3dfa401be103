// Where config JSON comes from: the configs/ folder under Node, the configs bundled into a page in the browser.
// Loaders ask the active store, so the model reads no file itself and runs unchanged in both places.
import type { ConfigStore } from './configStore.ts';
import { defaultConfigStore } from './defaultStore.ts';

export type { ConfigStore };

let active: ConfigStore | undefined;

/** The store loaders read from: the one installed by `useConfigStore`, else the platform's default. */
export function configStore(): ConfigStore {
  active ??= defaultConfigStore();
  return active;
}

/**
 * Installs `store` for every later load. Loaders cache what they read by name, so install it before the first
 * load (the explorer page does so at start-up); returns the store it replaces.
 */
export function useConfigStore(store: ConfigStore): ConfigStore | undefined {
  const previous = active;
  active = store;
  return previous;
}

/** Shorthand for `configStore().path(...)`: a shipped config's name, e.g. `configPath('gpus', 'rtx3090.json')`. */
export function configPath(...parts: string[]): string {
  return configStore().path(...parts);
}
