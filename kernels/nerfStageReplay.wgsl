// Unfused NeRF rest-of-frame stand-in for encode → density MLP → colour MLP (the NGPC's share of a round): each round
// row gets the network output nerfFused.wgsl recorded for that ray's same sample number, written where the SH and
// composite stages read the MLP outputs (σ_raw to density_out[16·row], rgb_raw to color_out[3·row..]). The other 15
// density features are left as they are: composite never reads them and SH only copies them. Row
// slot·n_steps + j is sample rays[r].n − n_valid[slot] + j of ray r (nerfStageMarch.wgsl has already advanced n).
// Constants: WORKGROUP_SIZE, RECORD_STRIDE (> 0, as recorded).
//!include "nerfRay.wgsl"
//!include "nerfRound.wgsl"

@group(0) @binding(0) var<uniform> rnd: Round;
@group(0) @binding(1) var<storage, read> rays: array<RayState>;
@group(0) @binding(2) var<storage, read> alive: array<u32>;
@group(0) @binding(3) var<storage, read> n_valid: array<u32>;
@group(0) @binding(4) var<storage, read> recorded: array<vec4f>;
@group(0) @binding(5) var<storage, read_write> density_out: array<f32>;
@group(0) @binding(6) var<storage, read_write> color_out: array<f32>;

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  // One invocation per round row, as the MLP dispatches it replaces.
  let s = round_slot(gid, groups);
  if (s >= rnd.n_alive * rnd.n_steps) {
    return;
  }
  let slot = s / rnd.n_steps;
  let j = s % rnd.n_steps;
  let count = n_valid[slot];
  if (j >= count) {
    return;
  }
  let r = alive[slot];
  // Samples marched past a terminating one in the same round may exceed the recorded stride; composite never uses them.
  let k = min(rays[r].n - count + j, RECORD_STRIDE - 1u);
  let out = recorded[r * RECORD_STRIDE + k];
  density_out[16u * s] = out.x;
  color_out[3u * s] = out.y;
  color_out[3u * s + 1u] = out.z;
  color_out[3u * s + 2u] = out.w;
}
