// NeRF occupancy-grid lookups and empty-space skipping at cone_angle 0 (instant-ngp nerf_device.cuh, docs/sources.md#kernels-5-2–5.3).
// Constants: GRID_RES, N_CASCADES, STEP_SIZE, MAX_DEPTH. The includer declares `occ_bits: array<u32>` (1 bit per
// cell, cascade-major then Morton order).

fn expand_bits(v_in: u32) -> u32 {
  var v = (v_in * 0x00010001u) & 0xFF0000FFu;
  v = (v * 0x00000101u) & 0x0F00F00Fu;
  v = (v * 0x00000011u) & 0xC30C30C3u;
  v = (v * 0x00000005u) & 0x49249249u;
  return v;
}

fn morton3d(x: u32, y: u32, z: u32) -> u32 {
  return expand_bits(x) | (expand_bits(y) << 1u) | (expand_bits(z) << 2u);
}

// instant-ngp mip_from_pos: frexp exponent of max|pos − 0.5|, plus 1, clamped to the cascades.
fn mip_from_pos(pos: vec3f) -> u32 {
  let a = abs(pos - vec3f(0.5));
  let e = frexp(max(max(a.x, a.y), a.z)).exp;
  return u32(clamp(e + 1, 0, i32(N_CASCADES) - 1));
}

// instant-ngp cascaded_grid_idx_at + density_grid_occupied_at (f32 → i32 truncates toward zero).
fn occupied_at(pos: vec3f, mip: u32) -> bool {
  let scale = ldexp(1.0, -i32(mip));
  let p = (pos - vec3f(0.5)) * scale + vec3f(0.5);
  let i = vec3i(p * f32(GRID_RES));
  if (any(i < vec3i(0)) || any(i >= vec3i(i32(GRID_RES)))) {
    return false;
  }
  let bit = mip * GRID_RES * GRID_RES * GRID_RES + morton3d(u32(i.x), u32(i.y), u32(i.z));
  return ((occ_bits[bit >> 5u] >> (bit & 31u)) & 1u) == 1u;
}

// DDA distance to the next cell boundary at resolution `res` (instant-ngp distance_to_next_voxel).
fn distance_to_next_voxel(pos: vec3f, d: vec3f, res: f32) -> f32 {
  let p = res * (pos - vec3f(0.5));
  let tv = (floor(p + vec3f(0.5) + 0.5 * sign(d)) - p) * (1.0 / d);
  return max(min(min(tv.x, tv.y), tv.z) / res, 0.0);
}

fn inside_cube(p: vec3f) -> bool {
  return all(p >= vec3f(0.0)) && all(p <= vec3f(1.0));
}

// instant-ngp if_unoccupied_advance_to_next_occupied_voxel: skip empty cells in whole steps, climbing to the largest
// empty cascade; MAX_DEPTH once the ray leaves the cube. `!(t < target)` also ends the inner loop on NaN.
fn advance_to_occupied(o: vec3f, d: vec3f, t_in: f32) -> f32 {
  var t = t_in;
  loop {
    let pos = o + d * t;
    if (t >= MAX_DEPTH || !inside_cube(pos)) {
      return MAX_DEPTH;
    }
    var mip = mip_from_pos(pos);
    if (occupied_at(pos, mip)) {
      return t;
    }
    while (mip + 1u < N_CASCADES && !occupied_at(pos, mip + 1u)) {
      mip += 1u;
    }
    let t_target = t + distance_to_next_voxel(pos, d, f32(GRID_RES) * ldexp(1.0, -i32(mip)));
    loop {
      t += STEP_SIZE;
      if (!(t < t_target)) {
        break;
      }
    }
  }
}
