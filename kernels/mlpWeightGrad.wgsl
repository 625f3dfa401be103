// MLP weight gradients dW_k = Σ_rows δ_k h_{k−1}ᵀ (docs/sources.md#kernels-3-3: tcnn runs these as split-K GEMMs) as
// deterministic per-slice partial sums: workgroup row y sums its slice of batch rows in order; mlpReduceSlices.wgsl
// then adds the slices in order. Each thread owns a 4-output × 8-input block of one matrix.
// Constants (generated): WIDTH, IN_DIMS, IN_PADDED, OUT_PADDED, N_MATRICES, N_PARAMS, WORKGROUP_SIZE.

//!include "generated/gradDims.wgsl"

@group(0) @binding(0) var<storage, read> inputs: array<f32>;
@group(0) @binding(1) var<storage, read> hidden: array<vec4f>;
@group(0) @binding(2) var<storage, read> deltas: array<vec4f>;
@group(0) @binding(3) var<storage, read_write> partials: array<vec4f>;
@group(0) @binding(4) var<uniform> dims: GradDims;

fn input8(row: u32, c0: u32) -> array<vec4f, 2> {
  var v = array<vec4f, 2>(vec4f(0.0), vec4f(0.0));
  for (var q = 0u; q < 8u; q++) {
    let c = c0 + q;
    if (c < IN_DIMS) { v[q / 4u][q % 4u] = inputs[row * IN_DIMS + c]; }
  }
  return v;
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let b = gid.x;
  if (b >= dims.n_blocks) { return; }
  let nb0 = (WIDTH / 4u) * (IN_PADDED / 8u);
  let nbh = (WIDTH / 4u) * (WIDTH / 8u);
  var k = 0u;
  var local = b;
  var cols = IN_PADDED;
  var rows = WIDTH;
  var offset = 0u;
  if (b >= nb0) {
    local = b - nb0;
    k = 1u + local / nbh;
    cols = WIDTH;
    if (k + 1u < N_MATRICES) {
      local -= (k - 1u) * nbh;
    } else {
      k = N_MATRICES - 1u;
      local = b - nb0 - (N_MATRICES - 2u) * nbh;
      rows = OUT_PADDED;
    }
    offset = WIDTH * IN_PADDED + (k - 1u) * WIDTH * WIDTH;
  }
  let ob = local / (cols / 8u);
  let ib = local - ob * (cols / 8u);
  let last = k + 1u == N_MATRICES;
  var acc: array<vec4f, 8>;
  let r0 = gid.y * dims.rows_per_slice;
  let r1 = min(dims.n_rows, r0 + dims.rows_per_slice);
  for (var row = r0; row < r1; row++) {
    var d: vec4f;
    if (last) {
      d = deltas[(k * dims.n_rows * WIDTH + row * OUT_PADDED) / 4u + ob];
    } else {
      d = deltas[(k * dims.n_rows + row) * (WIDTH / 4u) + ob];
    }
    var h: array<vec4f, 2>;
    if (k == 0u) {
      h = input8(row, ib * 8u);
    } else {
      let hb = ((k - 1u) * dims.n_rows + row) * (WIDTH / 4u) + ib * 2u;
      h = array<vec4f, 2>(hidden[hb], hidden[hb + 1u]);
    }
    acc[0] += d.x * h[0]; acc[1] += d.x * h[1];
    acc[2] += d.y * h[0]; acc[3] += d.y * h[1];
    acc[4] += d.z * h[0]; acc[5] += d.z * h[1];
    acc[6] += d.w * h[0]; acc[7] += d.w * h[1];
  }
  let base = (gid.y * N_PARAMS + offset + ob * 4u * cols + ib * 8u) / 4u;
  for (var o = 0u; o < 4u; o++) {
    partials[base + o * cols / 4u] = acc[2u * o];
    partials[base + o * cols / 4u + 1u] = acc[2u * o + 1u];
  }
}
