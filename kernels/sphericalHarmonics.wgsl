// Spherical-harmonics direction encoding, degrees 1–4, one invocation per direction (tcnn sh_enc, docs/sources.md#kernels-4).
// Constants (generated): WORKGROUP_SIZE, DEGREE (bands; DEGREE² outputs per direction).
// Input N × 3 in [0,1]³ (x = 2·in − 1, not renormalised, as tcnn); output N × DEGREE², order l = 0.., m = −l..l.

@group(0) @binding(0) var<storage, read> directions: array<f32>;
@group(0) @binding(1) var<storage, read_write> encoded: array<f32>;

const N_OUT: u32 = DEGREE * DEGREE;

//!include "shBasis.wgsl"

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
