// Table 3: frame rate vs resolution (hash grid), the GPU alone and with each NGPC size, with its bar chart.
import { APP_NAMES } from '../../../config/app.ts';
import { NAMED_RESOLUTIONS } from '../../../workload/resolution.ts';
import { BASELINE_ONLY } from '../designPoint.ts';
import { frameSecondsOf, type PaperTableContext } from './context.ts';
import type { Cell, PaperTable } from './types.ts';

export function fpsVsResolutionTable(ctx: PaperTableContext): PaperTable {
  const { gpu, ngpcs, configs } = ctx;
  const fpsRows: Cell[][] = [];
  for (const app of APP_NAMES) {
    for (const res of NAMED_RESOLUTIONS) {
      fpsRows.push([
        app,
        res.name,
        ...configs.map(
          (ngpc) =>
            1 / frameSecondsOf(ctx.evaluate({ app, encoding: 'hashgrid', resolution: res.name, ngpc })),
        ),
      ]);
    }
  }
  return {
    table: {
      name: 'fps-vs-resolution',
      title: `Frame rate vs resolution, hash grid, ${gpu}`,
      caption:
        'FPS of the GPU alone and with NGPC-N (paper §4: NeRF 4K at 30 FPS; NSDF/GIA/NVR 8K at 120 FPS with NGPC-64).',
      columns: ['app', 'resolution', 'GPU alone fps', ...ngpcs.map((n) => `${n} fps`)],
      keyColumns: 2,
      rows: fpsRows,
    },
    charts: [
      {
        kind: 'groupedBars',
        name: 'fps-vs-resolution',
        title: `FPS vs resolution, hash grid, ${gpu} (GPU alone and NGPC-N)`,
        yLabel: 'frames per second',
        logY: true,
        categories: fpsRows.map((r) => `${r[0]} ${r[1]}`),
        groups: configs.map((c, i) => ({
          name: c === BASELINE_ONLY ? 'GPU alone' : c,
          values: fpsRows.map((r) => r[2 + i] as number),
        })),
      },
    ],
  };
}
