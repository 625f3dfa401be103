// Where ngpc's shipped configs live (configs/ at the package root), so presets load from any working directory.
// Node only: loaders name configs through the config store (src/config/store.ts), which the browser replaces.

export { CONFIGS_DIR } from './nodeStore.ts';
export { configPath } from './store.ts';
