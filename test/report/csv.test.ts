// ngpc's CSV writer: byte for byte what csv-stringify (its earlier writer) makes of the same cells.
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvBody, csvCell, csvHeader, parseCsv } from '../../src/report/csv.ts';

const reference = (rows: string[][]) => stringify(rows, { record_delimiter: '\n' });

describe('csv', () => {
  it('quotes fields with a quote, comma or newline, as csv-stringify does', () => {
    const cells = ['plain', 'a,b', 'say "hi"', 'two\nlines', 'cr\ronly', '', ' padded ', '=1'];
    expect(csvHeader(cells)).toBe(reference([cells]));
    expect(csvHeader(cells)).toBe('plain,"a,b","say ""hi""","two\nlines",cr\ronly,, padded ,=1\n');
  });

  it('matches csv-stringify on any cells', () => {
    const text = fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', ' ', 'é', '1') });
    const value = fc.oneof(text, fc.double(), fc.integer(), fc.constant(null));
    fc.assert(
      fc.property(fc.array(fc.array(value, { minLength: 3, maxLength: 3 }), { maxLength: 5 }), (rows) => {
        const columns = ['x', 'y', 'z'];
        const records = rows.map((r) => ({ x: r[0], y: r[1], z: r[2] }));
        const cells = rows.map((r) => r.map(csvCell));
        expect(csvBody(columns, records)).toBe(reference(cells));
        // And it reads back as the same cells.
        if (cells.length > 0 && cells.every((r) => !r.some((c) => c.includes('\r'))))
          expect(parseCsv(csvBody(columns, records))).toEqual(cells);
      }),
      { numRuns: 300 },
    );
  });
});
