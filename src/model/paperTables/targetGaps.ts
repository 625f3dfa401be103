// Table 9: device targets (desktop, VR, AR), the paper GPU alone and with the largest NGPC, and the best of all.
import { BASELINE_ONLY } from '../frame/designPoint.ts';
import { targetGaps } from '../frame/targetGap.ts';
import type { PaperTableContext } from './context.ts';
import type { Cell, PaperTable } from './types.ts';

export function targetGapsTable(ctx: PaperTableContext): PaperTable {
  const { gpu, largest } = ctx;
  const gaps = targetGaps();
  const gapRows: Cell[][] = [];
  const perfRows: { category: string; alone: number; withNgpc: number; required: number }[] = [];
  for (const s of gaps.summaries) {
    const find = (ngpc: string) =>
      gaps.rows.find(
        (r) =>
          r.target === s.target &&
          r.app === s.app &&
          r.gpu === gpu &&
          r.ngpc === ngpc &&
          r.encoding === 'hashgrid',
      )!;
    const alone = find(BASELINE_ONLY);
    const withNgpc = find(largest);
    const best = s.lowestEnergyMeeting;
    gapRows.push([
      s.target,
      s.app,
      alone.requiredFps,
      alone.budgetJPerFrame,
      alone.achievableFps,
      alone.energyPerFrameJ,
      alone.gapOom,
      withNgpc.achievableFps,
      withNgpc.energyPerFrameJ,
      withNgpc.gapOom,
      `${s.lowestEnergy.platform} ${s.lowestEnergy.encoding}`,
      s.lowestEnergy.gapOom,
      best ? `${best.platform} ${best.encoding}` : 'none',
      best ? best.energyPerFrameJ : null,
    ]);
    perfRows.push({
      category: `${s.target} ${s.app}`,
      alone: 1 / alone.energyPerFrameJ,
      withNgpc: 1 / withNgpc.energyPerFrameJ,
      required: 1 / alone.budgetJPerFrame,
    });
  }
  return {
    table: {
      name: 'target-gaps',
      title: `Device targets: ${gpu} alone and with ${largest} (hash grid), and the lowest-energy configuration`,
      caption:
        'gap OOM = log10(energy per frame / (budget W / refresh Hz)); paper §2: AR/VR is 2-4 orders of magnitude away. Budgets and resolutions: configs/targets (sources and assumptions). "lowest energy" searches every GPU x NGPC x encoding; "meeting" also needs the FPS and the budget.',
      columns: [
        'target',
        'app',
        'required fps',
        'budget J/frame',
        'GPU alone fps',
        'GPU alone J',
        'GPU alone gap OOM',
        `+${largest} fps`,
        `+${largest} J`,
        `+${largest} gap OOM`,
        'lowest energy',
        'lowest energy gap OOM',
        'lowest energy meeting target',
        'its J',
      ],
      keyColumns: 2,
      rows: gapRows,
    },
    charts: [
      {
        kind: 'groupedBars',
        name: 'perf-per-watt-vs-targets',
        title: `Frames per joule vs what each target needs (refresh Hz / budget W), hash grid, ${gpu}`,
        yLabel: 'frames per joule (log)',
        logY: true,
        categories: perfRows.map((r) => r.category),
        groups: [
          { name: `${gpu} alone`, values: perfRows.map((r) => r.alone) },
          { name: `${gpu} + ${largest}`, values: perfRows.map((r) => r.withNgpc) },
          { name: 'target needs', values: perfRows.map((r) => r.required) },
        ],
      },
    ],
  };
}
