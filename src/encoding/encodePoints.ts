// Encoding a points file with a tcnn encoding (`ngpc encode`): the unit-cube points, the grid parameters in tcnn
// layout, and the run on WebGPU or the CPU reference. Bad input names the option (`points`, `params`).
import { OptionError, verbatim } from '../errors.ts';
import type { GpuContext } from '../gpu/device.ts';
import { type Matrix, readMatrix } from '../io/npy.ts';
import type { EncodingSpec, ShEncodingSpec } from './encodingConfig.ts';
import { encodeGridCpu } from './gridEncoding.cpu.ts';
import { GridEncodingGpu } from './gridEncoding.gpu.ts';
import { initGridParams } from './gridEncoding.ts';
import type { LevelLayout } from './gridLayout.ts';
import { seededRng } from './rng.ts';
import { encodeShCpu } from './sphericalHarmonics.cpu.ts';
import { encodeShGpu } from './sphericalHarmonics.gpu.ts';

/** N × dims points in [0, 1] (tcnn encodings expect unit-cube inputs); `what` names the file in messages. */
export function readUnitPoints(file: string, dims: number, what = 'points'): Matrix {
  const points = readMatrix(file, { cols: dims, what });
  const data = points.data;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (!(v >= 0 && v <= 1)) {
      const row = Math.floor(i / dims);
      throw new OptionError(
        'points',
        verbatim(file),
        `value ${v} at row ${row}, column ${i - row * dims} is outside [0, 1] (tcnn encodings expect unit-cube inputs)`,
      );
    }
  }
  return points;
}

/** Parameters as a flat tcnn-layout array: (nParams,), (entries, F) or (nParams, 1) in .npy; raw f32 rows of F. */
export function readGridParams(file: string, layout: LevelLayout, what = 'params'): Float32Array {
  const nF = layout.spec.nFeaturesPerLevel;
  const m = readMatrix(file, {
    what,
    ...(file.toLowerCase().endsWith('.npy') ? {} : { cols: nF }),
  });
  if (m.data.length !== layout.nParams) {
    throw new OptionError(
      'params',
      verbatim(file),
      `has ${m.data.length} values (${m.rows} × ${m.cols}), expected ${layout.nParams} ` +
        `(${layout.totalEntries} entries × ${nF} features, tcnn layout)`,
    );
  }
  return m.data;
}

/** The level table as JSON (what `ngpc encode --layout --json` prints). */
export function levelTableJson(layout: LevelLayout) {
  return {
    nParams: layout.nParams,
    totalEntries: layout.totalEntries,
    levels: layout.levels.map((l) => ({
      level: l.level,
      scale: l.scale,
      resolution: l.resolution,
      hashed: l.hashed,
      entries: l.entries,
      offset: l.offset,
    })),
  };
}

export interface EncodePointsRun {
  /** The exact CPU reference instead of WebGPU. */
  cpu: boolean;
  /** Grid parameters in tcnn layout; absent: the seeded uniform ±1e-4 init. SphericalHarmonics takes none. */
  params?: Float32Array;
  seed: number;
  gpu: () => Promise<GpuContext>;
}

/** Encodes `points` (flat N × dims) with `spec` (`layout` for grids, null for SphericalHarmonics). */
export async function encodePoints(
  spec: EncodingSpec,
  layout: LevelLayout | null,
  points: Float32Array,
  run: EncodePointsRun,
): Promise<{ features: Float32Array; device: string }> {
  if (!layout) {
    const sh = spec as ShEncodingSpec;
    if (run.cpu) return { features: encodeShCpu(sh, points), device: 'cpu reference' };
    const ctx = await run.gpu();
    return { features: await encodeShGpu(ctx, sh, points), device: ctx.adapterName };
  }
  const params = run.params ?? initGridParams(layout, seededRng(run.seed));
  if (run.cpu) return { features: encodeGridCpu(layout, params, points), device: 'cpu reference' };
  const ctx = await run.gpu();
  const grid = new GridEncodingGpu(ctx, layout);
  try {
    grid.setParams(params);
    return { features: await grid.encode(points), device: ctx.adapterName };
  } finally {
    grid.destroy();
  }
}
