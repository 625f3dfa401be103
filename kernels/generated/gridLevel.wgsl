// Generated from GridLevel in src/encoding/gridEncoding.gpu.ts: do not edit (`npm run wgsl-structs` rewrites it).
// One grid level (docs/sources.md#kernels-1-2). Every field is computed on the host (`levelTable`), never in WGSL.
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
  // Uniform array elements are 16-byte aligned.
  pad0: u32,
}
