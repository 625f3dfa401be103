// Unfused NeRF stage 2, march: each alive ray writes up to n_steps samples (position, direction) into its slots
// [slot·n_steps, slot·n_steps + n_valid) and keeps its t (instant-ngp generate_next_nerf_network_inputs).
// A ray that leaves the cube or reaches MAX_SAMPLES gets t = MAX_DEPTH. Constants: nerfRay/nerfMarch.wgsl,
// WORKGROUP_SIZE, MAX_SAMPLES.
//!include "nerfRay.wgsl"
//!include "nerfRound.wgsl"
//!include "nerfMarch.wgsl"

@group(0) @binding(0) var<uniform> rnd: Round;
@group(0) @binding(1) var<storage, read> occ_bits: array<u32>;
@group(0) @binding(2) var<storage, read_write> rays: array<RayState>;
@group(0) @binding(3) var<storage, read> alive: array<u32>;
@group(0) @binding(4) var<storage, read_write> positions: array<f32>;
@group(0) @binding(5) var<storage, read_write> directions: array<f32>;
@group(0) @binding(6) var<storage, read_write> n_valid: array<u32>;

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let slot = round_slot(gid, groups);
  if (slot >= rnd.n_alive) {
    return;
  }
  let r = alive[slot];
  var ray = rays[r];
  var count = 0u;
  for (var j = 0u; j < rnd.n_steps; j++) {
    if (ray.n >= MAX_SAMPLES) {
      ray.t = MAX_DEPTH;
      break;
    }
    ray.t = advance_to_occupied(ray.o, ray.d, ray.t);
    if (ray.t >= MAX_DEPTH) {
      break;
    }
    let pos = ray.o + ray.d * ray.t;
    let s = slot * rnd.n_steps + j;
    positions[3u * s] = pos.x;
    positions[3u * s + 1u] = pos.y;
    positions[3u * s + 2u] = pos.z;
    directions[3u * s] = ray.d.x;
    directions[3u * s + 1u] = ray.d.y;
    directions[3u * s + 2u] = ray.d.z;
    ray.t += STEP_SIZE;
    ray.n += 1u;
    count += 1u;
  }
  rays[r] = ray;
  n_valid[slot] = count;
}
