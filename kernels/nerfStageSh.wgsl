// Unfused NeRF stage 4, SH encoding: the colour network's input rows [16 density outputs | 16 SH of the direction]
// (docs/sources.md#kernels-4, docs/sources.md#kernels-5-1). Constants: WORKGROUP_SIZE.
//!include "shBasis.wgsl"

struct Rows { n_rows: u32, pad0: u32, pad1: u32, pad2: u32 }

@group(0) @binding(0) var<uniform> rows: Rows;
@group(0) @binding(1) var<storage, read> directions: array<f32>;
@group(0) @binding(2) var<storage, read> density_out: array<f32>;
@group(0) @binding(3) var<storage, read_write> color_in: array<f32>;

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let i = gid.x + gid.y * groups.x * WORKGROUP_SIZE;
  if (i >= rows.n_rows) {
    return;
  }
  let sh = shBasis(vec3f(directions[3u * i], directions[3u * i + 1u], directions[3u * i + 2u]));
  for (var k = 0u; k < 16u; k++) {
    color_in[32u * i + k] = density_out[16u * i + k];
    color_in[32u * i + 16u + k] = sh[k];
  }
}
