// Renders a calibration result: fitted efficiencies and each target's residual.
import type { CalibrationResult } from '../model/gpu/calibrate.ts';
import { fixed, sig, textTable } from './format.ts';

export function calibrationText(r: CalibrationResult): string {
  return [
    `calibrated ${r.gpu} on ${r.targetsFile} (${r.iterations} Nelder-Mead iterations)`,
    `efficiencies  ${Object.entries(r.efficiencies)
      .map(([k, v]) => `${k} ${fixed(v, 4)}`)
      .join('   ')}`,
    '',
    textTable(
      ['target', 'paper', 'model', 'residual', 'tolerance', 'result'],
      r.residuals.map((x) => [
        x.id,
        sig(x.target),
        sig(x.model),
        `${fixed(x.residualPct, 2)} %`,
        `±${x.tolerancePct} %`,
        x.pass ? 'pass' : 'FAIL',
      ]),
    ),
    '',
    `max |residual| ${fixed(r.maxAbsResidualPct, 2)} %${r.written ? '; written to configs/gpus/' + r.gpu + '.json' : ' (not written; use --write)'}`,
  ].join('\n');
}
