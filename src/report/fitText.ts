// Text of `ngpc fit`: every hypothesis combination with its fitted values and residuals, the choice, leave-one-out.
import type { FittedCombination, PaperFitResult } from '../config/profile.ts';
import { sig, textTable } from './format.ts';

/** "mean-of-apps / overlapped / ws / resident". */
export function hypothesesLabel(c: Pick<FittedCombination, 'hypotheses'>): string {
  const h = c.hypotheses;
  return [h.shareAggregation, h.composition, h.mlpDataflow, h.tableResidency].join(' / ');
}

const ghz = (hz: number) => `${sig(hz / 1e9, 4)} GHz`;

export function paperFitText(result: PaperFitResult, seconds?: number): string {
  const rows = result.combinations.map((c) => [
    c === result.chosen || sameCombination(c, result.chosen) ? '*' : '',
    hypothesesLabel(c),
    ghz(c.values.clockHz),
    sig(c.values.samplesPerPixelScale, 4),
    `${sig(c.calibrationMaxResidualPct, 3)} %`,
    sig(c.objective, 4),
    `${sig(c.fitMaxResidualPct, 3)} %`,
    c.atBound.join(', ') || '-',
  ]);
  const loo = result.leaveOneOut.map((l) => [
    l.heldOut,
    ghz(l.values.clockHz),
    sig(l.values.samplesPerPixelScale, 4),
    sig(l.paper, 4),
    sig(l.predicted, 4),
    `${sig(l.deltaPct, 3)} %`,
  ]);
  const c = result.chosen;
  return [
    `paper-fit: ${result.combinations.length} hypothesis combinations (share aggregation / composition / MLP dataflow / table residency)`,
    textTable(
      ['', 'hypotheses', 'clock', 'spp scale', '§2 max |res|', 'objective', 'fit max |Δ|', 'at bound'],
      rows,
    ),
    '',
    `chosen (*): ${hypothesesLabel(c)}, clock ${ghz(c.values.clockHz)}, samples per pixel x${sig(c.values.samplesPerPixelScale, 4)}`,
    `  ${result.choice}`,
    `  fit rows: ${c.residuals.map((r) => `${r.id} ${sig(r.model, 4)} vs ${r.paper} (${sig(r.deltaPct, 3)} %)`).join('; ')}`,
    '',
    'leave-one-out (refit without the row, then predict it):',
    textTable(['held-out row', 'clock', 'spp scale', 'paper', 'predicted', 'Δ'], loo),
    ...(seconds === undefined ? [] : ['', `fitted in ${seconds.toFixed(1)} s`]),
  ].join('\n');
}

function sameCombination(a: FittedCombination, b: FittedCombination): boolean {
  return hypothesesLabel(a) === hypothesesLabel(b);
}
