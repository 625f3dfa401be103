// Bundles the explorer page's script with esbuild for the browser: the model core as `ngpc simulate` runs it, with
// each module that has a `<name>.browser.ts` sibling replaced by it, and any Node API import refused.
import { existsSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SOURCES = `${ROOT}src/`;
/**
 * The page is bundled from the TypeScript sources when they are there (the repository: results/explorer.html is
 * then the same bytes whether ngpc runs from src/ or dist/), else from the compiled modules (the installed package).
 */
const FROM_SOURCES = existsSync(`${SOURCES}explorer/page/main.ts`);
/** The folder of the modules bundled: our own, which may not import Node APIs. */
const SRC = FROM_SOURCES ? SOURCES : fileURLToPath(new URL('../', import.meta.url));
/** The page's entry module. */
export const EXPLORER_ENTRY = FROM_SOURCES
  ? `${SOURCES}explorer/page/main.ts`
  : fileURLToPath(new URL('./page/main.js', import.meta.url));

/** Node built-ins our sources must not import, with or without the `node:` prefix. */
const NODE_BUILTIN =
  /^(node:.*|fs|fs\/promises|path|os|url|module|crypto|child_process|worker_threads|process|http|https|net|stream|util|buffer|events|zlib|perf_hooks|v8|vm)$/;

/** Refuses Node imports (naming the importing file) and swaps in `.browser.ts` siblings. */
const browserModules: Plugin = {
  name: 'ngpc-browser-modules',
  setup(b) {
    b.onResolve({ filter: NODE_BUILTIN }, (args) => {
      // A package's guarded `require('crypto')` (seedrandom) is left to esbuild, which applies the package's
      // "browser" field; any `node:` import, and any built-in our own sources import, fails the build.
      const ours = args.importer.startsWith(SRC);
      if (!ours && !args.path.startsWith('node:')) return undefined;
      return {
        errors: [
          {
            text: `${relative(ROOT, args.importer)} imports ${args.path}: the explorer bundle runs in a browser; keep Node APIs out of the model core (read configs through src/config/store.ts)`,
          },
        ],
      };
    });
    b.onResolve({ filter: /^\.\.?\/.*\.(ts|js)$/ }, (args) => {
      const file = resolve(dirname(args.importer), args.path);
      const browser = file.replace(/\.(ts|js)$/, '.browser.$1');
      return existsSync(browser) ? { path: browser } : undefined;
    });
  },
};

export interface ExplorerBundle {
  js: string;
  /** esbuild's errors are thrown; these are its warnings, as text. */
  warnings: string[];
}

/** The page script: one minified IIFE, deterministic for the same sources (no paths, no timestamps). */
export async function bundleExplorer(entry = EXPLORER_ENTRY): Promise<ExplorerBundle> {
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: true,
    charset: 'utf8',
    legalComments: 'eof',
    write: false,
    logLevel: 'silent',
    plugins: [browserModules],
  });
  const js = result.outputFiles[0]?.text ?? '';
  return { js, warnings: result.warnings.map((w) => w.text) };
}
