// The NeRF network for one sample in one invocation (thread-per-sample, docs/sources.md#kernels-11-4 option 1): hash grid → density MLP
// → [16 features | SH degree 4] → colour MLP. Returns (σ_raw, rgb_raw). Used by the fused renderer.
// Constants: those of gridEncodingCore.wgsl, and VEC (private vector length ≥ every layer width), WIDTH,
// DENSITY_IN_PADDED, DENSITY_HIDDEN (hidden layers), COLOR_HIDDEN, COLOR_OFFSET (first colour weight in `weights`).
// The includer declares `levels: array<GridLevel, N_LEVELS>` and `weights: array<f32>` (density then colour, tcnn
// row-major out × in per matrix, no biases; docs/sources.md#kernels-3-1).
//!include "gridEncodingCore.wgsl"
//!include "shBasis.wgsl"

// y[0..n_out) = act(W · x[0..n_in)), W row-major n_out × n_in from `w_off`; ReLU when `relu`.
fn nerf_dense(w_off: u32, n_out: u32, n_in: u32, x: ptr<function, array<f32, VEC>>, y: ptr<function, array<f32, VEC>>, relu: bool) {
  for (var o = 0u; o < n_out; o++) {
    var acc = 0.0;
    let base = w_off + o * n_in;
    for (var i = 0u; i < n_in; i++) {
      acc += weights[base + i] * (*x)[i];
    }
    (*y)[o] = select(acc, max(acc, 0.0), relu);
  }
}

fn nerf_eval(pos: vec3f, dir: vec3f) -> vec4f {
  var a: array<f32, VEC>;
  var b: array<f32, VEC>;
  for (var l = 0u; l < N_LEVELS; l++) {
    let feats = encodeLevel(levels[l], pos);
    for (var f = 0u; f < N_FEATURES; f++) {
      a[l * N_FEATURES + f] = feats[f];
    }
  }
  for (var c = N_LEVELS * N_FEATURES; c < DENSITY_IN_PADDED; c++) {
    a[c] = 0.0;
  }
  // Density network: W0 (WIDTH × DENSITY_IN_PADDED), hidden WIDTH × WIDTH, Wout 16 × WIDTH (16 geometric features).
  nerf_dense(0u, WIDTH, DENSITY_IN_PADDED, &a, &b, true);
  var off = WIDTH * DENSITY_IN_PADDED;
  for (var k = 1u; k < DENSITY_HIDDEN; k++) {
    nerf_dense(off, WIDTH, WIDTH, &b, &a, true);
    b = a;
    off += WIDTH * WIDTH;
  }
  nerf_dense(off, 16u, WIDTH, &b, &a, false);
  let sigma_raw = a[0];
  let sh = shBasis(dir);
  for (var k = 0u; k < 16u; k++) {
    a[16u + k] = sh[k];
  }
  // Colour network: W0 (WIDTH × 32), hidden WIDTH × WIDTH, Wout 16 × WIDTH of which rows 0..2 are RGB.
  nerf_dense(COLOR_OFFSET, WIDTH, 32u, &a, &b, true);
  off = COLOR_OFFSET + WIDTH * 32u;
  for (var k = 1u; k < COLOR_HIDDEN; k++) {
    nerf_dense(off, WIDTH, WIDTH, &b, &a, true);
    b = a;
    off += WIDTH * WIDTH;
  }
  nerf_dense(off, 3u, WIDTH, &b, &a, false);
  return vec4f(sigma_raw, a[0], a[1], a[2]);
}
