// Every config kind ngpc reads, with its schema: drives `ngpc schemas` and the test over configs/**.
import type { ConfigKind } from './registry.ts';
import { sweepFileSchema } from './sweep.ts';

/** Add new kinds here (one line each); `ngpc schemas` writes configs/schema/<name>.schema.json for each. */
export const CONFIG_KINDS: readonly ConfigKind[] = [
  {
    name: 'sweep',
    description: 'ngpc sweep file: a base design point and named axes',
    schema: sweepFileSchema,
    folder: 'sweeps',
  },
];
