// Fused NeRF renderer: ONE dispatch, one invocation per pixel, that marches, evaluates the whole network per sample and
// composites with early termination. Constants: those of nerfFusedLoop/nerfNetwork.wgsl, WORKGROUP_SIZE,
// RECORD_STRIDE (0: off; else each sample's network output is also written to `recorded[px·RECORD_STRIDE + k]`
// for k < RECORD_STRIDE, which nerfFusedRest.wgsl replays).
//!include "nerfFusedLoop.wgsl"
//!include "nerfNetwork.wgsl"

@group(0) @binding(0) var<uniform> camera: NerfCamera;
@group(0) @binding(1) var<uniform> levels: array<GridLevel, N_LEVELS>;
@group(0) @binding(2) var<storage, read> weights: array<f32>;
@group(0) @binding(3) var<storage, read> occ_bits: array<u32>;
@group(0) @binding(4) var<storage, read_write> rgba_out: array<vec4f>;
@group(0) @binding(5) var<storage, read_write> samples_out: array<u32>;
@group(0) @binding(6) var<storage, read_write> recorded: array<vec4f>;

fn nerf_sample(px: u32, k: u32, pos: vec3f, dir: vec3f) -> vec4f {
  let out = nerf_eval(pos, dir);
  if (k < RECORD_STRIDE) {
    recorded[px * RECORD_STRIDE + k] = out;
  }
  return out;
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  nerf_fused_main(gid, groups);
}
