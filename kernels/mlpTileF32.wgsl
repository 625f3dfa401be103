// Workgroup tiles of the fused MLP kernels stored as f32 (vec4f per 4 values).
// Constants (generated): ACT_TILE_VEC4S, W_TILE_VEC4S.

var<workgroup> tile_act: array<vec4f, ACT_TILE_VEC4S>;
var<workgroup> tile_w: array<vec4f, W_TILE_VEC4S>;

fn act_load(i: u32) -> vec4f { return tile_act[i]; }
fn act_store(i: u32, v: vec4f) { tile_act[i] = v; }
fn w_load(i: u32) -> vec4f { return tile_w[i]; }
fn w_store(i: u32, v: vec4f) { tile_w[i] = v; }
