// Fused grid encoding + MLP forward: ONE dispatch from positions to network outputs, as the NGPC's neural fields
// processor pipelines its encoding engines into the MLP engine. Each workgroup encodes TILE_ROWS positions into
// the activation tile (per level, with the grid engineer's encodeLevel) and runs every MLP layer on it.
// f32 tiles. Constants: those of mlpForwardCore.wgsl (IN_DIMS = N_LEVELS·N_FEATURES) and of gridEncodingCore.wgsl
// (N_LEVELS, N_DIMS, N_FEATURES, INTERPOLATION, EXACT_FMA). `inputs` (binding 1) holds the N × N_DIMS positions.
//!include "mlpTileF32.wgsl"
//!include "mlpForwardCore.wgsl"
//!include "gridEncodingCore.wgsl"

@group(0) @binding(5) var<uniform> levels: array<GridLevel, N_LEVELS>;

// tile_act[row][l·F + f] = encodeLevel(level l, position of row); padding columns (IN_DIMS..IN_PADDED) are zero.
fn encode_tile(row0: u32, tid: u32) {
  for (var e = tid; e < TILE_ROWS * N_LEVELS; e += WORKGROUP_SIZE) {
    let r = e / N_LEVELS;
    let l = e - r * N_LEVELS;
    let row = row0 + r;
    var x = vec3f(0.0);
    if (row < dims.n_rows) {
      for (var d = 0u; d < N_DIMS; d++) { x[d] = inputs[row * N_DIMS + d]; }
    }
    let feats = encodeLevel(levels[l], x);
    for (var f = 0u; f < N_FEATURES; f++) {
      let c = l * N_FEATURES + f;
      tile_act[r * ACT_STRIDE + c / 4u][c % 4u] = feats[f];
    }
  }
  let pad4 = (IN_PADDED - IN_DIMS) / 4u;
  for (var e = tid; e < TILE_ROWS * pad4; e += WORKGROUP_SIZE) {
    let r = e / pad4;
    tile_act[r * ACT_STRIDE + IN_DIMS / 4u + (e - r * pad4)] = vec4f(0.0);
  }
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(local_invocation_index) tid: u32, @builtin(workgroup_id) wg: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let row0 = (wg.x + wg.y * groups.x) * TILE_ROWS;
  encode_tile(row0, tid);
  mlp_forward_tile(row0, tid);
}
