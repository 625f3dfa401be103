// Unfused NeRF stage 1, ray generation: per pixel, the unit-cube ray and its entry t; rays that hit the cube are
// appended to the alive list (atomic counter), their accumulators cleared. Constants: nerfRay.wgsl, WORKGROUP_SIZE.
//!include "nerfRay.wgsl"

@group(0) @binding(0) var<uniform> camera: NerfCamera;
@group(0) @binding(1) var<storage, read_write> rays: array<RayState>;
@group(0) @binding(2) var<storage, read_write> rgba: array<vec4f>;
@group(0) @binding(3) var<storage, read_write> alive: array<u32>;
@group(0) @binding(4) var<storage, read_write> counter: array<atomic<u32>>;
@group(0) @binding(5) var<storage, read_write> samples_out: array<u32>;

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let px = gid.x + gid.y * groups.x * WORKGROUP_SIZE;
  if (px >= u32(camera.width) * u32(camera.height)) {
    return;
  }
  let ray = camera_ray(camera, px);
  let t = ray_start_t(ray.o, ray.d);
  rays[px] = RayState(ray.o, t, ray.d, 0u);
  rgba[px] = vec4f(0.0);
  samples_out[px] = 0u;
  if (t < MAX_DEPTH) {
    alive[atomicAdd(&counter[0], 1u)] = px;
  }
}
