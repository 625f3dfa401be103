// Generated from ReduceDims in src/mlp/mlp.gpu.ts: do not edit (`npm run wgsl-structs` rewrites it).
// vec4s per slice and slices to sum, in slice order.
struct ReduceDims {
  n_vec4: u32,
  n_slices: u32,
  pad0: u32,
  pad1: u32,
}
