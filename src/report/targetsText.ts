// Renders `ngpc targets` as text: per target and app, the paper GPU alone and with NGPC, and the best configurations.
import type { DeviceTarget } from '../config/deviceTarget.ts';
import type { TargetGapResult, TargetGapRow } from '../model/frame/targetGap.ts';
import { fixed, sig, textTable } from './format.ts';

/** The platforms shown per target and app (the rest are in --json). */
export interface TargetsTextOptions {
  gpu: string;
  ngpc: string;
  encoding: string;
}

const gapText = (r: TargetGapRow) => `${fixed(r.gapOom, 2)} OOM`;

function budgetText(t: DeviceTarget): string {
  return t.powerBudgetW === null ? 'GPU board power' : `${sig(t.powerBudgetW)} W`;
}

export function targetsText(result: TargetGapResult, opts: TargetsTextOptions): string {
  const out: string[] = [];
  const pick = (t: string, app: string, ngpc: string) =>
    result.rows.find(
      (r) =>
        r.target === t &&
        r.app === app &&
        r.gpu === opts.gpu &&
        r.ngpc === ngpc &&
        r.encoding === opts.encoding,
    );
  out.push(`profile ${result.profile}`, '');
  for (const t of result.targets) {
    out.push(
      `${t.name}  ${t.label}: ${t.views} x ${t.widthPx}x${t.heightPx} px at ${sig(t.refreshHz)} Hz, budget ${budgetText(t)}`,
    );
    const rows: string[][] = [];
    for (const s of result.summaries.filter((x) => x.target === t.name)) {
      const alone = pick(t.name, s.app, 'none');
      const withNgpc = pick(t.name, s.app, opts.ngpc);
      const best = s.lowestEnergyMeeting;
      rows.push([
        s.app,
        alone
          ? `${fixed(alone.achievableFps, 1)} / ${sig(alone.energyPerFrameJ)} J / ${gapText(alone)}`
          : '–',
        withNgpc
          ? `${fixed(withNgpc.achievableFps, 1)} / ${sig(withNgpc.energyPerFrameJ)} J / ${gapText(withNgpc)}`
          : '–',
        `${s.lowestEnergy.platform} ${s.lowestEnergy.encoding} ${gapText(s.lowestEnergy)}`,
        best ? `${best.platform} ${best.encoding} ${sig(best.energyPerFrameJ)} J` : 'none',
      ]);
    }
    const budgetJ = result.rows.find((r) => r.target === t.name && r.gpu === opts.gpu)?.budgetJPerFrame;
    out.push(
      `  needs ${sig(t.refreshHz)} FPS and <= ${budgetJ === undefined ? '?' : sig(budgetJ)} J/frame (${opts.encoding} shown for ${opts.gpu})`,
    );
    out.push(
      textTable(
        [
          'app',
          `${opts.gpu} FPS / J / gap`,
          `+${opts.ngpc} FPS / J / gap`,
          'lowest energy (any platform/encoding)',
          'lowest energy meeting the target',
        ],
        rows,
      )
        .split('\n')
        .map((l) => `  ${l}`)
        .join('\n'),
    );
    out.push('');
  }
  out.push(
    'gap = log10(energy per frame / (budget W / refresh Hz)): orders of magnitude of frames per joule missing; <= 0 fits the budget.',
  );
  return out.join('\n');
}
