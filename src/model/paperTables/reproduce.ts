// Table 12: the paper beside the model, row by row (`ngpc reproduce`), under the context's profile.
import { type ReproduceResult, reproduce } from '../fit/reproduce.ts';
import type { PaperTableContext } from './context.ts';
import type { Cell, PaperTable } from './types.ts';

/** Columns of a reproduce table (also results/paper-fit). */
export const REPRODUCE_COLUMNS = [
  'section',
  'id',
  'role',
  'unit',
  'paper',
  'model',
  'delta %',
  'tolerance %',
  'comparison',
  'pass',
  'expected delta %',
];

export function reproduceCells(rep: ReproduceResult): Cell[][] {
  return rep.rows.map((r) => [
    r.section,
    r.id,
    r.role,
    r.unit,
    r.paper,
    r.model,
    r.deltaPct,
    r.tolerancePct,
    r.comparison,
    r.pass ? 'pass' : 'FAIL',
    r.expected ? r.expected.deltaPct : null,
  ]);
}

export function reproduceTable(ctx: PaperTableContext): PaperTable {
  const rep = reproduce(undefined, { profile: ctx.profile });
  return {
    table: {
      name: 'reproduce',
      title: `The paper beside the model (ngpc reproduce, ${rep.profile})`,
      caption:
        'role fit: §2 targets, fitted by the GPU calibration (arvr-gap-* are predicted from the energy model, held out); held-out: predictions; quoted: a published parameter. expected delta: where the row is recorded to sit (configs/reproduce/paper.json); ngpc reproduce fails when a row moves from it.',
      columns: REPRODUCE_COLUMNS,
      keyColumns: 2,
      rows: reproduceCells(rep),
    },
    charts: [],
  };
}
