// The layers of src/, bottom first: each layer's folder (a regex on the module path) and the layers right below it.
// A layer may import the layers below it, following these arrows as far as they go, and nothing else: not a peer,
// not a layer above. One table for the checker (.dependency-cruiser.cjs, run by `npm run lint`) and for the test
// that holds the diagram in docs/architecture.md to it.

/** Layer name → folder regex and the layers it stands on (the arrows of the diagram). */
const LAYERS = {
  io: { path: '^src/io/', imports: [] },
  config: { path: '^src/config/', imports: ['io'] },
  gpu: { path: '^src/gpu/', imports: [] },
  encoding: { path: '^src/encoding/', imports: ['config', 'gpu'] },
  mlp: { path: '^src/mlp/', imports: ['encoding'] },
  train: { path: '^src/train/', imports: ['mlp'] },
  workload: { path: '^src/workload/', imports: ['mlp'] },
  'apps/shared': { path: '^src/apps/shared/', imports: ['train', 'workload'] },
  // Every app folder (gia, nerf, nsdf, nvr, and the next one): its own files and the shared app code, never
  // another app (`self` narrows the layer's own folder to the importing app's).
  'apps/<app>': { path: '^src/apps/((?!shared/)[^/]+)/', self: '^src/apps/$1/', imports: ['apps/shared'] },
  // src/apps/registry.ts: the one file that names every app.
  'apps/registry': { path: '^src/apps/[^/]+$', imports: ['apps/<app>'] },
  bench: { path: '^src/bench/', imports: ['mlp'] },
  'model/profile': { path: '^src/model/profile/', imports: ['workload'] },
  'model/gpu': { path: '^src/model/gpu/', imports: ['workload'] },
  'model/ngpc': { path: '^src/model/ngpc/', imports: ['workload'] },
  'model/energy': { path: '^src/model/energy/', imports: ['model/gpu', 'model/ngpc'] },
  'model/frame': { path: '^src/model/frame/[^/]+$', imports: ['model/profile', 'model/energy'] },
  'model/frame/sweep': { path: '^src/model/frame/sweep/', imports: ['model/frame'] },
  'model/fit': { path: '^src/model/fit/', imports: ['model/frame'] },
  'model/solve': { path: '^src/model/solve/', imports: ['model/frame'] },
  'model/paperTables': { path: '^src/model/paperTables/', imports: ['model/fit', 'model/solve'] },
  report: { path: '^src/report/', imports: ['model/paperTables', 'model/frame/sweep'] },
  // The design-space explorer: its page bundles the model core for a browser (src/explorer/bundle.ts).
  explorer: { path: '^src/explorer/', imports: ['report'] },
  // src/index.ts, the public library API: everything the CLI can do.
  api: { path: '^src/index\\.ts$', imports: ['report', 'explorer', 'apps/registry', 'bench'] },
  cli: { path: '^src/cli/', imports: ['api'] },
};

/** The layers `name` may import: its arrows, followed transitively. */
function reachable(name, seen = new Set()) {
  for (const below of LAYERS[name].imports) {
    if (!seen.has(below)) {
      seen.add(below);
      reachable(below, seen);
    }
  }
  return seen;
}

module.exports = { LAYERS, reachable };
