// Generated from AdamStep in src/train/adam.gpu.ts: do not edit (`npm run wgsl-structs` rewrites it).
// One Adam step over one parameter array; the β, ε and l2 values are run-time values (see kernels/adam.wgsl).
struct AdamStep {
  n: u32,
  // Entries [0, n_matrix) are MLP weights (l2, always stepped); the rest are grid entries (skip zero gradients).
  n_matrix: u32,
  learning_rate: f32,
  // EMA factors (a, b): ema ← a·ema + b·w (entry point `ema`).
  ema_a: f32,
  ema_b: f32,
  beta1: f32,
  beta2: f32,
  one_minus_beta1: f32,
  one_minus_beta2: f32,
  epsilon: f32,
  l2_reg: f32,
  pad0: u32,
}
