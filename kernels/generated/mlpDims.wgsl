// Generated from MlpDims in src/mlp/mlp.gpu.ts: do not edit (`npm run wgsl-structs` rewrites it).
// Activations are run-time codes (kernels/mlpActivation.wgsl) so one pipeline serves every activation choice.
struct MlpDims {
  n_rows: u32,
  activation: u32,
  output_activation: u32,
  pad0: u32,
}
