// Renders the `ngpc reproduce` table as plain text (and Markdown for results/).
import type { ReproduceResult } from '../model/fit/reproduce.ts';
import { fixed, sig, textTable } from './format.ts';

type Row = ReproduceResult['rows'][number];

export function toleranceText(r: Pick<Row, 'comparison' | 'tolerancePct'>): string {
  if (r.comparison === 'atLeast') return `>= ${r.tolerancePct ? `-${r.tolerancePct} %` : 'paper'}`;
  if (r.comparison === 'atMost') return `<= ${r.tolerancePct ? `+${r.tolerancePct} %` : 'paper'}`;
  return `±${r.tolerancePct} %`;
}

/** "at -53.8 %", "MOVED from -53.8 %", or "-" when nothing is recorded. */
function expectedText(r: Row): string {
  if (!r.expected) return 'unrecorded';
  return `${r.expected.holds ? 'at' : 'MOVED from'} ${fixed(r.expected.deltaPct, 1)} %`;
}

function cells(r: Row): string[] {
  return [
    r.section,
    r.id,
    r.role,
    `${sig(r.paper)} ${r.unit}`,
    `${sig(r.model)} ${r.unit}`,
    `${fixed(r.deltaPct, 1)} %`,
    toleranceText(r),
    r.pass ? 'pass' : 'FAIL',
    expectedText(r),
  ];
}

const HEADER = ['§', 'quantity', 'role', 'paper', 'model', 'Δ', 'tolerance', 'result', 'expected Δ'];

function summary(r: ReproduceResult): string {
  const heldOut = r.rows.filter((x) => x.role === 'held-out');
  return `${r.passed} of ${r.rows.length} rows within the paper's tolerance (held out: ${heldOut.filter((x) => x.pass).length} of ${heldOut.length}); mean |Δ| ${fixed(r.meanAbsDeltaPct, 1)} %, max |Δ| ${fixed(r.maxAbsDeltaPct, 1)} %`;
}

export function reproduceText(r: ReproduceResult): string {
  const lines = [
    `profile ${r.profile} (${r.profileSource})`,
    textTable(HEADER, r.rows.map(cells)),
    '',
    summary(r),
    `rows at their recorded deviation (±${r.deviationTolerancePct} points): ${r.rows.length - r.moved.length - r.unrecorded.length} of ${r.rows.length}${r.moved.length ? `; MOVED: ${r.moved.join(', ')}` : ''}${r.unrecorded.length ? `; unrecorded: ${r.unrecorded.join(', ')}` : ''}`,
    ...r.fitProblems.map((p) => `paper-fit: ${p}`),
    'role fit: §2 rows (the GPU calibration, both profiles) and, in paper-fit, its declared fit set; held-out: predicted; quoted: a published parameter.',
  ];
  return lines.join('\n');
}

export function reproduceMarkdown(r: ReproduceResult): string {
  const lines = [
    `| ${HEADER.join(' | ')} | description |`,
    `|${HEADER.map(() => '---').join('|')}|---|`,
    ...r.rows.map((row) => `| ${cells(row).join(' | ')} | ${row.quantity} |`),
  ];
  return `${lines.join('\n')}\n\n${summary(r)}.\n`;
}
