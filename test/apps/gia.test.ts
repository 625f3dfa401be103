import { describe, expect, it } from 'vitest';
import { giaGridSpec, giaMlpSpec } from '../../src/apps/gia/giaConfig.ts';
import { renderGiaCpu, renderGiaGpu } from '../../src/apps/gia/giaRender.ts';
import { giaBatch } from '../../src/apps/gia/giaTrain.ts';
import { parseProcedural, proceduralImage } from '../../src/apps/gia/procedural.ts';
import { imageMse } from '../../src/apps/shared/imageMse.ts';
import { seededRng } from '../../src/encoding/rng.ts';
import { seededFieldModel } from '../helpers/fieldModel.ts';
import { gpu, requireGpu } from '../helpers/gpu.ts';

describe('GIA targets and batches', () => {
  it('parses name:size and names the choices otherwise', () => {
    expect(parseProcedural('mandel:1024')).toEqual({ name: 'mandel', sizePx: 1024 });
    expect(() => parseProcedural('lena:512')).toThrow(
      /^procedural "lena:512": expected NAME:SIZE with NAME one of mandel, pattern/,
    );
    expect(() => parseProcedural('pattern:0')).toThrow(/SIZE 1\.\.8192/);
  });

  it('procedural images are deterministic and in [0,1]', () => {
    const a = proceduralImage('pattern', 48);
    expect(a.rgb).toEqual(proceduralImage('pattern', 48).rgb);
    expect(a.rgb.every((v) => v >= 0 && v <= 1)).toBe(true);
  });

  it('batches snap to pixel centres and carry that pixel colour', () => {
    const img = proceduralImage('pattern', 16);
    const pos = new Float32Array(200);
    const tgt = new Float32Array(300);
    giaBatch(img, seededRng(1), pos, tgt);
    for (let i = 0; i < 100; i++) {
      const x = pos[2 * i]! * 16 - 0.5;
      const y = pos[2 * i + 1]! * 16 - 0.5;
      expect(Number.isInteger(Math.round(x * 1e4) / 1e4)).toBe(true);
      expect(tgt[3 * i]).toBe(img.rgb[3 * (Math.round(y) * 16 + Math.round(x))]);
    }
  });
});

describe.skipIf(!gpu)('GIA rendering', () => {
  it('a GPU render matches the CPU reference render (1e-4 absolute, f32 vs f64)', async () => {
    const model = seededFieldModel('gia', giaGridSpec(64, 64, 10), giaMlpSpec(32));
    const view: [number, number, number, number] = [0.1, 0.2, 0.7, 0.9];
    const got = await renderGiaGpu(requireGpu(), model, 24, 16, view);
    const want = renderGiaCpu(model, 24, 16, view);
    let worst = 0;
    for (let i = 0; i < got.rgb.length; i++) worst = Math.max(worst, Math.abs(got.rgb[i]! - want.rgb[i]!));
    expect(worst).toBeLessThan(1e-4);
    expect(imageMse(got, want)).toBeLessThan(1e-9);
  });
});
