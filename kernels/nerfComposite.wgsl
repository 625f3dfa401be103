// One compositing step (instant-ngp composite_kernel_nerf, docs/sources.md#kernels-5-4): σ = exp(clamp(σ_raw, ±15)),
// α = 1 − exp(−σ·dt), w = α·(1 − A), C += w·sigmoid(rgb_raw), A += w. Constants: STEP_SIZE, MIN_TRANSMITTANCE.

// Returns the new premultiplied (rgb, A); the caller stops once A > 1 − MIN_TRANSMITTANCE (then divides by A).
fn composite_step(acc: vec4f, out: vec4f) -> vec4f {
  let sigma = exp(clamp(out.x, -15.0, 15.0));
  let alpha = 1.0 - exp(-sigma * STEP_SIZE);
  let w = alpha * (1.0 - acc.a);
  let rgb = 1.0 / (1.0 + exp(-out.yzw));
  return acc + vec4f(rgb * w, w);
}

fn composite_done(acc: vec4f) -> bool {
  return acc.a > 1.0 - MIN_TRANSMITTANCE;
}
