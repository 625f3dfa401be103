// Host-shared WGSL structs: WGSL layout rules, the packer, and the drift check between each TypeScript declaration and
// the kernels (the committed kernels/generated/*.wgsl must be what the declaration renders; no kernel redeclares it).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  GRID_INDEX_MODE,
  GRID_LEVEL,
  levelTable,
  planParamChunks,
} from '../../src/encoding/gridEncoding.gpu.ts';
import { levelLayout } from '../../src/encoding/gridLayout.ts';
import { composeKernel, KERNELS_DIR } from '../../src/gpu/wgsl.ts';
import { wgslStruct } from '../../src/gpu/wgslStruct.ts';
import { GRAD_DIMS, MLP_DIMS, REDUCE_DIMS } from '../../src/mlp/mlp.gpu.ts';
import { ADAM_STEP } from '../../src/train/adam.gpu.ts';
import { LOSS_DIMS } from '../../src/train/loss.gpu.ts';

/** Every host-filled struct, with a kernel that uses it (compose must show the generated text exactly once). */
const DECLARED = [
  { struct: GRID_LEVEL, kernel: 'gridEncoding.wgsl' },
  { struct: ADAM_STEP, kernel: 'adam.wgsl' },
  { struct: LOSS_DIMS, kernel: 'loss.wgsl' },
  { struct: MLP_DIMS, kernel: 'mlpForward.wgsl' },
  { struct: MLP_DIMS, kernel: 'mlpBackward.wgsl' },
  { struct: GRAD_DIMS, kernel: 'mlpWeightGrad.wgsl' },
  { struct: REDUCE_DIMS, kernel: 'mlpReduceSlices.wgsl' },
];

const generatedFile = (name: string) => `${name[0]!.toLowerCase()}${name.slice(1)}.wgsl`;

describe('WGSL struct layout (WGSL §13.4)', () => {
  it("lays out the spec's example struct A: offsets 0, 4, 8, 16; align 8; size 24", () => {
    const a = wgslStruct(
      'A',
      { source: 'test', doc: 'spec example' },
      { u: { type: 'f32' }, v: { type: 'f32' }, w: { type: 'vec2f' }, x: { type: 'f32' } },
    );
    expect(a.offsetBytes).toEqual({ u: 0, v: 4, w: 8, x: 16 });
    expect(a.sizeBytes).toBe(24);
    expect(a.uniformArrayStrideBytes).toBe(32);
  });

  it("aligns vec3 to 16 and packs a scalar into its 4-byte tail (the spec's struct B, first members)", () => {
    const b = wgslStruct(
      'B',
      { source: 'test', doc: 'spec example' },
      { a: { type: 'vec2f' }, b: { type: 'vec3f' }, c: { type: 'f32' }, d: { type: 'f32' } },
    );
    expect(b.offsetBytes).toEqual({ a: 0, b: 16, c: 28, d: 32 });
    expect(b.sizeBytes).toBe(48);
  });

  it('packs each member at its offset with its type, pads with 0, and rejects unknown, missing or bad values', () => {
    const s = wgslStruct(
      'S',
      { source: 'test', doc: 'test' },
      { n: { type: 'u32' }, k: { type: 'i32' }, x: { type: 'f32' }, pad0: { type: 'u32' } },
    );
    const view = new DataView(s.pack({ n: 7, k: -3, x: 0.1 }));
    expect([
      view.getUint32(0, true),
      view.getInt32(4, true),
      view.getFloat32(8, true),
      view.getUint32(12, true),
    ]).toEqual([7, -3, Math.fround(0.1), 0]);
    expect(s.pack([{ n: 1, k: 0, x: 0 }]).byteLength).toBe(16);
    // @ts-expect-error: `m` is not a member
    expect(() => s.pack({ n: 1, k: 0, x: 0, m: 1 })).toThrow(/S has no member m/);
    // @ts-expect-error: `x` is missing
    expect(() => s.pack({ n: 1, k: 0 })).toThrow(/S\.x: no value given/);
    expect(() => s.pack({ n: -1, k: 0, x: 0 })).toThrow(/S\.n = -1: not a u32/);
  });
});

describe('host-shared structs: TypeScript declaration vs kernels', () => {
  for (const struct of new Set(DECLARED.map((d) => d.struct))) {
    it(`kernels/generated/${generatedFile(struct.name)} is what ${struct.name}'s declaration renders`, async () => {
      // On a difference: the declaration changed (rerun `npm run wgsl-structs`) or the generated file was hand-edited.
      await expect(struct.wgsl).toMatchFileSnapshot(
        join('../../kernels/generated', generatedFile(struct.name)),
      );
    });
  }

  it.each(DECLARED)('$kernel declares $struct.name once, as generated', ({ struct, kernel }) => {
    const code = composeKernel(kernel);
    expect(code.split(`struct ${struct.name} {`).length - 1).toBe(1);
    expect(code).toContain(struct.wgsl);
  });

  it('no kernel file declares a host-shared struct by hand', () => {
    const names = new Set(DECLARED.map((d) => d.struct.name));
    const handWritten = readdirSync(KERNELS_DIR)
      .filter((f) => f.endsWith('.wgsl'))
      .flatMap((f) =>
        [...readFileSync(join(KERNELS_DIR, f), 'utf8').matchAll(/struct\s+(\w+)\s*\{/g)]
          .map((m) => m[1]!)
          .filter((n) => names.has(n))
          .map((n) => `${f}: ${n}`),
      );
    expect(handWritten).toEqual([]);
  });

  it('levelTable writes every GridLevel field of every level at its declared offset (hash grid, 2 bindings)', () => {
    const layout = levelLayout({
      otype: 'HashGrid',
      type: 'Hash',
      nDims: 3,
      nLevels: 4,
      nFeaturesPerLevel: 2,
      log2HashmapSize: 10,
      baseResolution: 4,
      perLevelScale: 2,
      interpolation: 'Linear',
    });
    const plan = planParamChunks(layout, 4 * 2 * 2 ** 10 * 2);
    const view = new DataView(levelTable(layout, plan));
    const stride = GRID_LEVEL.uniformArrayStrideBytes;
    expect(view.byteLength).toBe(layout.levels.length * stride);
    const o = GRID_LEVEL.offsetBytes;
    for (const level of layout.levels) {
      const at = level.level * stride;
      expect({
        scale: view.getFloat32(at + o.scale, true),
        resolution: view.getUint32(at + o.resolution, true),
        entries: view.getUint32(at + o.entries, true),
        mode: view.getUint32(at + o.mode, true),
        chunk: view.getUint32(at + o.chunk, true),
        base: view.getUint32(at + o.base, true),
        one: view.getFloat32(at + o.one, true),
      }).toEqual({
        scale: Math.fround(level.scale),
        resolution: level.resolution,
        entries: level.entries,
        mode: level.hashed ? GRID_INDEX_MODE.hash : GRID_INDEX_MODE.dense,
        chunk: plan.chunkOfLevel[level.level],
        base: plan.baseOfLevel[level.level],
        one: 1,
      });
    }
    // Levels 0–1 are dense (4³, 8³ ≤ 2^10 entries), 2–3 hashed (16³, 32³ > 2^10), level 3 in a second binding.
    expect(plan.chunkOfLevel).toEqual([0, 0, 0, 1]);
    expect(new Set(layout.levels.map((l) => l.hashed))).toEqual(new Set([false, true]));
  });
});
