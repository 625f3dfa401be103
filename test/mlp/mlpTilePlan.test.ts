import { describe, expect, it } from 'vitest';
import { MLP_WIDTHS } from '../../src/mlp/mlpConfig.ts';
import { mlpLayout } from '../../src/mlp/mlpLayout.ts';
import { backwardTileShape, forwardTileShape, planMlpTile } from '../../src/mlp/mlpTilePlan.ts';

describe('fused MLP workgroup budget', () => {
  for (const width of MLP_WIDTHS) {
    for (const precision of ['f32', 'f16'] as const) {
      for (const limit of [16384, 32768]) {
        it(`width ${width}, ${precision}, ${limit} bytes: tile and weight chunk fit the limit`, () => {
          const layout = mlpLayout({
            otype: 'FullyFusedMLP',
            nInputDims: 32,
            nOutputDims: 3,
            nNeurons: width,
            nHiddenLayers: 2,
            activation: 'ReLU',
            outputActivation: 'None',
          });
          for (const shape of [forwardTileShape(layout), backwardTileShape(layout)]) {
            const plan = planMlpTile(shape, limit, precision);
            expect(plan.totalBytes).toBeLessThanOrEqual(limit);
            expect(plan.tileRows % 4).toBe(0);
            expect(plan.weightChunkCols % 16).toBe(0);
            expect(plan.workgroupSize).toBeLessThanOrEqual(256);
            expect(plan.workgroupSize).toBe((plan.tileRows / 4) * (shape.maxOutputs / 8));
          }
        });
      }
    }
  }

  it('width 64 in f32 at 32 KiB stages a whole layer and 64 rows (16 KiB each)', () => {
    const layout = mlpLayout({
      otype: 'FullyFusedMLP',
      nInputDims: 32,
      nOutputDims: 16,
      nNeurons: 64,
      nHiddenLayers: 2,
      activation: 'ReLU',
      outputActivation: 'None',
    });
    const plan = planMlpTile(forwardTileShape(layout), 32768, 'f32');
    expect(plan).toMatchObject({ tileRows: 64, weightChunkCols: 64, workgroupSize: 128, totalBytes: 32768 });
    expect(planMlpTile(forwardTileShape(layout), 32768, 'f16').tileRows).toBe(128);
  });

  it('rejects a limit too small for any tile', () => {
    expect(() => planMlpTile({ maxOutputs: 128, tileCols: 128, maxMatrixCols: 128 }, 4096, 'f32')).toThrow(
      /does not fit maxComputeWorkgroupStorageSize/,
    );
  });
});
