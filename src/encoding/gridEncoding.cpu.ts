// Exact CPU reference of the grid encoding (tcnn grid.h kernel_grid and its backward passes), f64 accumulation.

import {
  checkGridOutputGrad,
  checkGridParams,
  gridBatchSize,
  gridOutputWidth,
  interpolationWeight,
} from './gridEncoding.ts';
import { gridIndex, type LevelLayout, posFract } from './gridLayout.ts';

/** Per (point, level) cell geometry: integer cell, weights and weight derivatives per axis (docs/sources.md#kernels-1-2). */
interface Cell {
  cell: Uint32Array;
  w: Float64Array;
  dw: Float64Array;
  corner: Uint32Array;
}

function newCell(nDims: number): Cell {
  return {
    cell: new Uint32Array(nDims),
    w: new Float64Array(nDims),
    dw: new Float64Array(nDims),
    corner: new Uint32Array(nDims),
  };
}

function locate(layout: LevelLayout, scale: number, positions: Float32Array, i: number, c: Cell): void {
  const nDims = layout.spec.nDims;
  for (let d = 0; d < nDims; d++) {
    const [cell, t] = posFract(scale, positions[i * nDims + d]!);
    const [w, dw] = interpolationWeight(layout.spec.interpolation, t);
    c.cell[d] = cell;
    c.w[d] = w;
    c.dw[d] = dw;
  }
}

/**
 * Corner k's table entry (offset included) and trilinear weight. Corner bit d selects +1 along axis d
 * (docs/sources.md#kernels-1-5); the +1 is u32-wrapping and unclamped, exactly as tcnn.
 */
function corner(layout: LevelLayout, level: number, c: Cell, k: number): [number, number] {
  const info = layout.levels[level]!;
  const nDims = layout.spec.nDims;
  let weight = 1;
  for (let d = 0; d < nDims; d++) {
    const bit = (k >> d) & 1;
    c.corner[d] = (c.cell[d]! + bit) >>> 0;
    weight *= bit ? c.w[d]! : 1 - c.w[d]!;
  }
  return [info.offset + gridIndex(layout.spec.type, info, c.corner), weight];
}

/** Corners visited: all 2^D, or only the floor corner (weight 1) for Nearest (tcnn kernel_grid). */
function cornerCount(layout: LevelLayout): number {
  return layout.spec.interpolation === 'Nearest' ? 1 : 1 << layout.spec.nDims;
}

/** Forward: N × (L·F) features from N × D positions. */
export function encodeGridCpu(
  layout: LevelLayout,
  params: Float32Array,
  positions: Float32Array,
): Float32Array {
  checkGridParams(layout, params);
  const n = gridBatchSize(layout, positions);
  const nF = layout.spec.nFeaturesPerLevel;
  const width = gridOutputWidth(layout);
  const out = new Float32Array(n * width);
  const c = newCell(layout.spec.nDims);
  const acc = new Float64Array(nF);
  const corners = cornerCount(layout);
  for (let i = 0; i < n; i++) {
    for (let l = 0; l < layout.spec.nLevels; l++) {
      locate(layout, layout.levels[l]!.scale, positions, i, c);
      acc.fill(0);
      for (let k = 0; k < corners; k++) {
        const [entry, weight] = corner(layout, l, c, k);
        const w = corners === 1 ? 1 : weight;
        for (let f = 0; f < nF; f++) acc[f]! += w * params[entry * nF + f]!;
      }
      for (let f = 0; f < nF; f++) out[i * width + l * nF + f] = acc[f]!;
    }
  }
  return out;
}

/** Backward to the parameters: dL/dP = Jᵀ·dL/dy, a scatter-add over every corner (tcnn kernel_grid_backward). */
export function gridParamGradCpu(
  layout: LevelLayout,
  positions: Float32Array,
  dLdy: Float32Array,
): Float32Array {
  const n = gridBatchSize(layout, positions);
  checkGridOutputGrad(layout, n, dLdy);
  const nF = layout.spec.nFeaturesPerLevel;
  const width = gridOutputWidth(layout);
  const grad = new Float64Array(layout.nParams);
  const c = newCell(layout.spec.nDims);
  const corners = cornerCount(layout);
  for (let i = 0; i < n; i++) {
    for (let l = 0; l < layout.spec.nLevels; l++) {
      locate(layout, layout.levels[l]!.scale, positions, i, c);
      for (let k = 0; k < corners; k++) {
        const [entry, weight] = corner(layout, l, c, k);
        const w = corners === 1 ? 1 : weight;
        for (let f = 0; f < nF; f++) grad[entry * nF + f]! += w * dLdy[i * width + l * nF + f]!;
      }
    }
  }
  return Float32Array.from(grad);
}

/**
 * Backward to the positions (docs/sources.md#kernels-1-6): dL/dx_d = Σ_l scale_l · dw_d · Σ_k ±Π_{e≠d} w_e · ⟨dL/dy_l, P_k⟩,
 * + for corners with bit d set, − otherwise. Nearest interpolation has zero input gradient.
 */
export function gridInputGradCpu(
  layout: LevelLayout,
  params: Float32Array,
  positions: Float32Array,
  dLdy: Float32Array,
): Float32Array {
  checkGridParams(layout, params);
  const n = gridBatchSize(layout, positions);
  checkGridOutputGrad(layout, n, dLdy);
  const nDims = layout.spec.nDims;
  const nF = layout.spec.nFeaturesPerLevel;
  const width = gridOutputWidth(layout);
  const out = new Float32Array(n * nDims);
  if (layout.spec.interpolation === 'Nearest') return out;
  const c = newCell(nDims);
  const acc = new Float64Array(nDims);
  for (let i = 0; i < n; i++) {
    acc.fill(0);
    for (let l = 0; l < layout.spec.nLevels; l++) {
      const scale = layout.levels[l]!.scale;
      locate(layout, scale, positions, i, c);
      for (let k = 0; k < 1 << nDims; k++) {
        const [entry] = corner(layout, l, c, k);
        let value = 0;
        for (let f = 0; f < nF; f++) value += dLdy[i * width + l * nF + f]! * params[entry * nF + f]!;
        for (let d = 0; d < nDims; d++) {
          let others = 1;
          for (let e = 0; e < nDims; e++) {
            if (e !== d) others *= (k >> e) & 1 ? c.w[e]! : 1 - c.w[e]!;
          }
          const sign = (k >> d) & 1 ? 1 : -1;
          acc[d]! += sign * scale * c.dw[d]! * others * value;
        }
      }
    }
    for (let d = 0; d < nDims; d++) out[i * nDims + d] = acc[d]!;
  }
  return out;
}
