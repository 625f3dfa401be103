// y = A * x + y over a flat f32 array: the smallest real kernel, used to prove the runtime end to end.
// Constants (generated): A: f32, WORKGROUP_SIZE: u32.

@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read_write> y: array<f32>;

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let i = gid.x + gid.y * groups.x * WORKGROUP_SIZE;
  if (i >= arrayLength(&y)) {
    return;
  }
  y[i] = fma(A, x[i], y[i]);
}
