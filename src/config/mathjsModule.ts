// mathjs, loaded on first use from its single-file build (lib/browser/math.js, a UMD bundle that also runs under
// Node): on this 2-core machine it loads in ~0.03 s, vs ~0.5 s for the CommonJS build (hundreds of files) and
// 1.7 s for the ESM build; commands that read no config (--help, doctor, encode) load none of it. Same version,
// same functions. The explorer page uses mathjsModule.browser.ts instead (esbuild bundles the ESM build).
import { createRequire } from 'node:module';

const requireCjs = createRequire(import.meta.url);

export function loadMathjs(): typeof import('mathjs') {
  return requireCjs('mathjs/lib/browser/math.js') as typeof import('mathjs');
}
