// Spherical-harmonics direction encoding, degrees 1–4, one invocation per direction (tcnn sh_enc, kernels.md §4).
// Constants (generated): WORKGROUP_SIZE, DEGREE (bands; DEGREE² outputs per direction).
// Input N × 3 in [0,1]³ (x = 2·in − 1, not renormalised, as tcnn); output N × DEGREE², order l = 0.., m = −l..l.

@group(0) @binding(0) var<storage, read> directions: array<f32>;
@group(0) @binding(1) var<storage, read_write> encoded: array<f32>;

const N_OUT: u32 = DEGREE * DEGREE;

// Sloan's real SH basis; coefficients from tcnn scripts/gen_sh.py.
fn shBasis(d: vec3f) -> array<f32, 16> {
  let x = d.x;
  let y = d.y;
  let z = d.z;
  let xx = x * x;
  let yy = y * y;
  let zz = z * z;
  return array<f32, 16>(
    0.28209479177387814,
    -0.48860251190291987 * y,
    0.48860251190291987 * z,
    -0.48860251190291987 * x,
    1.0925484305920792 * x * y,
    -1.0925484305920792 * y * z,
    0.94617469575755997 * zz - 0.31539156525251999,
    -1.0925484305920792 * x * z,
    0.54627421529603959 * xx - 0.54627421529603959 * yy,
    0.59004358992664352 * y * (-3.0 * xx + yy),
    2.8906114426405538 * x * y * z,
    0.45704579946446572 * y * (1.0 - 5.0 * zz),
    0.3731763325901154 * z * (5.0 * zz - 3.0),
    0.45704579946446572 * x * (1.0 - 5.0 * zz),
    1.4453057213202769 * z * (xx - yy),
    0.59004358992664352 * x * (-xx + 3.0 * yy),
  );
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let i = gid.x + gid.y * groups.x * WORKGROUP_SIZE;
  if (i >= arrayLength(&directions) / 3u) {
    return;
  }
  let d = 2.0 * vec3f(directions[3u * i], directions[3u * i + 1u], directions[3u * i + 2u]) - 1.0;
  let basis = shBasis(d);
  for (var k = 0u; k < N_OUT; k++) {
    encoded[i * N_OUT + k] = basis[k];
  }
}
