// Table 2: end-to-end speedup vs NGPC scale, per app, encoding and profile, with Amdahl bounds and the paper's
// hash-grid means; one line chart per encoding (first-principles) and one of the hash-grid means of both profiles.
import { APP_NAMES, ENCODING_NAMES } from '../../config/app.ts';
import { nfpsOf, type PaperTableContext } from './context.ts';
import type { Cell, ChartSpec, PaperTable } from './types.ts';

/** Paper §4 (abstract): mean hash-grid speedup of the four apps at NGPC-8/16/32/64. */
const PAPER_HASHGRID_MEANS: Record<string, number> = {
  'ngpc-8': 12,
  'ngpc-16': 20,
  'ngpc-32': 33,
  'ngpc-64': 39,
};

export function speedupVsScaleTable(ctx: PaperTableContext): PaperTable {
  const { gpu, resolution, ngpcs } = ctx;
  const speedupRows: Cell[][] = [];
  const charts: ChartSpec[] = [];
  const hashMeans: { name: string; ys: number[]; dashed?: boolean }[] = [];
  for (const encoding of ENCODING_NAMES) {
    for (const profile of ctx.profiles) {
      const series: { name: string; ys: number[]; dashed?: boolean }[] = [];
      const means = ngpcs.map(() => 0);
      for (const app of APP_NAMES) {
        const results = ngpcs.map((ngpc) => ctx.evaluate({ app, encoding, resolution, ngpc, profile }));
        const speedups = results.map((r) => r.frame!.speedup);
        speedups.forEach((s, i) => {
          means[i]! += s / APP_NAMES.length;
        });
        const bound = results[0]!.frame!.amdahlBoundSpeedup;
        speedupRows.push([app, encoding, profile, ...speedups, bound]);
        series.push({ name: app, ys: speedups });
        series.push({ name: `${app} bound`, ys: ngpcs.map(() => bound), dashed: true });
      }
      speedupRows.push(['mean', encoding, profile, ...means, null]);
      if (encoding === 'hashgrid') hashMeans.push({ name: `mean, ${profile}`, ys: means });
      if (profile === ctx.profile) {
        charts.push({
          kind: 'lines',
          name: `speedup-vs-scale-${encoding}`,
          title: `End-to-end speedup vs NFPs, ${encoding}, ${gpu}, ${resolution}, ${profile} (dashed: Amdahl bound)`,
          xLabel: 'NFPs',
          yLabel: 'speedup over GPU alone (x)',
          xs: ngpcs.map(nfpsOf),
          logY: true,
          series,
        });
      }
    }
    if (encoding === 'hashgrid') {
      speedupRows.push([
        'mean',
        encoding,
        'paper',
        ...ngpcs.map((n) => PAPER_HASHGRID_MEANS[n] ?? null),
        null,
      ]);
    }
  }
  const paperYs = ngpcs.map((n) => PAPER_HASHGRID_MEANS[n]);
  if (paperYs.every((y) => y !== undefined)) {
    hashMeans.push({ name: 'paper §4', ys: paperYs as number[], dashed: true });
  }
  charts.push({
    kind: 'lines',
    name: 'speedup-vs-scale-profiles',
    title: `Mean hash-grid speedup vs NFPs, ${gpu}, ${resolution}: both profiles and the paper`,
    xLabel: 'NFPs',
    yLabel: 'mean speedup over GPU alone (x)',
    xs: ngpcs.map(nfpsOf),
    logY: true,
    series: hashMeans,
  });
  return {
    table: {
      name: 'speedup-vs-scale',
      title: `End-to-end speedup over the ${gpu} alone at ${resolution}`,
      caption:
        'GPU + NGPC-N vs GPU alone, under both model profiles; Amdahl bound = GPU-only frame / fused rest kernels (paper §4: hash-grid mean 12/20/33/39x, up to 58x). paper-fit was fitted to the four hash-grid means (docs/model.md §9).',
      columns: ['app', 'encoding', 'profile', ...ngpcs.map((n) => `${n} x`), 'Amdahl bound x'],
      keyColumns: 3,
      rows: speedupRows,
    },
    charts,
  };
}
