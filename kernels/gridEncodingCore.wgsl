// One grid level's encoded features for one point: the includable per-level forward (tcnn kernel_grid, docs/sources.md#kernels-1-5).
// Constants (generated): N_DIMS, N_FEATURES (F: 1, 2, 4 or 8), INTERPOLATION. Reuse this in fused encoding+MLP kernels.
//!include "gridCell.wgsl"
//!include "gridParams.wgsl"

fn encodeLevel(level: GridLevel, x: vec3f) -> array<f32, N_FEATURES> {
  let c = locateLevel(level, x);
  var acc: array<f32, N_FEATURES>;
  for (var k = 0u; k < N_CORNERS; k++) {
    let w = cornerWeight(c, k);
    // Parameters are entry-major with F adjacent features (docs/sources.md#kernels-1-3).
    let base = level.base + gridIndex(level, cornerOf(c, k)) * N_FEATURES;
    for (var f = 0u; f < N_FEATURES; f++) {
      acc[f] = fma(w, gridParam(level.chunk, base + f), acc[f]);
    }
  }
  return acc;
}
