// Field models with seeded random weights, for tests that need a model (or model file) without training one.

import { initGridParams } from '../../src/encoding/gridEncoding.ts';
import { type GridEncodingSpec, levelLayout } from '../../src/encoding/gridLayout.ts';
import { seededRng } from '../../src/encoding/rng.ts';
import type { MlpSpec } from '../../src/mlp/mlpConfig.ts';
import { initMlpParams } from '../../src/mlp/mlpInit.ts';
import { mlpLayout } from '../../src/mlp/mlpLayout.ts';
import type { FieldParams } from '../../src/train/field.ts';
import type { ModelFile } from '../../src/train/modelFile.ts';

export interface SeededWeights {
  mlpSeed: number;
  gridSeed: number;
  /** Grid entries are uniform in ±gridScale; the trainer's 1e-4 default leaves the grid's contribution invisible. */
  gridScale?: number;
}

/** Initial weights from fixed seeds (mlp seed 1, grid seed 2 and the trainer's grid scale unless told otherwise). */
export function seededFieldParams(
  gridSpec: GridEncodingSpec,
  mlpSpec: MlpSpec,
  w: SeededWeights = { mlpSeed: 1, gridSeed: 2 },
): FieldParams {
  return {
    mlp: initMlpParams(mlpLayout(mlpSpec), w.mlpSeed),
    grid: initGridParams(levelLayout(gridSpec), seededRng(w.gridSeed), w.gridScale),
  };
}

/**
 * An in-memory model of `app` with no scene, as the renderers read it. The default grid scale 0.5 makes the grid
 * matter, so GPU-vs-CPU render comparisons exercise the encoding and not only the MLP.
 */
export function seededFieldModel(
  app: string,
  gridSpec: GridEncodingSpec,
  mlpSpec: MlpSpec,
  w: SeededWeights = { mlpSeed: 3, gridSeed: 4, gridScale: 0.5 },
): ModelFile {
  return {
    header: { app, scene: {} },
    gridSpec,
    mlpSpec,
    params: seededFieldParams(gridSpec, mlpSpec, w),
  } as unknown as ModelFile;
}
