// Doubles an f32 array through f16 arithmetic: checks that `enable f16;` is hoisted above generated constants.
enable f16;

@group(0) @binding(0) var<storage, read_write> values: array<f32>;

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  if (gid.x >= arrayLength(&values)) {
    return;
  }
  values[gid.x] = f32(f16(values[gid.x]) * 2.0h);
}
