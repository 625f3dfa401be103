// Entry point of the fused MLP forward: one workgroup per TILE_ROWS batch rows (2-D grid, linearised).

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(local_invocation_index) tid: u32, @builtin(workgroup_id) wg: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let row0 = (wg.x + wg.y * groups.x) * TILE_ROWS;
  load_input_tile(row0, tid);
  mlp_forward_tile(row0, tid);
}
