// mathjs, loaded on first use from its CommonJS build: the ESM build is ~600 modules and took 1.7 s (2.6 s through
// tsx's loader) to import on this 2-core machine, vs 0.9 s for `require` — and commands that read no config
// (--help, doctor, encode) need none of it. The browser bundle uses mathjsModule.browser.ts instead.
import { createRequire } from 'node:module';

const requireCjs = createRequire(import.meta.url);

export function loadMathjs(): typeof import('mathjs') {
  return requireCjs('mathjs') as typeof import('mathjs');
}
