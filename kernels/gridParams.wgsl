// Read-only grid parameters in group 1, split over GRID_PARAM_BINDINGS storage bindings (one or more whole levels each).
// Tables larger than one binding (maxStorageBufferBindingSize) are split on the host by level; see gridEncoding.gpu.ts.

@group(1) @binding(0) var<storage, read> gridParams0: array<f32>;
@group(1) @binding(1) var<storage, read> gridParams1: array<f32>;
@group(1) @binding(2) var<storage, read> gridParams2: array<f32>;
@group(1) @binding(3) var<storage, read> gridParams3: array<f32>;

// `chunk` is uniform per level, so the switch does not diverge within a level.
fn gridParam(chunk: u32, i: u32) -> f32 {
  switch chunk {
    case 0u: {
      return gridParams0[i];
    }
    case 1u: {
      return gridParams1[i];
    }
    case 2u: {
      return gridParams2[i];
    }
    default: {
      return gridParams3[i];
    }
  }
}
