// Table 2: end-to-end speedup vs NGPC scale, per app and encoding, with Amdahl bounds; one line chart per encoding.
import { APP_NAMES, ENCODING_NAMES } from '../../../config/app.ts';
import { nfpsOf, type PaperTableContext } from './context.ts';
import type { Cell, ChartSpec, PaperTable } from './types.ts';

export function speedupVsScaleTable(ctx: PaperTableContext): PaperTable {
  const { gpu, resolution, ngpcs } = ctx;
  const speedupRows: Cell[][] = [];
  const charts: ChartSpec[] = [];
  for (const encoding of ENCODING_NAMES) {
    const series: { name: string; ys: number[]; dashed?: boolean; colour?: number }[] = [];
    const means = ngpcs.map(() => 0);
    for (const [appIndex, app] of APP_NAMES.entries()) {
      const results = ngpcs.map((ngpc) => ctx.evaluate({ app, encoding, resolution, ngpc }));
      const speedups = results.map((r) => r.frame!.speedup);
      speedups.forEach((s, i) => {
        means[i]! += s / APP_NAMES.length;
      });
      const bound = results[0]!.frame!.amdahlBoundSpeedup;
      speedupRows.push([app, encoding, ...speedups, bound]);
      series.push({ name: app, ys: speedups, colour: appIndex });
      series.push({ name: `${app} bound`, ys: ngpcs.map(() => bound), dashed: true, colour: appIndex });
    }
    speedupRows.push(['mean', encoding, ...means, null]);
    charts.push({
      kind: 'lines',
      name: `speedup-vs-scale-${encoding}`,
      title: `End-to-end speedup vs NFPs, ${encoding}, ${gpu}, ${resolution} (dashed: Amdahl bound)`,
      xLabel: 'NFPs',
      yLabel: 'speedup over GPU alone (x)',
      xs: ngpcs.map(nfpsOf),
      logY: true,
      series,
    });
  }
  return {
    table: {
      name: 'speedup-vs-scale',
      title: `End-to-end speedup over the ${gpu} alone at ${resolution}`,
      caption:
        'GPU + NGPC-N vs GPU alone; Amdahl bound = GPU-only frame / fused rest kernels (paper §4: hash-grid mean 12/20/33/39x, up to 58x).',
      columns: ['app', 'encoding', ...ngpcs.map((n) => `${n} x`), 'Amdahl bound x'],
      keyColumns: 2,
      rows: speedupRows,
    },
    charts,
  };
}
