// Grid-encoding level record and corner → table-entry index with tiny-cuda-nn semantics (docs/sources.md#kernels-1-4).
// Constants (generated): N_DIMS (2 or 3).
// `GridLevel` is declared once in src/encoding/gridEncoding.gpu.ts (GRID_LEVEL), which renders generated/gridLevel.wgsl.
// Every field is computed on the host (src/encoding/gridEncoding.gpu.ts `levelTable`), never in WGSL (docs/sources.md#kernels-1-2).

//!include "generated/gridLevel.wgsl"

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
