// The config store used when none is installed: under Node, the package's configs/ folder. The explorer's
// browser bundle replaces this module with defaultStore.browser.ts (see src/explorer/bundle.ts).

import type { ConfigStore } from './configStore.ts';
import { nodeConfigStore } from './nodeStore.ts';

export function defaultConfigStore(): ConfigStore {
  return nodeConfigStore();
}
