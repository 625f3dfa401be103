// Table 10: assumed vs measured samples per pixel (configs/workloads/, `ngpc profile`); only the workload changes.
import { APP_NAMES } from '../../config/app.ts';
import { loadMeasuredWorkload } from '../../config/workload.ts';
import { BASELINE_ONLY } from '../frame/designPoint.ts';
import { MS, type PaperTableContext } from './context.ts';
import type { Cell, PaperTable } from './types.ts';

export function measuredWorkloadsTable(ctx: PaperTableContext): PaperTable {
  const { gpu, largest } = ctx;
  const measuredRows: Cell[][] = [];
  for (const app of APP_NAMES) {
    const point = (workload: string, ngpc: string, resolution: string) =>
      ctx.evaluate({ app, encoding: 'hashgrid', resolution, ngpc, workload });
    const measured = loadMeasuredWorkload(app);
    for (const workload of ['assumed', 'measured']) {
      const alone = point(workload, BASELINE_ONLY, ctx.resolution);
      const fast = point(workload, largest, ctx.resolution);
      const at4k = point(workload, largest, '4k');
      const at8k = point(workload, largest, '8k');
      measuredRows.push([
        app,
        workload,
        alone.workload.samplesPerPixel,
        MS * alone.baseline.frameSeconds,
        fast.frame!.speedup,
        1 / at4k.frame!.frameSeconds,
        1 / at8k.frame!.frameSeconds,
        workload === 'measured' ? measured.samplesPerPixel.source : 'app config (configs/apps)',
      ]);
    }
  }
  return {
    table: {
      name: 'measured-workloads',
      title: `Assumed vs measured samples per pixel, hash grid, ${gpu} alone and with ${largest}`,
      caption:
        'measured = configs/workloads/<app>.json from `ngpc profile` on our trained scenes (NeRF: instant-ngp inference march, network evaluations incl. round padding); the paper tables above use the assumed values, which the §2 calibration rests on (docs/model.md §8).',
      columns: [
        'app',
        'workload',
        'samples/px',
        `${gpu} ${ctx.resolution} ms`,
        `speedup ${ctx.resolution} x`,
        `+${largest} 4k fps`,
        `+${largest} 8k fps`,
        'source',
      ],
      keyColumns: 2,
      rows: measuredRows,
    },
    charts: [],
  };
}
