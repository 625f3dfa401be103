// Renders `ngpc solve` as readable text: one row per varied parameter, then one note each.

import { sig4, solvableParam } from '../model/solve/solvableParams.ts';
import { metricText, type SolveReport, type SolveResult } from '../model/solve/solveParameter.ts';
import { textTable } from './format.ts';

const DASH = '-';

function requiredCell(r: SolveResult): string {
  if (r.required === null) return r.status === 'unreachable' ? 'unreachable' : r.status;
  const display = solvableParam(r.parameter).display(r.required);
  return `${r.bound === 'min' ? '>=' : '<='} ${display}`;
}

export function solveText(report: SolveReport): string {
  const p = report.point;
  const target = report.target;
  const wanted =
    target.metric === 'fps'
      ? `${sig4(target.value)} FPS at ${report.resolution}`
      : `${sig4(target.value)}x speedup over the GPU alone`;
  const a = report.assumed;
  const out = [
    `design point  ${p.app} / ${p.encoding} / ${report.resolution} on ${report.gpu} (${p.gpu}) + ${report.ngpc}`,
    `target        ${wanted}`,
    `as configured ${metricText(a, 'fps')}, ${metricText(a, 'speedup')} over the GPU alone; frame limited by ${a.frameLimiter === 'ngpc' ? `the NGPC (${a.ngpcLimiter})` : 'the fused rest kernels'}`,
    '',
    textTable(
      [
        'parameter',
        'assumed',
        'required',
        'ratio',
        target.metric === 'fps' ? 'FPS there' : 'speedup there',
        'frame limiter',
      ],
      report.rows.map((r) => {
        const param = solvableParam(r.parameter);
        // Unreachable: the best the range allows, and what limits it there.
        const at = r.atSolution ?? (r.status === 'unreachable' ? r.best : null);
        const prefix = r.atSolution ? '' : 'best ';
        return [
          r.parameter,
          param.display(r.assumed),
          requiredCell(r),
          r.ratio === null ? DASH : `${sig4(r.ratio)}x`,
          at ? `${prefix}${metricText(at, target.metric)}` : DASH,
          at ? (at.frameLimiter === 'ngpc' ? `ngpc (${at.ngpcLimiter})` : 'gpu-rest') : DASH,
        ];
      }),
    ),
    '',
    ...report.rows.map((r) => `${r.parameter}: ${r.note}`),
  ];
  return out.join('\n');
}
