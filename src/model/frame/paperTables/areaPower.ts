// Table 4: NGPC area and power vs scale factor, relative to the host GPU, with its line chart.
import { loadGpu } from '../../../config/gpu.ts';
import { type PaperTableContext, PCT } from './context.ts';
import type { Cell, PaperTable } from './types.ts';

export function areaPowerTable(ctx: PaperTableContext): PaperTable {
  const { gpu, resolution, ngpcs } = ctx;
  const apRows: Cell[][] = ngpcs.map((ngpc) => {
    const r = ctx.evaluate({ app: 'nerf', encoding: 'hashgrid', resolution, ngpc });
    return [
      ngpc,
      r.ngpc!.nfps,
      r.ngpc!.area.totalMm2,
      PCT * r.frame!.areaOverhead,
      r.ngpc!.power.totalW,
      PCT * r.frame!.powerOverhead,
    ];
  });
  return {
    table: {
      name: 'area-power',
      title: `NGPC area and power vs scale factor, relative to the ${loadGpu(gpu).label}`,
      caption: 'Paper §4: NGPC-8 +4.52 % area, +2.75 % power; NGPC-64 +36.18 % area, +22.06 % power.',
      columns: ['ngpc', 'NFPs', 'area mm^2', 'area overhead %', 'power W', 'power overhead %'],
      keyColumns: 1,
      rows: apRows,
    },
    charts: [
      {
        kind: 'lines',
        name: 'area-power',
        title: `NGPC area and power overhead vs NFPs (relative to ${gpu})`,
        xLabel: 'NFPs',
        yLabel: 'overhead (%)',
        xs: apRows.map((r) => r[1] as number),
        logY: false,
        series: [
          { name: 'area', ys: apRows.map((r) => r[3] as number) },
          { name: 'power', ys: apRows.map((r) => r[5] as number) },
        ],
      },
    ],
  };
}
