// Table 1: the baseline kernel breakdown (paper §2's profile, per app × encoding), with its stacked-bar chart.
import { APP_NAMES, ENCODING_NAMES } from '../../config/app.ts';
import { loadGpu } from '../../config/gpu.ts';
import { BASELINE_ONLY } from '../frame/designPoint.ts';
import { MS, type PaperTableContext, PCT } from './context.ts';
import type { Cell, PaperTable } from './types.ts';

export function baselineBreakdownTable(ctx: PaperTableContext): PaperTable {
  const { gpu, resolution } = ctx;
  const breakdown: Cell[][] = [];
  for (const encoding of ENCODING_NAMES) {
    for (const app of APP_NAMES) {
      const b = ctx.evaluate({ app, encoding, resolution, ngpc: BASELINE_ONLY }).baseline;
      breakdown.push([
        app,
        encoding,
        MS * b.frameSeconds,
        (PCT * b.groupSeconds.encoding) / b.frameSeconds,
        (PCT * b.groupSeconds.mlp) / b.frameSeconds,
        (PCT * b.groupSeconds.rest) / b.frameSeconds,
      ]);
    }
  }
  return {
    table: {
      name: 'baseline-breakdown',
      title: `Baseline kernel breakdown on the ${loadGpu(gpu).label} at ${resolution}`,
      caption:
        'Share of GPU-only frame time per kernel group (paper §2: encoding + MLP 72.37 / 60.0 / 59.96 %).',
      columns: ['app', 'encoding', 'frame ms', 'encoding %', 'MLP %', 'rest %'],
      keyColumns: 2,
      rows: breakdown,
    },
    charts: [
      {
        kind: 'stackedBars',
        name: 'baseline-breakdown',
        title: `GPU-only frame time breakdown, ${gpu}, ${resolution}`,
        yLabel: '% of frame time',
        categories: breakdown.map((r) => `${r[0]}/${r[1]}`),
        segments: [
          { name: 'encoding', values: breakdown.map((r) => r[3] as number) },
          { name: 'MLP', values: breakdown.map((r) => r[4] as number) },
          { name: 'rest', values: breakdown.map((r) => r[5] as number) },
        ],
      },
    ],
  };
}
