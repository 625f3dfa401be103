// The per-pixel loop of the fused NeRF kernels: ray generation, marching with empty-space skipping and compositing
// with early termination (docs/sources.md#kernels-5-3–5.4). The includer supplies `nerf_sample(px, k, pos, dir) -> vec4f`
// returning (σ_raw, rgb_raw) of the pixel's k-th sample, the camera/occupancy bindings and the outputs `rgba_out`,
// `samples_out`. Constants: those of nerfRay/nerfMarch/nerfComposite.wgsl, MAX_SAMPLES and WORKGROUP_SIZE.
//!include "nerfRay.wgsl"
//!include "nerfMarch.wgsl"
//!include "nerfComposite.wgsl"

struct PixelResult {
  // Premultiplied RGBA (renormalised to A = 1 on early termination).
  rgba: vec4f,
  // Samples composited, bit 31 set when the ray terminated early.
  samples: u32,
}

fn nerf_fused_pixel(px: u32) -> PixelResult {
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
      acc = composite_step(acc, nerf_sample(px, n, ray.o + ray.d * t, ray.d));
      n += 1u;
      if (composite_done(acc)) {
        acc = acc / acc.a;
        done = 1u;
        break;
      }
      t += STEP_SIZE;
    }
  }
  return PixelResult(acc, n | (done << 31u));
}

// The whole entry point of a fused kernel: one invocation per pixel (the 2-D dispatch flattened), writing its result.
fn nerf_fused_main(gid: vec3u, groups: vec3u) {
  let px = gid.x + gid.y * groups.x * WORKGROUP_SIZE;
  if (px >= u32(camera.width) * u32(camera.height)) {
    return;
  }
  let r = nerf_fused_pixel(px);
  rgba_out[px] = r.rgba;
  samples_out[px] = r.samples;
}
