// Unfused NeRF stage 6, composite: each alive ray accumulates its n_valid samples of this round in order and stops early
// (t = MAX_DEPTH) once A > 1 − MIN_TRANSMITTANCE (docs/sources.md#kernels-5-4). Constants: nerfComposite.wgsl, MAX_DEPTH,
// WORKGROUP_SIZE.
//!include "nerfRay.wgsl"
//!include "nerfRound.wgsl"
//!include "nerfComposite.wgsl"

@group(0) @binding(0) var<uniform> rnd: Round;
@group(0) @binding(1) var<storage, read_write> rays: array<RayState>;
@group(0) @binding(2) var<storage, read> alive: array<u32>;
@group(0) @binding(3) var<storage, read> n_valid: array<u32>;
@group(0) @binding(4) var<storage, read> density_out: array<f32>;
@group(0) @binding(5) var<storage, read> color_out: array<f32>;
@group(0) @binding(6) var<storage, read_write> rgba: array<vec4f>;
@group(0) @binding(7) var<storage, read_write> samples_out: array<u32>;

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let slot = round_slot(gid, groups);
  if (slot >= rnd.n_alive) {
    return;
  }
  let r = alive[slot];
  var acc = rgba[r];
  var used = samples_out[r];
  for (var j = 0u; j < n_valid[slot]; j++) {
    let s = slot * rnd.n_steps + j;
    acc = composite_step(acc, vec4f(density_out[16u * s], color_out[3u * s], color_out[3u * s + 1u], color_out[3u * s + 2u]));
    used += 1u;
    if (composite_done(acc)) {
      acc = acc / acc.a;
      used |= 1u << 31u;
      rays[r].t = MAX_DEPTH;
      break;
    }
  }
  rgba[r] = acc;
  samples_out[r] = used;
}
