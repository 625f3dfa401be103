// Table 6: every GPU preset alone and with the largest NGPC (hash grid, 4K).
import { APP_NAMES } from '../../config/app.ts';
import { gpuPresetNames } from '../../config/gpu.ts';
import { BASELINE_ONLY } from '../frame/designPoint.ts';
import { type PaperTableContext, PCT } from './context.ts';
import type { Cell, PaperTable } from './types.ts';

export function crossGpuTable(ctx: PaperTableContext): PaperTable {
  const { largest } = ctx;
  const crossRows: Cell[][] = [];
  for (const gpu of gpuPresetNames()) {
    for (const app of APP_NAMES) {
      const alone = ctx.evaluate({ gpu, app, encoding: 'hashgrid', resolution: '4k', ngpc: BASELINE_ONLY });
      const withNgpc = ctx.evaluate({ gpu, app, encoding: 'hashgrid', resolution: '4k', ngpc: largest });
      crossRows.push([
        gpu,
        app,
        1 / alone.baseline.frameSeconds,
        1 / withNgpc.frame!.frameSeconds,
        withNgpc.frame!.speedup,
        PCT * withNgpc.frame!.areaOverhead,
        PCT * withNgpc.frame!.powerOverhead,
      ]);
    }
  }
  return {
    table: {
      name: 'cross-gpu',
      title: `GPUs alone and with ${largest}, hash grid, 4K`,
      caption:
        'Other GPUs reuse the RTX 3090 calibration (configs/gpus/*.json); overheads relative to each GPU.',
      columns: [
        'gpu',
        'app',
        'GPU alone fps',
        `+${largest} fps`,
        'speedup x',
        'area overhead %',
        'power overhead %',
      ],
      keyColumns: 2,
      rows: crossRows,
    },
    charts: [],
  };
}
