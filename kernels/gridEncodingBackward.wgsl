// Grid-encoding backward to the parameters: scatter-add of w_k · dL/dy into every corner's entry (tcnn kernel_grid_backward, docs/sources.md#kernels-1-6).
// Constants (generated): WORKGROUP_SIZE, N_LEVELS, N_DIMS, N_FEATURES, INTERPOLATION,
//   SCATTER_MODE (0: f32 add by compare-exchange loop on the bits; 1: fixed-point i32 atomicAdd), FIXED_POINT_SCALE.
// WGSL has no f32 atomics (docs/sources.md#kernels-11-2); the mode was chosen by measurement, see gridEncoding.gpu.ts.
//!include "gridCell.wgsl"

@group(0) @binding(0) var<uniform> levels: array<GridLevel, N_LEVELS>;
@group(0) @binding(1) var<storage, read> positions: array<f32>;
@group(0) @binding(2) var<storage, read> dLdy: array<f32>;

@group(1) @binding(0) var<storage, read_write> gridGrads0: array<atomic<u32>>;
@group(1) @binding(1) var<storage, read_write> gridGrads1: array<atomic<u32>>;
@group(1) @binding(2) var<storage, read_write> gridGrads2: array<atomic<u32>>;
@group(1) @binding(3) var<storage, read_write> gridGrads3: array<atomic<u32>>;

// Fixed point: two's-complement i32 sums in u32 atomics (wrapping add is the same bit operation).
fn fixedBits(v: f32) -> u32 {
  return bitcast<u32>(i32(round(v * FIXED_POINT_SCALE)));
}

// One macro-free copy per binding: WGSL cannot index bindings or pass storage atomics by pointer portably.
fn scatterAdd(chunk: u32, i: u32, v: f32) {
  if (v == 0.0) {
    return;
  }
  switch chunk {
    case 0u: {
      if (SCATTER_MODE == 1u) {
        atomicAdd(&gridGrads0[i], fixedBits(v));
      } else {
        var old = atomicLoad(&gridGrads0[i]);
        loop {
          let r = atomicCompareExchangeWeak(&gridGrads0[i], old, bitcast<u32>(bitcast<f32>(old) + v));
          if (r.exchanged) {
            break;
          }
          old = r.old_value;
        }
      }
    }
    case 1u: {
      if (SCATTER_MODE == 1u) {
        atomicAdd(&gridGrads1[i], fixedBits(v));
      } else {
        var old = atomicLoad(&gridGrads1[i]);
        loop {
          let r = atomicCompareExchangeWeak(&gridGrads1[i], old, bitcast<u32>(bitcast<f32>(old) + v));
          if (r.exchanged) {
            break;
          }
          old = r.old_value;
        }
      }
    }
    case 2u: {
      if (SCATTER_MODE == 1u) {
        atomicAdd(&gridGrads2[i], fixedBits(v));
      } else {
        var old = atomicLoad(&gridGrads2[i]);
        loop {
          let r = atomicCompareExchangeWeak(&gridGrads2[i], old, bitcast<u32>(bitcast<f32>(old) + v));
          if (r.exchanged) {
            break;
          }
          old = r.old_value;
        }
      }
    }
    default: {
      if (SCATTER_MODE == 1u) {
        atomicAdd(&gridGrads3[i], fixedBits(v));
      } else {
        var old = atomicLoad(&gridGrads3[i]);
        loop {
          let r = atomicCompareExchangeWeak(&gridGrads3[i], old, bitcast<u32>(bitcast<f32>(old) + v));
          if (r.exchanged) {
            break;
          }
          old = r.old_value;
        }
      }
    }
  }
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let i = gid.x + gid.y * groups.x * WORKGROUP_SIZE;
  if (i >= arrayLength(&positions) / N_DIMS) {
    return;
  }
  let level = levels[gid.z];
  var x = vec3f(0.0);
  for (var d = 0u; d < N_DIMS; d++) {
    x[d] = positions[i * N_DIMS + d];
  }
  let c = locateLevel(level, x);
  let row = i * (N_LEVELS * N_FEATURES) + gid.z * N_FEATURES;
  var g: array<f32, N_FEATURES>;
  for (var f = 0u; f < N_FEATURES; f++) {
    g[f] = dLdy[row + f];
  }
  for (var k = 0u; k < N_CORNERS; k++) {
    let w = cornerWeight(c, k);
    let base = level.base + gridIndex(level, cornerOf(c, k)) * N_FEATURES;
    for (var f = 0u; f < N_FEATURES; f++) {
      scatterAdd(level.chunk, base + f, w * g[f]);
    }
  }
}
