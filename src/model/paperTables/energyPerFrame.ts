// Table 7: energy per frame (hash grid), the GPU alone and with each NGPC, and the average power it implies.
import { APP_NAMES } from '../../config/app.ts';
import { NAMED_RESOLUTIONS } from '../../workload/resolution.ts';
import type { PointResult } from '../frame/designPoint.ts';
import { frameSecondsOf, type PaperTableContext } from './context.ts';
import type { Cell, PaperTable } from './types.ts';

const energyOf = (r: PointResult) => (r.energy.ngpc ? r.energy.ngpc.totalJ : r.energy.baseline.totalJ);

export function energyPerFrameTable(ctx: PaperTableContext): PaperTable {
  const { gpu, ngpcs, largest, configs } = ctx;
  const energyRows: Cell[][] = [];
  for (const app of APP_NAMES) {
    for (const res of NAMED_RESOLUTIONS) {
      const results = configs.map((ngpc) =>
        ctx.evaluate({ app, encoding: 'hashgrid', resolution: res.name, ngpc }),
      );
      const last = results.at(-1)!;
      energyRows.push([
        app,
        res.name,
        ...results.map(energyOf),
        energyOf(results[0]!) / frameSecondsOf(results[0]!),
        energyOf(last) / frameSecondsOf(last),
      ]);
    }
  }
  return {
    table: {
      name: 'energy-per-frame',
      title: `Energy per frame, hash grid, ${gpu} alone and with NGPC-N`,
      caption:
        'Joules per frame from action counts (docs/model.md §6): GPU kernels (ALU, tensor, L2, DRAM, static + calibrated active power x time); with NGPC the fused rest kernels, GPU idle wait, NFP components, host L2/DRAM traffic.',
      columns: [
        'app',
        'resolution',
        'GPU alone J',
        ...ngpcs.map((n) => `${n} J`),
        'GPU alone W',
        `${largest} W`,
      ],
      keyColumns: 2,
      rows: energyRows,
    },
    charts: [],
  };
}
