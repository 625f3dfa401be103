// Grid-encoding forward: one invocation per (point, level), level = workgroup z like tcnn's blockIdx.y (docs/sources.md#kernels-1-5, docs/sources.md#kernels-11-4).
// Constants (generated): WORKGROUP_SIZE, N_LEVELS, N_DIMS, N_FEATURES, INTERPOLATION.
// Output: N × (L·F) row-major, level-major within a row.
//!include "gridEncodingCore.wgsl"

@group(0) @binding(0) var<uniform> levels: array<GridLevel, N_LEVELS>;
@group(0) @binding(1) var<storage, read> positions: array<f32>;
@group(0) @binding(2) var<storage, read_write> encoded: array<f32>;

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let i = gid.x + gid.y * groups.x * WORKGROUP_SIZE;
  if (i >= arrayLength(&positions) / N_DIMS) {
    return;
  }
  let l = gid.z;
  var x = vec3f(0.0);
  for (var d = 0u; d < N_DIMS; d++) {
    x[d] = positions[i * N_DIMS + d];
  }
  let value = encodeLevel(levels[l], x);
  let row = i * (N_LEVELS * N_FEATURES) + l * N_FEATURES;
  for (var f = 0u; f < N_FEATURES; f++) {
    encoded[row + f] = value[f];
  }
}
