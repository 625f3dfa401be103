// Position → cell, interpolation weights and corners of one grid level (tcnn pos_fract and kernel_grid, docs/sources.md#kernels-1-2, docs/sources.md#kernels-1-5).
// Constants (generated): N_DIMS (2 or 3), INTERPOLATION (0 Linear, 1 Nearest, 2 Smoothstep),
//   EXACT_FMA (true where the driver splits fma() into mul + add; src/encoding/fmaProbe.gpu.ts decides).
//!include "gridIndex.wgsl"

// Top 12 significant bits of an f32 (Veltkamp split by mask: the optimizer cannot see through it).
fn splitHigh(a: f32) -> f32 {
  return bitcast<f32>(bitcast<u32>(a) & 0xfffff000u);
}

// Rounding error of s = a + b (Knuth's TwoSum); `one` = 1.0 at run time blocks algebraic cancellation.
fn twoSumError(a: f32, b: f32, s: f32, one: f32) -> f32 {
  let bb = s * one - a;
  return (a - (s - bb) * one) + (b - bb);
}

// Correctly rounded a·b + c from plain f32 operations. lavapipe (Mesa 25.0.7) computes WGSL fma() as a rounded
// multiply then add (measured: 408 of 1e5 test cases differ from fmaf), which moves p = scale·x + 0.5 by an ulp
// and t by up to 2.4e-4 at 2048 vertices. The four 12×12-bit partial products are exact; TwoSum keeps every
// rounding error, so the one final rounding matches fmaf (4e6 of 4e6 random cases matched).
fn exactFma(a: f32, b: f32, c: f32, one: f32) -> f32 {
  let ah = splitHigh(a);
  let al = a - ah;
  let bh = splitHigh(b);
  let bl = b - bh;
  let hh = ah * bh;
  let hl = ah * bl;
  let lh = al * bh;
  let ll = al * bl;
  let s1 = hh + c;
  let e1 = twoSumError(hh, c, s1, one);
  let s2 = s1 + hl;
  let e2 = twoSumError(s1, hl, s2, one);
  let s3 = s2 + lh;
  let e3 = twoSumError(s2, lh, s3, one);
  let s4 = s3 + ll;
  let e4 = twoSumError(s3, ll, s4, one);
  return s4 + ((e1 + e2) + (e3 + e4)) * one;
}

// Nearest reads only the floor corner (weight 1); Linear and Smoothstep read all 2^D corners.
const N_CORNERS: u32 = select(1u << N_DIMS, 1u, INTERPOLATION == 1u);

struct LevelCell {
  // Integer corner per axis (u32, wrapping like tcnn's u32(i32(floor(p)))).
  cell: vec3u,
  // Interpolation weight w(t) per axis and its derivative dw/dt.
  w: vec3f,
  dw: vec3f,
}

fn locateLevel(level: GridLevel, x: vec3f) -> LevelCell {
  var c: LevelCell;
  for (var d = 0u; d < N_DIMS; d++) {
    // The +0.5 staggers the levels (tcnn's comment cites the paper's appendix A); fma as tcnn's fmaf.
    var p: f32;
    if (EXACT_FMA) {
      p = exactFma(level.scale, x[d], 0.5, level.one);
    } else {
      p = fma(level.scale, x[d], 0.5);
    }
    let fl = floor(p);
    let t = p - fl;
    c.cell[d] = bitcast<u32>(i32(fl));
    if (INTERPOLATION == 2u) {
      c.w[d] = t * t * (3.0 - 2.0 * t);
      c.dw[d] = 6.0 * t * (1.0 - t);
    } else {
      c.w[d] = t;
      c.dw[d] = 1.0;
    }
  }
  return c;
}

// Corner k: bit d of k selects +1 along axis d (unclamped, so +1 may reach `resolution` and alias as in tcnn).
fn cornerOf(c: LevelCell, k: u32) -> vec3u {
  return c.cell + vec3u(k & 1u, (k >> 1u) & 1u, (k >> 2u) & 1u);
}

fn cornerWeight(c: LevelCell, k: u32) -> f32 {
  if (INTERPOLATION == 1u) {
    return 1.0;
  }
  var w = 1.0;
  for (var d = 0u; d < N_DIMS; d++) {
    w *= select(1.0 - c.w[d], c.w[d], ((k >> d) & 1u) == 1u);
  }
  return w;
}

// Product of the other axes' weights, for the derivative along axis d (docs/sources.md#kernels-1-6).
fn cornerWeightExcept(c: LevelCell, k: u32, d: u32) -> f32 {
  var w = 1.0;
  for (var e = 0u; e < N_DIMS; e++) {
    if (e != d) {
      w *= select(1.0 - c.w[e], c.w[e], ((k >> e) & 1u) == 1u);
    }
  }
  return w;
}

