// Workgroup tiles of the fused MLP kernels stored as f16 (4 halves packed in a vec2u), arithmetic in f32.
// tcnn runs the fused MLP on fp16 operands (docs/sources.md#kernels-3-2); packing with pack2x16float needs no `enable f16`
// (docs/sources.md#kernels-11-2) and halves the workgroup bytes per value, so tiles hold twice the rows.
// Constants (generated): ACT_TILE_VEC4S, W_TILE_VEC4S.

var<workgroup> tile_act: array<vec2u, ACT_TILE_VEC4S>;
var<workgroup> tile_w: array<vec2u, W_TILE_VEC4S>;

fn unpack4(p: vec2u) -> vec4f { return vec4f(unpack2x16float(p.x), unpack2x16float(p.y)); }
fn pack4(v: vec4f) -> vec2u { return vec2u(pack2x16float(v.xy), pack2x16float(v.zw)); }
fn act_load(i: u32) -> vec4f { return unpack4(tile_act[i]); }
fn act_store(i: u32, v: vec4f) { tile_act[i] = pack4(v); }
fn w_load(i: u32) -> vec4f { return unpack4(tile_w[i]); }
fn w_store(i: u32, v: vec4f) { tile_w[i] = pack4(v); }
