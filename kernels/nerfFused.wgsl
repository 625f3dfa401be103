// Fused NeRF renderer: ONE dispatch, one invocation per pixel, that generates the ray, marches with empty-space skipping,
// evaluates the whole network per sample and composites with early termination (kernels.md §5.3–5.4).
// Constants: those of nerfRay/nerfMarch/nerfNetwork/nerfComposite.wgsl, WORKGROUP_SIZE, MAX_SAMPLES.
// Outputs per pixel: premultiplied RGBA and the samples composited (bit 31 set when the ray terminated early).
//!include "nerfRay.wgsl"
//!include "nerfMarch.wgsl"
//!include "nerfNetwork.wgsl"
//!include "nerfComposite.wgsl"

@group(0) @binding(0) var<uniform> camera: NerfCamera;
@group(0) @binding(1) var<uniform> levels: array<GridLevel, N_LEVELS>;
@group(0) @binding(2) var<storage, read> weights: array<f32>;
@group(0) @binding(3) var<storage, read> occ_bits: array<u32>;
@group(0) @binding(4) var<storage, read_write> rgba_out: array<vec4f>;
@group(0) @binding(5) var<storage, read_write> samples_out: array<u32>;

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let px = gid.x + gid.y * groups.x * WORKGROUP_SIZE;
  if (px >= u32(camera.width) * u32(camera.height)) {
    return;
  }
  let ray = camera_ray(camera, px);
  var t = ray_start_t(ray.o, ray.d);
  var acc = vec4f(0.0);
  var n = 0u;
  var done = 0u;
  if (t < MAX_DEPTH) {
    loop {
      if (n >= MAX_SAMPLES) {
        break;
      }
      t = advance_to_occupied(ray.o, ray.d, t);
      if (t >= MAX_DEPTH) {
        break;
      }
      acc = composite_step(acc, nerf_eval(ray.o + ray.d * t, ray.d));
      n += 1u;
      if (composite_done(acc)) {
        acc = acc / acc.a;
        done = 1u;
        break;
      }
      t += STEP_SIZE;
    }
  }
  rgba_out[px] = acc;
  samples_out[px] = n | (done << 31u);
}
