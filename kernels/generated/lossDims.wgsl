// Generated from LossDims in src/train/loss.gpu.ts: do not edit (`npm run wgsl-structs` rewrites it).
// Elements in the batch, and 1 / n_total (batch × dims) rounded to f32.
struct LossDims {
  n: u32,
  inv_total: f32,
  pad0: u32,
  pad1: u32,
}
