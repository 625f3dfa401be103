import { describe, expect, it } from 'vitest';
import { giaGridSpec, giaMlpSpec } from '../../src/apps/gia/giaConfig.ts';
import { giaBatch } from '../../src/apps/gia/giaTrain.ts';
import { proceduralImage } from '../../src/apps/gia/procedural.ts';
import { encodeGridCpu } from '../../src/encoding/gridEncoding.cpu.ts';
import { encodeGridGpu, gridParamGradGpu } from '../../src/encoding/gridEncoding.gpu.ts';
import { initGridParams } from '../../src/encoding/gridEncoding.ts';
import { levelLayout } from '../../src/encoding/gridLayout.ts';
import { seededRng } from '../../src/encoding/rng.ts';
import { mlpForwardCpu } from '../../src/mlp/mlp.cpu.ts';
import { MlpGpu } from '../../src/mlp/mlp.gpu.ts';
import { initMlpParams } from '../../src/mlp/mlpInit.ts';
import { mlpLayout } from '../../src/mlp/mlpLayout.ts';
import { instantNgpAdam } from '../../src/train/adam.ts';
import { fieldForwardCpu } from '../../src/train/field.ts';
import { FieldTrainerGpu } from '../../src/train/fieldTrainer.gpu.ts';
import { lossCpu } from '../../src/train/loss.cpu.ts';
import { gpu, requireGpu } from '../helpers/gpu.ts';

// A tiny 2-D field: 16 levels of at most 2^10 entries, 32 → [64 × 2] → 3.
const gridSpec = giaGridSpec(64, 64, 10);
const gl = levelLayout(gridSpec);
const mlpSpec = giaMlpSpec(32);
const ml = mlpLayout(mlpSpec);

describe.skipIf(!gpu)('grid + MLP training on the GPU', () => {
  it('the L2 loss decreases on a tiny image', async () => {
    const image = proceduralImage('pattern', 32);
    const batch = 1024;
    const trainer = new FieldTrainerGpu(requireGpu(), {
      gridLayout: gl,
      mlpLayout: ml,
      adam: instantNgpAdam(1e-2, 1000, 1000, null),
      loss: 'L2',
      batchSize: batch,
      maxSteps: 40,
    });
    await trainer.init({ mlp: initMlpParams(ml, 1), grid: initGridParams(gl, seededRng(2)) });
    const rng = seededRng(3);
    const positions = new Float32Array(batch * 2);
    const targets = new Float32Array(batch * 3);
    const losses: number[] = [];
    for (let s = 0; s < 40; s++) {
      giaBatch(image, rng, positions, targets);
      const loss = await trainer.trainStep(positions, targets, s % 10 === 0 || s === 39);
      if (loss !== null) losses.push(loss);
    }
    const params = await trainer.readParams();
    trainer.destroy();
    expect(losses[losses.length - 1]!).toBeLessThan(0.5 * losses[0]!);
    expect(params.grid.every(Number.isFinite) && params.mlp.every(Number.isFinite)).toBe(true);
  });

  it('end-to-end adjoint: ⟨dL/dP, ΔP⟩ from the GPU backward passes equals the directional derivative of the CPU loss', async () => {
    const ctx = requireGpu();
    const rng = seededRng(5);
    // Larger grid values than the ±1e-4 init so every level matters.
    const params = { mlp: initMlpParams(ml, 4), grid: initGridParams(gl, rng, 0.5) };
    const n = 200;
    const positions = Float32Array.from({ length: n * 2 }, () => rng.next());
    const targets = Float32Array.from({ length: n * 3 }, () => rng.next());
    // GPU chain: encode → MLP forward/backward → loss gradient → grid scatter.
    const encoded = await encodeGridGpu(ctx, gl, params.grid, positions);
    const mlp = new MlpGpu(ctx, ml);
    mlp.setParams(params.mlp);
    const pred = Float32Array.from(fieldForwardCpu(gl, ml, params, positions));
    const { grads } = lossCpu('L2', pred, targets);
    const back = await mlp.backward(encoded, grads);
    mlp.destroy();
    const dGrid = await gridParamGradGpu(ctx, gl, positions, back.dInputs);
    // Directional derivative by central differences of the f64 CPU loss along a random ΔP.
    const dirGrid = Float32Array.from({ length: gl.nParams }, () => rng.uniform(-1, 1));
    const dirMlp = Float32Array.from({ length: ml.nParams }, () => rng.uniform(-1, 1));
    // The encoding is linear in its parameters, so enc(P + hΔP) = enc(P) + h·enc(ΔP) exactly; the MLP and the loss are
    // then evaluated in f64 (CPU reference) with f64 weights, so a small step is not lost to f32 rounding.
    const enc = encodeGridCpu(gl, params.grid, positions);
    const encDir = encodeGridCpu(gl, dirGrid, positions);
    const lossAt = (h: number) => {
      const x = Float64Array.from(enc, (v, i) => v + h * encDir[i]!);
      const w = Float64Array.from(params.mlp, (v, i) => v + h * dirMlp[i]!);
      const out = mlpForwardCpu(ml, w, x).outputs;
      let s = 0;
      for (let i = 0; i < out.length; i++) s += (out[i]! - targets[i]!) ** 2;
      return s / out.length;
    };
    const h = 1e-6;
    const fd = (lossAt(h) - lossAt(-h)) / (2 * h);
    let adj = 0;
    for (let i = 0; i < gl.nParams; i++) adj += dGrid[i]! * dirGrid[i]!;
    for (let i = 0; i < ml.nParams; i++) adj += back.dParams[i]! * dirMlp[i]!;
    // f32 GPU gradients against f64 central differences with a step too small to cross ReLU kinks: 1e-4 relative.
    expect(Math.abs(adj - fd) / Math.abs(fd)).toBeLessThan(1e-4);
  });
});
