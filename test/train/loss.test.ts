import { describe, expect, it } from 'vitest';
import { seededRng } from '../../src/encoding/rng.ts';
import { lossCpu } from '../../src/train/loss.cpu.ts';
import { lossGpu } from '../../src/train/loss.gpu.ts';
import { LOSS_KINDS } from '../../src/train/loss.ts';
import { gpu, requireGpu } from '../helpers/gpu.ts';

const rng = seededRng(11);
const pred = Float32Array.from({ length: 96 }, () => rng.uniform(-2, 2));
const target = Float32Array.from({ length: 96 }, () => rng.uniform(-2, 2));

describe('losses (tcnn losses/*.h)', () => {
  for (const kind of LOSS_KINDS) {
    it(`${kind}: gradient matches central differences of the loss`, () => {
      const { grads } = lossCpu(kind, pred, target);
      const h = 1e-3;
      for (const i of [0, 17, 95]) {
        const plus = Float32Array.from(pred);
        const minus = Float32Array.from(pred);
        plus[i]! += h;
        minus[i]! -= h;
        const fd =
          (lossCpu(kind, plus, target).loss - lossCpu(kind, minus, target).loss) / (plus[i]! - minus[i]!);
        expect(grads[i]!).toBeCloseTo(fd, 4);
      }
    });
  }
  it('L2 loss is the mean squared error', () => {
    let mse = 0;
    for (let i = 0; i < pred.length; i++) mse += (pred[i]! - target[i]!) ** 2;
    expect(lossCpu('L2', pred, target).loss).toBeCloseTo(mse / pred.length, 5);
  });
});

describe.skipIf(!gpu)('losses on the GPU', () => {
  for (const kind of LOSS_KINDS) {
    it(`${kind}: GPU equals the CPU reference (same f32 operation order)`, async () => {
      const got = await lossGpu(requireGpu(), kind, pred, target);
      const want = lossCpu(kind, pred, target);
      expect(Array.from(got.grads)).toEqual(Array.from(want.grads));
      expect(got.loss).toBeCloseTo(want.loss, 6);
    });
  }
});
