// The browser's default config store: empty until the page installs the bundled configs with `useConfigStore`.
// Its names (`configs/<folder>/<file>`) equal those of the store the page installs, so names computed early match.

import type { ConfigStore } from './configStore.ts';
import { memoryConfigStore } from './memoryStore.ts';

export function defaultConfigStore(): ConfigStore {
  return memoryConfigStore({});
}
