// NeRF occupancy-grid update (instant-ngp splat_grid_samples_nerf_max_nearest_neighbor + ema_grid_samples_nerf, docs/sources.md#kernels-0
// §5.2). Entry `splat`: per sample, atomic max of its optical thickness into its cell (non-negative f32 bit patterns order
// like u32). Entry `merge`: per cell, new = old < 0 ? old : max(old·DECAY, splat), and the splat cell is cleared.
// Entry `bits`: per 32 cells, bit = grid > threshold. Constants: WORKGROUP_SIZE, DECAY.

struct Dims { n: u32, threshold: f32, pad0: u32, pad1: u32 }

@group(0) @binding(0) var<uniform> dims: Dims;
@group(0) @binding(1) var<storage, read_write> grid: array<f32>;
@group(0) @binding(2) var<storage, read_write> tmp: array<atomic<u32>>;
@group(0) @binding(3) var<storage, read> cells: array<u32>;
@group(0) @binding(4) var<storage, read> thickness: array<f32>;
@group(0) @binding(5) var<storage, read_write> bits: array<u32>;

fn flat_id(gid: vec3u, groups: vec3u) -> u32 {
  return gid.x + gid.y * groups.x * WORKGROUP_SIZE;
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn splat(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let i = flat_id(gid, groups);
  if (i >= dims.n) {
    return;
  }
  atomicMax(&tmp[cells[i]], bitcast<u32>(max(thickness[i], 0.0)));
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn merge(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let i = flat_id(gid, groups);
  if (i >= dims.n) {
    return;
  }
  let old = grid[i];
  let s = bitcast<f32>(atomicExchange(&tmp[i], 0u));
  grid[i] = select(max(old * DECAY, s), old, old < 0.0);
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn to_bits(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let w = flat_id(gid, groups);
  if (w * 32u >= dims.n) {
    return;
  }
  var word = 0u;
  for (var b = 0u; b < 32u; b++) {
    let i = w * 32u + b;
    if (i < dims.n && grid[i] > dims.threshold) {
      word |= 1u << b;
    }
  }
  bits[w] = word;
}
