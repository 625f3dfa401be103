// The fused "rest of the frame" (ray generation, marching, SH encoding, compositing) in ONE dispatch, with the network
// outputs supplied from a buffer as the NGPC would supply them: the GPU side of the paper's frame composition. It
// replays outputs recorded by nerfFused.wgsl, so it marches and terminates exactly as the full fused kernel did.
// Constants: those of nerfFusedLoop.wgsl, WORKGROUP_SIZE, RECORD_STRIDE (> 0).
//!include "nerfFusedLoop.wgsl"
//!include "shBasis.wgsl"

@group(0) @binding(0) var<uniform> camera: NerfCamera;
@group(0) @binding(1) var<storage, read> occ_bits: array<u32>;
@group(0) @binding(2) var<storage, read> recorded: array<vec4f>;
@group(0) @binding(3) var<storage, read_write> rgba_out: array<vec4f>;
@group(0) @binding(4) var<storage, read_write> samples_out: array<u32>;

fn nerf_sample(px: u32, k: u32, pos: vec3f, dir: vec3f) -> vec4f {
  // The SH encoding is rest-of-frame work (it feeds the colour network); its result joins the output so the compiler
  // keeps it, scaled by 0 (exact: the basis is finite).
  let sh = shBasis(dir);
  var s = 0.0;
  for (var i = 0u; i < 16u; i++) {
    s += sh[i];
  }
  return recorded[px * RECORD_STRIDE + min(k, RECORD_STRIDE - 1u)] + vec4f(0.0 * s);
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  nerf_fused_main(gid, groups);
}
