// The layer rules of src/ (docs/architecture.md draws them). `npm run lint` runs this through dependency-cruiser:
// an import a layer is not allowed, or any cycle between folders, fails the lint.
//
// scripts/layers.cjs lists each layer's folder and the layers it may import. `src/errors.ts` (the typed errors)
// sits below everything and any layer may import it; npm packages and Node built-ins are not layers. `src/index.ts`
// (the public API) and `src/cli` sit on top: nothing in the library imports them.

const { LAYERS, reachable } = require('./scripts/layers.cjs');

const BASE = '^src/errors\\.ts$';

function layerRule(name, layer) {
  const below = [...reachable(name)];
  const allowed = [BASE, layer.self ?? layer.path, ...below.map((l) => LAYERS[l].path)];
  return {
    name: `layer:${name}`,
    comment: `${name} may import only ${below.join(', ') || 'src/errors.ts'} (docs/architecture.md)`,
    severity: 'error',
    from: { path: layer.path },
    to: { path: '^src/', pathNot: allowed.map((p) => `(${p})`).join('|') },
  };
}

module.exports = {
  forbidden: [
    ...Object.entries(LAYERS).map(([name, layer]) => layerRule(name, layer)),
    {
      name: 'layer:errors',
      comment: 'src/errors.ts is the bottom: it imports nothing from src',
      severity: 'error',
      from: { path: BASE },
      to: { path: '^src/' },
    },
    {
      name: 'no-folder-cycle',
      comment: 'folders form a DAG: no chain of imports leads from a folder back to itself',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src' },
      to: { circular: true },
    },
    {
      name: 'no-module-cycle',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'not-unresolvable',
      comment: 'every relative import resolves to a file',
      severity: 'error',
      from: { path: '^src/' },
      to: { couldNotResolve: true, path: '^\\.' },
    },
  ],
  options: {
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    // The public API re-exports every layer; only the CLI, the tests and users import it, so its own imports are
    // not followed (they would make `src` a folder that depends on all others).
    doNotFollow: { path: ['node_modules', '^src/index\\.ts$'] },
    exclude: { path: '^node_modules' },
  },
};
