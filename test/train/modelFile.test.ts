import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { giaGridSpec, giaMlpSpec } from '../../src/apps/gia/giaConfig.ts';
import { initGridParams } from '../../src/encoding/gridEncoding.ts';
import { levelLayout } from '../../src/encoding/gridLayout.ts';
import { seededRng } from '../../src/encoding/rng.ts';
import { initMlpParams } from '../../src/mlp/mlpInit.ts';
import { mlpLayout } from '../../src/mlp/mlpLayout.ts';
import {
  decodeModelFile,
  encodeModelFile,
  readModelFile,
  writeModelFile,
} from '../../src/train/modelFile.ts';

const gridSpec = giaGridSpec(64, 64, 12);
const mlpSpec = giaMlpSpec(32);
const params = {
  mlp: initMlpParams(mlpLayout(mlpSpec), 1),
  grid: initGridParams(levelLayout(gridSpec), seededRng(2)),
};
const info = {
  app: 'gia',
  nDims: 2,
  optimizer: { otype: 'Adam' },
  loss: 'L2',
  training: { steps: 1 },
  scene: { procedural: 'pattern', widthPx: 64, heightPx: 64 },
  metrics: {},
  weights: 'master' as const,
};

describe('model files (docs/model-file.md)', () => {
  it('round-trips configs and parameters bit for bit', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ngpc-model-'));
    const path = join(dir, 'm.ngpc');
    writeModelFile(path, gridSpec, mlpSpec, params, info);
    const m = readModelFile(path);
    expect(m.gridSpec).toEqual(gridSpec);
    expect(m.mlpSpec).toEqual(mlpSpec);
    expect(m.params.mlp).toEqual(params.mlp);
    expect(m.params.grid).toEqual(params.grid);
    expect(m.header.scene).toEqual(info.scene);
    expect(Buffer.from(readFileSync(path).subarray(0, 8)).toString()).toBe('NGPCMODL');
  });

  it('rejects another version, a truncated file, extra bytes and foreign files, naming the file', () => {
    const bytes = encodeModelFile(gridSpec, mlpSpec, params, info);
    const v9 = Uint8Array.from(bytes);
    new DataView(v9.buffer).setUint32(8, 9, true);
    expect(() => decodeModelFile(v9, 'a.ngpc')).toThrow(
      /a\.ngpc: model file format version 9; this ngpc reads versions 1 and 2/,
    );
    expect(() => decodeModelFile(bytes.subarray(0, bytes.length - 4), 'b.ngpc')).toThrow(
      /b\.ngpc: .*truncated/,
    );
    expect(() => decodeModelFile(new Uint8Array([...bytes, 0, 0, 0, 0]), 'c.ngpc')).toThrow(
      /c\.ngpc: .* bytes, expected/,
    );
    expect(() => decodeModelFile(new TextEncoder().encode('{"hello": 1}     '), 'd.json')).toThrow(
      /d\.json: not an ngpc model file/,
    );
    expect(() => decodeModelFile(bytes.subarray(0, 40), 'e.ngpc')).toThrow(
      /e\.ngpc: header of \d+ bytes runs past the end/,
    );
    const dir = mkdtempSync(join(tmpdir(), 'ngpc-model-'));
    writeFileSync(join(dir, 'x'), '');
    expect(() => readModelFile(join(dir, 'missing.ngpc'))).toThrow(
      /missing\.ngpc: cannot read model file \(ENOENT\)/,
    );
  });
});
