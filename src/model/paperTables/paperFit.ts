// Tables of the paper-fit profile: every paper row under it with its role (fit / held-out), the fitted values with
// their ranges, leave-one-out refits; and every hypothesis combination with its fit and held-out errors.
import { loadConfig } from '../../config/load.ts';
import {
  DEFAULT_PAPER_FIT_SPEC,
  type FittedCombination,
  HYPOTHESIS_NAMES,
  loadPaperFitResult,
  loadPaperFitSpec,
} from '../../config/profile.ts';
import { type ReproduceRow, reproduceFileSchema } from '../../config/targets.ts';
import { loadPaperFitInputs } from '../fit/paperFit.ts';
import { DEFAULT_REPRODUCE_FILE, reproduce } from '../fit/reproduce.ts';
import { metricValue } from '../frame/metrics.ts';
import { paperFitCalibration } from '../profile/profiles.ts';
import { paperFitSettings } from '../profile/settings.ts';
import type { PaperTableContext } from './context.ts';
import { REPRODUCE_COLUMNS, reproduceCells } from './reproduce.ts';
import type { Cell, PaperTable } from './types.ts';

const sig4 = (x: number) => String(Number(x.toPrecision(4)));
const label = (c: FittedCombination) => HYPOTHESIS_NAMES.map((n) => c.hypotheses[n]).join(' / ');

/** results/paper-fit: the reproduce rows under paper-fit, with the fitted values and leave-one-out as notes. */
export function paperFitTable(_ctx: PaperTableContext): PaperTable {
  const rep = reproduce(DEFAULT_REPRODUCE_FILE, { profile: 'paper-fit' });
  const spec = loadPaperFitSpec();
  const fit = loadPaperFitResult();
  const c = fit.chosen;
  const { clock, samplesPerPixelScale: sp } = spec.parameters;
  const heldOut = rep.rows.filter((r) => r.role === 'held-out');
  const notes = [
    `**Chosen readings** (${fit.choice}): ${HYPOTHESIS_NAMES.map((n) => `${n} = ${c.hypotheses[n]}`).join(', ')}; area method ${spec.fixed.areaMethod.value} (fixed).`,
    [
      '| fitted parameter | value | range | at a bound | why this range |',
      '|---|---:|---|---|---|',
      `| NFP clock | ${sig4(c.values.clockHz / 1e9)} GHz | ${sig4(clock.min / 1e9)}–${sig4(clock.max / 1e9)} GHz | ${c.atBound.includes('clock') ? 'yes' : 'no'} | ${clock.reason} |`,
      `| samples per pixel × (${sp.apps.join(', ')}) | ${sig4(c.values.samplesPerPixelScale)} | ${sp.min}–${sp.max} | ${c.atBound.some((b) => b.startsWith('samplesPerPixelScale')) ? c.atBound.filter((b) => b.startsWith('samplesPerPixelScale')).join('; ') : 'no'} | ${sp.reason} |`,
    ].join('\n'),
    `GPU efficiencies re-fitted to §2 at these readings: ${Object.entries(c.efficiencies)
      .map(([k, v]) => `${k} ${v}`)
      .join(
        ', ',
      )} (max §2 residual ${sig4(c.calibrationMaxResidualPct)} %). Convergence: ${c.convergence.evaluations} objective evaluations, ${c.convergence.sppGridPoints}-point samples-per-pixel grid, ${c.convergence.clockGridPoints}-point clock grid + ${c.convergence.clockGoldenIterations} golden-section steps (final clock bracket ${sig4(100 * c.convergence.clockBracketRelative)} %); objective at the neighbouring grid scales ${c.convergence.neighbourObjectives.map(sig4).join(', ')} vs ${sig4(c.objective)}.`,
    `Held out: ${heldOut.filter((r) => r.pass).length} of ${heldOut.length} rows within the paper's tolerance.`,
    [
      '**Leave-one-out** (refit the chosen readings without one fit row, then predict it):',
      '',
      '| held-out fit row | clock GHz | samples/px × | paper | predicted | Δ % |',
      '|---|---:|---:|---:|---:|---:|',
      ...fit.leaveOneOut.map(
        (l) =>
          `| ${l.heldOut} | ${sig4(l.values.clockHz / 1e9)} | ${sig4(l.values.samplesPerPixelScale)} | ${l.paper} | ${sig4(l.predicted)} | ${sig4(l.deltaPct)} |`,
      ),
    ].join('\n'),
  ];
  return {
    table: {
      name: 'paper-fit',
      title: 'The paper-fit profile: fitted to the declared fit set, every other row held out',
      caption: `Profile ${rep.profile} (configs/calibration/paper-fit.json, fitted by \`ngpc fit --write\`). role fit: §2 rows (GPU calibration) and the declared fit set (${spec.fitSet.rows.join(', ')}); held-out: predicted, never fitted; quoted: a published parameter.`,
      columns: REPRODUCE_COLUMNS,
      keyColumns: 2,
      rows: reproduceCells(rep),
      notes,
    },
    charts: [],
  };
}

/** Held-out rows of the reproduce file for the paper-fit profile (not calibration, not fitted, not quoted). */
function heldOutRows(): ReproduceRow[] {
  const spec = loadPaperFitSpec();
  const file = loadConfig(DEFAULT_REPRODUCE_FILE, reproduceFileSchema);
  return file.rows.filter((r) => !spec.fitSet.rows.includes(r.id) && r.metric.kind !== 'parameter');
}

/** results/paper-fit-hypotheses: every combination with its fitted values, fit residual and held-out errors. */
export function paperFitHypothesesTable(_ctx: PaperTableContext): PaperTable {
  const spec = loadPaperFitSpec();
  const fit = loadPaperFitResult();
  const gpu = paperFitCalibration(spec).gpu;
  const inputs = loadPaperFitInputs(DEFAULT_PAPER_FIT_SPEC);
  const held = heldOutRows();
  const rows: Cell[][] = fit.combinations.map((c) => {
    const settings = paperFitSettings(spec, gpu, c, `ngpc fit: ${label(c)}`);
    const deltas = held.map((r) => (100 * (metricValue(r.metric, r.gpu, settings) - r.paper)) / r.paper);
    return [
      ...HYPOTHESIS_NAMES.map((n) => c.hypotheses[n]),
      label(c) === label(fit.chosen) ? 'chosen' : '',
      c.values.clockHz / 1e9,
      c.values.samplesPerPixelScale,
      c.calibrationMaxResidualPct,
      c.objective,
      c.fitMaxResidualPct,
      c.atBound.join('; ') || '-',
      ...deltas,
    ];
  });
  return {
    table: {
      name: 'paper-fit-hypotheses',
      title:
        "paper-fit: every combination of the paper's discrete readings, fitted and then checked on held-out rows",
      caption: `Each combination fits the NFP clock and a common samples-per-pixel factor to the fit set (${inputs.fitRows.map((r) => r.id).join(', ')}; objective ${spec.search.objective}) after re-fitting the GPU efficiencies to §2; the chosen one has the lowest fit objective — the held-out columns (Δ % per row) were computed afterwards and played no part in the choice.`,
      columns: [
        ...HYPOTHESIS_NAMES,
        'chosen',
        'clock GHz',
        'spp scale',
        '§2 max |res| %',
        'fit objective',
        'fit max |Δ| %',
        'at bound',
        ...held.map((r) => `${r.id} Δ %`),
      ],
      keyColumns: HYPOTHESIS_NAMES.length,
      rows,
    },
    charts: [],
  };
}
