// .npy and raw f32 matrix files: round trips, a hand-built header, f8 conversion and corrupt files.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NgpcInputError } from '../../src/errors.ts';
import { npyBytes, readMatrix, writeMatrix } from '../../src/io/npy.ts';

const dir = mkdtempSync(join(tmpdir(), 'ngpc-npy-'));
const path = (name: string) => join(dir, name);

/** A .npy file from a header dict text and raw body bytes, with v1.0 framing and the given padding. */
function handBuilt(dict: string, body: Uint8Array, major = 1): Uint8Array {
  const text = `${dict}\n`;
  const pre = major === 1 ? 10 : 12;
  const head = new Uint8Array(pre + text.length);
  head.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, major, 0]);
  const view = new DataView(head.buffer);
  if (major === 1) view.setUint16(8, text.length, true);
  else view.setUint32(8, text.length, true);
  for (let i = 0; i < text.length; i++) head[pre + i] = text.charCodeAt(i);
  const out = new Uint8Array(head.length + body.length);
  out.set(head);
  out.set(body, head.length);
  return out;
}

function f64Body(values: number[]): Uint8Array {
  const out = new Uint8Array(values.length * 8);
  const view = new DataView(out.buffer);
  for (const [i, v] of values.entries()) view.setFloat64(8 * i, v, true);
  return out;
}

function f32Body(values: number[]): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  for (const [i, v] of values.entries()) view.setFloat32(4 * i, v, true);
  return out;
}

describe('npy', () => {
  it('round-trips a 2-D matrix through .npy with a 64-byte aligned v1.0 header', () => {
    const data = Float32Array.from([0, 1, -2.5, 3e-7, 1e30, -0]);
    writeMatrix(path('a.npy'), data, 2, 3);
    const bytes = readFileSync(path('a.npy'));
    expect(bytes[6]).toBe(1);
    expect((10 + bytes.readUInt16LE(8)) % 64).toBe(0);
    const back = readMatrix(path('a.npy'));
    expect(back.rows).toBe(2);
    expect(back.cols).toBe(3);
    expect(Array.from(back.data)).toEqual(Array.from(data));
    expect(bytes.toString('latin1')).toContain("'shape': (2, 3)");
  });

  it('round-trips raw f32 given the row width, and rejects a ragged one', () => {
    const data = Float32Array.from({ length: 12 }, (_, i) => i / 7);
    writeMatrix(path('a.f32'), data, 4, 3);
    expect(readFileSync(path('a.f32')).length).toBe(48);
    const back = readMatrix(path('a.f32'), { cols: 3 });
    expect([back.rows, back.cols]).toEqual([4, 3]);
    expect(Array.from(back.data)).toEqual(Array.from(data));
    expect(() => readMatrix(path('a.f32'), { cols: 5 })).toThrow(/not a whole number of rows of 5/);
    expect(() => readMatrix(path('a.f32'))).toThrow(/raw f32 file needs a known row width/);
  });

  it('reads a hand-built 1-D <f8 header (converted to f32) and a v2.0 header', () => {
    writeFileSync(
      path('h.npy'),
      handBuilt("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", f64Body([0.1, 2, -3])),
    );
    const m = readMatrix(path('h.npy'));
    expect([m.rows, m.cols]).toEqual([3, 1]);
    expect(Array.from(m.data)).toEqual([Math.fround(0.1), 2, -3]);
    writeFileSync(
      path('v2.npy'),
      handBuilt("{'descr':'<f4','fortran_order':False,'shape':(1,2)}", f32Body([5, 6]), 2),
    );
    expect(Array.from(readMatrix(path('v2.npy')).data)).toEqual([5, 6]);
  });

  it('checks the expected column count of an .npy file', () => {
    writeFileSync(path('c.npy'), npyBytes(Float32Array.from([1, 2, 3, 4]), [2, 2]));
    expect(() => readMatrix(path('c.npy'), { cols: 3, what: '--points' })).toThrow(
      /--points .*c\.npy: has 2 columns, expected 3/,
    );
  });

  const corrupt: [string, Uint8Array, RegExp][] = [
    ['no magic', new TextEncoder().encode('hello world, not numpy'), /magic/],
    [
      'big-endian',
      handBuilt("{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }", f32Body([1])),
      /dtype ">f4".*'<f4'/,
    ],
    [
      'int',
      handBuilt("{'descr': '<i4', 'fortran_order': False, 'shape': (1,), }", f32Body([1])),
      /dtype "<i4"/,
    ],
    [
      'fortran',
      handBuilt("{'descr': '<f4', 'fortran_order': True, 'shape': (1, 1), }", f32Body([1])),
      /fortran_order is True/,
    ],
    [
      'truncated data',
      handBuilt("{'descr': '<f4', 'fortran_order': False, 'shape': (4, 2), }", f32Body([1, 2, 3])),
      /truncated/,
    ],
    [
      '3-D',
      handBuilt("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1, 1), }", f32Body([1])),
      /3 dimensions/,
    ],
    ['truncated header', npyBytes(Float32Array.from([1, 2]), [2]).subarray(0, 40), /file ends first/],
    [
      'extra bytes',
      handBuilt("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", f32Body([1, 2])),
      /unexpected bytes/,
    ],
  ];
  for (const [name, bytes, pattern] of corrupt) {
    it(`rejects a corrupt file: ${name}`, () => {
      const file = path(`bad-${name.replace(/\W/g, '_')}.npy`);
      writeFileSync(file, bytes);
      let error: unknown;
      try {
        readMatrix(file);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(NgpcInputError);
      expect((error as Error).message).toContain(file);
      expect((error as Error).message).toMatch(pattern);
    });
  }

  it('rejects non-finite values unless allowed, and a missing file', () => {
    writeMatrix(path('nan.npy'), Float32Array.from([1, Number.NaN, 3, 4]), 2, 2);
    expect(() => readMatrix(path('nan.npy'))).toThrow(/value NaN at row 0, column 1 is not finite/);
    expect(Number.isNaN(readMatrix(path('nan.npy'), { finite: false }).data[1])).toBe(true);
    expect(() => readMatrix(path('missing.npy'))).toThrow(/cannot read \(ENOENT\)/);
  });
});
