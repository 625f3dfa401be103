// One round of the unfused NeRF renderer: its uniform and the alive-list slot of an invocation. The includer declares
// `rnd: Round` (binding 0 in every stage kernel). Constants: WORKGROUP_SIZE.

struct Round { n_alive: u32, n_steps: u32, pad0: u32, pad1: u32 }

// The alive-list slot of this invocation: the 2-D dispatch (workgroupGrid, for counts past 65535 workgroups per
// dimension) flattened. Slots at or past rnd.n_alive hold no ray this round.
fn round_slot(gid: vec3u, groups: vec3u) -> u32 {
  return gid.x + gid.y * groups.x * WORKGROUP_SIZE;
}
