// Table 3: frame rate vs resolution (hash grid), the GPU alone and with each NGPC size, with its bar chart.
import { APP_NAMES } from '../../config/app.ts';
import { NAMED_RESOLUTIONS } from '../../workload/resolution.ts';
import { BASELINE_ONLY } from '../frame/designPoint.ts';
import { frameSecondsOf, type PaperTableContext } from './context.ts';
import type { Cell, PaperTable } from './types.ts';

/** Paper §4 (abstract) frame-rate claims with the hash grid at NGPC-64, by app/resolution. */
const PAPER_FPS_CLAIMS: Record<string, number> = {
  'nerf/4k': 30,
  'nsdf/8k': 120,
  'gia/8k': 120,
  'nvr/8k': 120,
};

export function fpsVsResolutionTable(ctx: PaperTableContext): PaperTable {
  const { gpu, ngpcs, configs } = ctx;
  const fpsRows: Cell[][] = [];
  const chartRows: Cell[][] = [];
  for (const app of APP_NAMES) {
    for (const res of NAMED_RESOLUTIONS) {
      for (const profile of ctx.profiles) {
        const row: Cell[] = [
          app,
          res.name,
          profile,
          ...configs.map(
            (ngpc) =>
              1 /
              frameSecondsOf(
                ctx.evaluate({ app, encoding: 'hashgrid', resolution: res.name, ngpc, profile }),
              ),
          ),
          PAPER_FPS_CLAIMS[`${app}/${res.name}`] ?? null,
        ];
        fpsRows.push(row);
        if (profile === ctx.profile) chartRows.push([row[0]!, row[1]!, ...row.slice(3)]);
      }
    }
  }
  return {
    table: {
      name: 'fps-vs-resolution',
      title: `Frame rate vs resolution, hash grid, ${gpu}`,
      caption:
        'FPS of the GPU alone and with NGPC-N under both model profiles (paper §4: NeRF 4K at 30 FPS; NSDF/GIA/NVR 8K at 120 FPS with NGPC-64; the paper column gives those claims as lower bounds).',
      columns: [
        'app',
        'resolution',
        'profile',
        'GPU alone fps',
        ...ngpcs.map((n) => `${n} fps`),
        'paper >= fps',
      ],
      keyColumns: 3,
      rows: fpsRows,
    },
    charts: [
      {
        kind: 'groupedBars',
        name: 'fps-vs-resolution',
        title: `FPS vs resolution, hash grid, ${gpu}, ${ctx.profile} (GPU alone and NGPC-N)`,
        yLabel: 'frames per second',
        logY: true,
        categories: chartRows.map((r) => `${r[0]} ${r[1]}`),
        groups: configs.map((c, i) => ({
          name: c === BASELINE_ONLY ? 'GPU alone' : c,
          values: chartRows.map((r) => r[2 + i] as number),
        })),
      },
    ],
  };
}
