// Generated from GradDims in src/mlp/mlp.gpu.ts: do not edit (`npm run wgsl-structs` rewrites it).
// Batch rows, rows summed by one workgroup row (a slice), and 4×8 blocks of weights (one per thread).
struct GradDims {
  n_rows: u32,
  rows_per_slice: u32,
  n_blocks: u32,
  pad0: u32,
}
