// Table 5: the DRAM and L2 bandwidth a 60 FPS frame at 4K needs (hash grid), GPU alone and with each NGPC.
import { APP_NAMES } from '../../config/app.ts';
import { loadGpu } from '../../config/gpu.ts';
import { BANDWIDTH_REFERENCE_FPS } from '../frame/stats.ts';
import { GB, type PaperTableContext } from './context.ts';
import type { Cell, PaperTable } from './types.ts';

export function bandwidthAt60fpsTable(ctx: PaperTableContext): PaperTable {
  const { gpu, configs } = ctx;
  const bwRows: Cell[][] = [];
  for (const app of APP_NAMES) {
    for (const ngpc of configs) {
      for (const profile of ctx.profiles) {
        const r = ctx.evaluate({ app, encoding: 'hashgrid', resolution: '4k', ngpc, profile });
        const dram = r.frame ? r.frame.dramBytesPerFrame : r.baseline.dramBytesPerFrame;
        const l2 = r.frame ? r.frame.l2BytesPerFrame : r.baseline.l2BytesPerFrame;
        bwRows.push([
          app,
          ngpc,
          profile,
          (dram * BANDWIDTH_REFERENCE_FPS) / GB,
          (l2 * BANDWIDTH_REFERENCE_FPS) / GB,
        ]);
      }
    }
  }
  return {
    table: {
      name: 'bandwidth-at-60fps',
      title: `Memory bandwidth needed for 60 FPS at 4K, hash grid (${gpu} has ${Math.round(loadGpu(gpu).dramBytesPerS / GB)} GB/s DRAM)`,
      caption:
        'Bytes per frame x 60, under both model profiles; NGPC keeps grid tables in its SRAMs, so DRAM traffic is table loads (none when paper-fit reads the tables as resident) and fused rest kernels.',
      columns: ['app', 'config', 'profile', 'DRAM GB/s', 'L2 GB/s'],
      keyColumns: 3,
      rows: bwRows,
    },
    charts: [],
  };
}
