// Unfused NeRF stage 7, compact: rays still marching (t < MAX_DEPTH) are appended to the next round's alive list
// (instant-ngp compact_kernel_nerf; the order varies, the image does not). Constants: MAX_DEPTH, WORKGROUP_SIZE.
//!include "nerfRay.wgsl"
//!include "nerfRound.wgsl"

@group(0) @binding(0) var<uniform> rnd: Round;
@group(0) @binding(1) var<storage, read> rays: array<RayState>;
@group(0) @binding(2) var<storage, read> alive_in: array<u32>;
@group(0) @binding(3) var<storage, read_write> alive_out: array<u32>;
@group(0) @binding(4) var<storage, read_write> counter: array<atomic<u32>>;

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let slot = round_slot(gid, groups);
  if (slot >= rnd.n_alive) {
    return;
  }
  let r = alive_in[slot];
  if (rays[r].t < MAX_DEPTH) {
    alive_out[atomicAdd(&counter[0], 1u)] = r;
  }
}
