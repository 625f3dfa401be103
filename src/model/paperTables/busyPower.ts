// Table 8: busy-power calibration, every GPU's modelled power on the paper's profile workloads vs its board power.
import { gpuPresetNames, loadGpu } from '../../config/gpu.ts';
import { busyPower } from '../energy/busyPower.ts';
import type { PaperTableContext } from './context.ts';
import type { Cell, PaperTable } from './types.ts';

export function busyPowerTable(_ctx: PaperTableContext): PaperTable {
  const busyRows: Cell[][] = gpuPresetNames().map((gpu) => {
    const spec = loadGpu(gpu);
    const b = busyPower(spec);
    const powers = b.workloads.map((w) => w.powerW);
    return [
      gpu,
      spec.boardPowerW,
      spec.energy.activePowerW,
      b.meanPowerW,
      Math.min(...powers),
      Math.max(...powers),
    ];
  });
  return {
    table: {
      name: 'busy-power',
      title:
        'Busy power: modelled GPU power on the paper profile (4 apps x 3 encodings, 1080p) vs board power',
      caption:
        'activePowerW is fitted per GPU so that the mean equals the board power (a spec); min/max show the spread the per-action energies give.',
      columns: ['gpu', 'board W', 'active W (fitted)', 'mean W', 'min W', 'max W'],
      keyColumns: 1,
      rows: busyRows,
    },
    charts: [],
  };
}
