// Grid-encoding level record and corner → table-entry index with tiny-cuda-nn semantics (docs/sources.md#kernels-1-4).
// Constants (generated): N_DIMS (2 or 3).
// Every field is computed on the host (src/encoding/gridEncoding.gpu.ts `levelTable`), never in WGSL (docs/sources.md#kernels-1-2).

struct GridLevel {
  // scale_l = exp2(l·log2 b)·N_min − 1, rounded to f32 on the host exactly as tcnn does.
  scale: f32,
  // Grid vertices per axis: ceil(scale) + 1.
  resolution: u32,
  // Entries in this level's table (the modulo of tcnn's grid_index).
  entries: u32,
  // GRID_INDEX_DENSE, GRID_INDEX_HASH or GRID_INDEX_ZERO, decided on the host from tcnn's grid_index branches.
  mode: u32,
  // Parameter binding (group 1) that holds this level, and the f32 index of the level's first entry in it.
  chunk: u32,
  base: u32,
  // Always 1.0, read at run time so that exactFma's error terms cannot be folded away by the driver's optimizer.
  one: f32,
  pad: u32,
}

// Dense stride indexing: resolution <= MAX_BASE[D] and the table is not smaller than the dense grid.
const GRID_INDEX_DENSE: u32 = 0u;
// Coherent prime hash (tcnn common_device.h, primes from commit d063915).
const GRID_INDEX_HASH: u32 = 1u;
// tcnn's degenerate path: too big to index densely and not hashed, so every corner maps to entry 0.
const GRID_INDEX_ZERO: u32 = 2u;

// u32 arithmetic wraps modulo 2^32 in WGSL, as tcnn's hash needs (docs/sources.md#kernels-11-3). Corners are not clamped.
fn gridIndex(level: GridLevel, corner: vec3u) -> u32 {
  var index = 0u;
  if (level.mode == GRID_INDEX_HASH) {
    index = corner.x ^ (corner.y * 2654435761u);
    if (N_DIMS == 3u) {
      index ^= corner.z * 805459861u;
    }
  } else if (level.mode == GRID_INDEX_DENSE) {
    index = corner.x + corner.y * level.resolution;
    if (N_DIMS == 3u) {
      index += corner.z * (level.resolution * level.resolution);
    }
  }
  return index % level.entries;
}
