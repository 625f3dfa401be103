// Table 4: NGPC area and power vs scale factor, relative to the host GPU, by both area methods, with its chart.
import { loadGpu } from '../../config/gpu.ts';
import { ngpcAreaPowerBy } from '../ngpc/index.ts';
import { type PaperTableContext, PCT } from './context.ts';
import type { Cell, PaperTable } from './types.ts';

/** The two area/power methods of docs/model-ngpc.md §6, in table order. */
const AREA_METHODS_SHOWN = ['direct-7nm', 'scaled-45nm'] as const;

/** Paper §4 area and power overheads relative to the RTX 3090, by preset. */
const PAPER_OVERHEADS: Record<string, { areaPct: number; powerPct: number }> = {
  'ngpc-8': { areaPct: 4.52, powerPct: 2.75 },
  'ngpc-64': { areaPct: 36.18, powerPct: 22.06 },
};

export function areaPowerTable(ctx: PaperTableContext): PaperTable {
  const { gpu, resolution, ngpcs } = ctx;
  const apRows: Cell[][] = ngpcs.map((ngpc) => {
    const r = ctx.evaluate({
      app: 'nerf',
      encoding: 'hashgrid',
      resolution,
      ngpc,
      profile: 'first-principles',
    });
    const fit = ctx.evaluate({ app: 'nerf', encoding: 'hashgrid', resolution, ngpc, profile: 'paper-fit' });
    return [
      ngpc,
      r.ngpc!.nfps,
      ...AREA_METHODS_SHOWN.flatMap((m) => {
        const ap = ngpcAreaPowerBy(r.ngpcConfig!, m);
        return [
          ap.totalMm2,
          (PCT * ap.totalMm2) / r.gpu.dieAreaMm2,
          ap.totalW,
          (PCT * ap.totalW) / r.gpu.boardPowerW,
        ];
      }),
      PCT * fit.frame!.areaOverhead,
      PCT * fit.frame!.powerOverhead,
      PAPER_OVERHEADS[ngpc]?.areaPct ?? null,
      PAPER_OVERHEADS[ngpc]?.powerPct ?? null,
    ];
  });
  return {
    table: {
      name: 'area-power',
      title: `NGPC area and power vs scale factor, relative to the ${loadGpu(gpu).label}`,
      caption:
        "Paper §4: NGPC-8 +4.52 % area, +2.75 % power; NGPC-64 +36.18 % area, +22.06 % power. direct-7nm (first-principles): 7 nm bitcell, ideal scaling; scaled-45nm: 45 nm figures scaled by Stillmaker & Baas (the paper's method), at the preset's 1 GHz; paper-fit: scaled-45nm at the fitted NFP clock.",
      columns: [
        'ngpc',
        'NFPs',
        ...AREA_METHODS_SHOWN.flatMap((m) => [
          `${m} area mm^2`,
          `${m} area overhead %`,
          `${m} power W`,
          `${m} power overhead %`,
        ]),
        'paper-fit area overhead %',
        'paper-fit power overhead %',
        'paper area overhead %',
        'paper power overhead %',
      ],
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
        series: AREA_METHODS_SHOWN.flatMap((m, i) => [
          { name: `area (${m})`, ys: apRows.map((r) => r[3 + 4 * i] as number), dashed: i > 0 },
          { name: `power (${m})`, ys: apRows.map((r) => r[5 + 4 * i] as number), dashed: i > 0 },
        ]),
      },
    ],
  };
}
