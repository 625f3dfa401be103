// Grid-encoding backward to the positions: one invocation per point, summed over levels (tcnn kernel_grid_backward_input, docs/sources.md#kernels-1-6).
// Constants (generated): WORKGROUP_SIZE, N_LEVELS, N_DIMS, N_FEATURES, INTERPOLATION. Output dL/dx: N × N_DIMS.
//!include "gridCell.wgsl"
//!include "gridParams.wgsl"

@group(0) @binding(0) var<uniform> levels: array<GridLevel, N_LEVELS>;
@group(0) @binding(1) var<storage, read> positions: array<f32>;
@group(0) @binding(2) var<storage, read> dLdy: array<f32>;
@group(0) @binding(3) var<storage, read_write> dLdx: array<f32>;

// dL/dx from one level: scale · dw_d · Σ_k ±Π_{e≠d} w_e · ⟨dL/dy_l, P_k⟩ (+ where corner bit d is set).
fn levelInputGrad(level: GridLevel, x: vec3f, row: u32) -> vec3f {
  var grad = vec3f(0.0);
  if (INTERPOLATION == 1u) {
    return grad;
  }
  let c = locateLevel(level, x);
  for (var k = 0u; k < N_CORNERS; k++) {
    let base = level.base + gridIndex(level, cornerOf(c, k)) * N_FEATURES;
    var value = 0.0;
    for (var f = 0u; f < N_FEATURES; f++) {
      value = fma(dLdy[row + f], gridParam(level.chunk, base + f), value);
    }
    for (var d = 0u; d < N_DIMS; d++) {
      let sign = select(-1.0, 1.0, ((k >> d) & 1u) == 1u);
      grad[d] += sign * level.scale * c.dw[d] * cornerWeightExcept(c, k, d) * value;
    }
  }
  return grad;
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let i = gid.x + gid.y * groups.x * WORKGROUP_SIZE;
  if (i >= arrayLength(&positions) / N_DIMS) {
    return;
  }
  var x = vec3f(0.0);
  for (var d = 0u; d < N_DIMS; d++) {
    x[d] = positions[i * N_DIMS + d];
  }
  var grad = vec3f(0.0);
  for (var l = 0u; l < N_LEVELS; l++) {
    grad += levelInputGrad(levels[l], x, i * (N_LEVELS * N_FEATURES) + l * N_FEATURES);
  }
  for (var d = 0u; d < N_DIMS; d++) {
    dLdx[i * N_DIMS + d] = grad[d];
  }
}
