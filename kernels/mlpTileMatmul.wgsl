// One matmul of the fused MLP kernels on a workgroup tile: each thread accumulates a 4-row × 8-neuron register block
// of tile_act · Wᵀ, streaming W through workgroup memory in chunks of W_CHUNK input columns.
// Register blocking matters on every backend and most on software Vulkan (lavapipe), where each loop iteration
// and each load inside a loop is expensive: 12 vec4 loads feed 128 multiply-adds here.
// Constants (generated): WORKGROUP_SIZE, ACT_STRIDE (vec4s per tile row), W_CHUNK (columns per staged chunk,
// a multiple of 4), ROW_BLOCKS (= tile rows / 4).
// Needs: `weights: array<vec4f>` (tcnn layout, f32) and the tile functions of mlpTileF32/F16.wgsl.

// Four rows (0..3) × two vec4 neuron groups (lo: neurons 0..3, hi: 4..7 of the thread's block).
struct MlpAcc {
  l0: vec4f, h0: vec4f, l1: vec4f, h1: vec4f, l2: vec4f, h2: vec4f, l3: vec4f, h3: vec4f,
}

fn weight_scalar(k: u32) -> f32 {
  return weights[k >> 2u][k & 3u];
}

// Stages columns [c0, c0 + 4·kc4) of the virtual matrix M (n_rows_v × n_cols_v) into tile_w[r · W_CHUNK/4 + j].
// M = W (rows = outputs) when !transposed; M = Wᵀ when transposed (W is then n_cols_v × n_rows_v at w_off).
fn stage_weight_chunk(w_off: u32, n_rows_v: u32, n_cols_v: u32, c0: u32, kc4: u32, transposed: bool, tid: u32) {
  let k4 = W_CHUNK / 4u;
  for (var e = tid; e < n_rows_v * kc4; e += WORKGROUP_SIZE) {
    let r = e / kc4;
    let j = e - r * kc4;
    var v: vec4f;
    if (transposed) {
      let c = c0 + 4u * j;
      v = vec4f(
        weight_scalar(w_off + c * n_rows_v + r),
        weight_scalar(w_off + (c + 1u) * n_rows_v + r),
        weight_scalar(w_off + (c + 2u) * n_rows_v + r),
        weight_scalar(w_off + (c + 3u) * n_rows_v + r),
      );
    } else {
      v = weights[(w_off + r * n_cols_v + c0) / 4u + j];
    }
    w_store(r * k4 + j, v);
  }
}

// acc[rows rb·4.., neurons cb·8..] = Σ_c tile_act[row][c] · M[neuron][c] over the n_cols_v inputs in the tile.
// Must be called in uniform control flow (it contains barriers); threads whose block is past n_rows_v only stage.
fn tile_matmul(w_off: u32, n_rows_v: u32, n_cols_v: u32, transposed: bool, tid: u32, rb: u32, cb: u32) -> MlpAcc {
  var a: MlpAcc;
  let k4 = W_CHUNK / 4u;
  let busy = cb * 8u < n_rows_v;
  for (var c0 = 0u; c0 < n_cols_v; c0 += W_CHUNK) {
    let kc4 = min(W_CHUNK, n_cols_v - c0) / 4u;
    workgroupBarrier();
    stage_weight_chunk(w_off, n_rows_v, n_cols_v, c0, kc4, transposed, tid);
    workgroupBarrier();
    if (busy) {
      let arow = rb * 4u * ACT_STRIDE + c0 / 4u;
      let wrow = cb * 8u * k4;
      for (var j = 0u; j < kc4; j++) {
        let x0 = act_load(arow + j);
        let x1 = act_load(arow + ACT_STRIDE + j);
        let x2 = act_load(arow + 2u * ACT_STRIDE + j);
        let x3 = act_load(arow + 3u * ACT_STRIDE + j);
        // x · mat4x4(w0, w1, w2, w3) = (dot(x, w0), …, dot(x, w3)): four neurons' partial sums at once.
        let lo = mat4x4f(w_load(wrow + j), w_load(wrow + k4 + j), w_load(wrow + 2u * k4 + j), w_load(wrow + 3u * k4 + j));
        let hi = mat4x4f(
          w_load(wrow + 4u * k4 + j), w_load(wrow + 5u * k4 + j), w_load(wrow + 6u * k4 + j), w_load(wrow + 7u * k4 + j),
        );
        a.l0 += x0 * lo; a.h0 += x0 * hi;
        a.l1 += x1 * lo; a.h1 += x1 * hi;
        a.l2 += x2 * lo; a.h2 += x2 * hi;
        a.l3 += x3 * lo; a.h3 += x3 * hi;
      }
    }
  }
  return a;
}

// Tile index (in vec4s) of row r of the thread's block, neuron group g (0 = lo, 1 = hi).
fn tile_block_index(rb: u32, cb: u32, r: u32, g: u32) -> u32 {
  return (rb * 4u + r) * ACT_STRIDE + cb * 2u + g;
}
