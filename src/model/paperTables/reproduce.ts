// Table 12: the paper beside the model, row by row (`ngpc reproduce`).
import { reproduce } from '../fit/reproduce.ts';
import type { PaperTableContext } from './context.ts';
import type { PaperTable } from './types.ts';

export function reproduceTable(_ctx: PaperTableContext): PaperTable {
  const rep = reproduce();
  return {
    table: {
      name: 'reproduce',
      title: 'The paper beside the model (ngpc reproduce)',
      caption:
        '§2 rows are calibration targets (fitted), except arvr-gap-* (predicted from the energy model); §4 rows are predictions, never fitted.',
      columns: ['section', 'id', 'unit', 'paper', 'model', 'delta %', 'tolerance %', 'comparison', 'pass'],
      keyColumns: 2,
      rows: rep.rows.map((r) => [
        r.section,
        r.id,
        r.unit,
        r.paper,
        r.model,
        r.deltaPct,
        r.tolerancePct,
        r.comparison,
        r.pass ? 'pass' : 'FAIL',
      ]),
    },
    charts: [],
  };
}
