// Per-app saturation under both profiles: the NFP count past which doubling the NFPs gains less than 5 %.
import { APP_NAMES } from '../../config/app.ts';
import type { PaperTableContext } from './context.ts';
import type { Cell, PaperTable } from './types.ts';

/** Doubling the NFPs must gain at least this much (5 %) for the NGPC not to count as saturated. */
export const SATURATION_GAIN = 1.05;
/** NFP counts tried: 1, 2, 4, … up to this many. */
const MAX_NFPS = 4096;

export function saturationTable(ctx: PaperTableContext): PaperTable {
  const { resolution } = ctx;
  const base = ctx.ngpcs[0]!;
  const rows: Cell[][] = [];
  for (const app of APP_NAMES) {
    for (const profile of ctx.profiles) {
      const at = (nfps: number) =>
        ctx.evaluate({ app, encoding: 'hashgrid', resolution, ngpc: base, nfps, profile });
      let n = 1;
      let r = at(n);
      let next = at(2 * n);
      while (next.frame!.speedup / r.frame!.speedup >= SATURATION_GAIN && 2 * n < MAX_NFPS) {
        n *= 2;
        r = next;
        next = at(2 * n);
      }
      const saturated = next.frame!.speedup / r.frame!.speedup < SATURATION_GAIN;
      rows.push([
        app,
        profile,
        saturated ? n : null,
        r.frame!.speedup,
        next.frame!.speedup,
        r.frame!.amdahlBoundSpeedup,
        r.frame!.limiter,
      ]);
    }
  }
  return {
    table: {
      name: 'saturation',
      title: `Per-app saturation, hash grid, ${ctx.gpu}, ${resolution}: the NFP count past which doubling gains < 5 %`,
      caption:
        'NFP counts 1, 2, 4, … (the smallest preset with its NFP count overridden); saturation NFPs N: speedup(2N) / speedup(N) < 1.05 (– if not reached by 4096).',
      columns: [
        'app',
        'profile',
        'saturation NFPs',
        'speedup at N x',
        'speedup at 2N x',
        'Amdahl bound x',
        'limiter at N',
      ],
      keyColumns: 2,
      rows,
    },
    charts: [],
  };
}
