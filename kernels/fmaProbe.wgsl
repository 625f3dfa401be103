// Probe: does this driver fuse WGSL fma()? Computes fma(a, b, c) for host-chosen triples where fused and split differ.
@group(0) @binding(0) var<storage, read> abc: array<f32>;
@group(0) @binding(1) var<storage, read_write> result: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let i = gid.x;
  if (i >= arrayLength(&result)) {
    return;
  }
  result[i] = fma(abc[3u * i], abc[3u * i + 1u], abc[3u * i + 2u]);
}
