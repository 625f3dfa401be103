// Renders the `ngpc reproduce` table as plain text (and Markdown for results/).
import type { ReproduceResult } from '../model/frame/reproduce.ts';
import { fixed, sig, textTable } from './format.ts';

function cells(r: ReproduceResult['rows'][number]): string[] {
  let tol = `±${r.tolerancePct} %`;
  if (r.comparison === 'atLeast') tol = `>= ${r.tolerancePct ? `-${r.tolerancePct} %` : 'paper'}`;
  else if (r.comparison === 'atMost') tol = `<= ${r.tolerancePct ? `+${r.tolerancePct} %` : 'paper'}`;
  return [
    r.section,
    r.id,
    `${sig(r.paper)} ${r.unit}`,
    `${sig(r.model)} ${r.unit}`,
    `${fixed(r.deltaPct, 1)} %`,
    tol,
    r.pass ? 'pass' : 'FAIL',
  ];
}

const HEADER = ['§', 'quantity', 'paper', 'model', 'Δ', 'tolerance', 'result'];

export function reproduceText(r: ReproduceResult): string {
  return [
    textTable(HEADER, r.rows.map(cells)),
    '',
    `${r.passed} of ${r.rows.length} rows pass; mean |Δ| ${fixed(r.meanAbsDeltaPct, 1)} %, max |Δ| ${fixed(r.maxAbsDeltaPct, 1)} %`,
    '§2 rows are calibration targets (fitted), except arvr-gap-* (predicted from the energy model); §4 rows are predictions (never fitted).',
  ].join('\n');
}

export function reproduceMarkdown(r: ReproduceResult): string {
  const lines = [
    `| ${HEADER.join(' | ')} | description |`,
    `|${HEADER.map(() => '---').join('|')}|---|`,
    ...r.rows.map((row) => `| ${cells(row).join(' | ')} | ${row.quantity} |`),
  ];
  return `${lines.join('\n')}\n\n${r.passed} of ${r.rows.length} rows pass; mean |Δ| ${fixed(r.meanAbsDeltaPct, 1)} %, max |Δ| ${fixed(r.maxAbsDeltaPct, 1)} %.\n`;
}
