// Sums per-slice partial gradients in slice order (deterministic): out[i] = Σ_s partials[s][i], vec4 at a time.
// Constants (generated): WORKGROUP_SIZE.

//!include "generated/reduceDims.wgsl"

@group(0) @binding(0) var<storage, read> partials: array<vec4f>;
@group(0) @binding(1) var<storage, read_write> sums: array<vec4f>;
@group(0) @binding(2) var<uniform> dims: ReduceDims;

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let i = gid.x;
  if (i >= dims.n_vec4) { return; }
  var acc = vec4f(0.0);
  for (var s = 0u; s < dims.n_slices; s++) { acc += partials[s * dims.n_vec4 + i]; }
  sums[i] = acc;
}
