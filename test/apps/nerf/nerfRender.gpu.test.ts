// NeRF renderers on WebGPU: fused vs unfused vs the CPU reference, and GPU marching vs the CPU marcher.
import { describe, expect, it } from 'vitest';
import { renderNerfCpu } from '../../../src/apps/nerf/nerfRender.cpu.ts';
import { NerfRendererGpu, resolveImage, TERMINATED_BIT } from '../../../src/apps/nerf/nerfRender.gpu.ts';
import { imageMse } from '../../../src/apps/shared/imageMse.ts';
import { storageBuffer } from '../../../src/gpu/buffers.ts';
import { psnrDb } from '../../../src/train/loss.ts';
import { gpu, requireGpu } from '../../helpers/gpu.ts';
import { tinyCamera, tinyScene } from './helpers.ts';

describe.skipIf(!gpu)('NeRF renderers (GPU)', () => {
  it('fused and unfused agree (PSNR ≥ 40 dB) and match the CPU reference, with early termination', async () => {
    const ctx = requireGpu();
    const scene = tinyScene({ gridRes: 32, nCascades: 2 }, 1);
    const camera = tinyCamera(24, 20);
    const r = new NerfRendererGpu(ctx, scene);
    try {
      const fused = await r.renderFused(camera);
      // A small round size forces several marching rounds.
      const unfused = await r.renderUnfused(camera, { samplesPerRound: 1024 });
      expect(unfused.rounds).toBeGreaterThan(3);
      const a = resolveImage(fused, scene.background);
      const b = resolveImage(unfused, scene.background);
      const cpu = renderNerfCpu(scene, camera);
      expect(psnrDb(imageMse(a, b))).toBeGreaterThanOrEqual(40);
      expect(psnrDb(imageMse(a, cpu.image))).toBeGreaterThanOrEqual(40);
      let terminated = 0;
      let same = 0;
      for (let p = 0; p < fused.samples.length; p++) {
        if (fused.samples[p]! & TERMINATED_BIT) terminated++;
        if (fused.samples[p] === unfused.samples[p]) same++;
      }
      expect(terminated).toBeGreaterThan(10);
      expect(same / fused.samples.length).toBeGreaterThan(0.99);
      let cpuSame = 0;
      for (let p = 0; p < fused.samples.length; p++) {
        if ((fused.samples[p]! & ~TERMINATED_BIT) === cpu.stats.samplesPerRay[p]) cpuSame++;
      }
      expect(cpuSame / fused.samples.length).toBeGreaterThan(0.95);
    } finally {
      r.destroy();
    }
  });

  it('both rest-of-frame replays (fused, unfused) reproduce the full renders from the recorded network outputs', async () => {
    const ctx = requireGpu();
    const scene = tinyScene({ gridRes: 32, nCascades: 2 }, 1);
    const camera = tinyCamera(24, 20);
    const nPx = camera.widthPx * camera.heightPx;
    const r = new NerfRendererGpu(ctx, scene);
    const buffers: GPUBuffer[] = [];
    try {
      // Record one vec4 per sample up to the longest ray, as the bench does.
      let stride = 1;
      for (const c of (await r.renderFused(camera)).samples) stride = Math.max(stride, c & ~TERMINATED_BIT);
      const buffer = storageBuffer(ctx, 'test/nerf:recorded', { bytes: nPx * stride * 16 });
      buffers.push(buffer);
      const fused = await r.renderFused(camera, { buffer, stride });
      // A small round size forces several rounds, so later rounds replay later samples of their rays.
      const unfused = await r.renderUnfused(camera, { samplesPerRound: 1024 });
      const fusedRest = await r.renderFusedRest(camera, { buffer, stride });
      const unfusedRest = await r.renderUnfusedRest(camera, { buffer, stride }, { samplesPerRound: 1024 });
      expect(unfused.rounds).toBeGreaterThan(3);
      expect(unfusedRest.rounds).toBe(unfused.rounds);
      const ref = resolveImage(unfused, scene.background);
      for (const replay of [fusedRest, unfusedRest]) {
        expect(psnrDb(imageMse(resolveImage(replay, scene.background), ref))).toBeGreaterThanOrEqual(40);
        let same = 0;
        let sameAsRecorded = 0;
        for (let p = 0; p < nPx; p++) {
          if (replay.samples[p] === unfused.samples[p]) same++;
          if (replay.samples[p] === fused.samples[p]) sameAsRecorded++;
        }
        // As fused vs unfused above: the stage kernels' f32 marching may move a step on a few rays (lavapipe: none).
        expect(same / nPx).toBeGreaterThan(0.99);
        expect(sameAsRecorded / nPx).toBeGreaterThan(0.99);
      }
      // The fused replay runs the recording kernel's own loop: exactly the recorded counts.
      expect(fusedRest.samples).toEqual(fused.samples);
    } finally {
      for (const b of buffers) b.destroy();
      r.destroy();
    }
  });

  it('marches the same samples as the CPU marcher (no termination: σ ≈ 0)', async () => {
    const ctx = requireGpu();
    const scene = tinyScene({ gridRes: 16, nCascades: 1 }, -0.5);
    scene.march = { ...scene.march, minTransmittance: 0 };
    const camera = tinyCamera(16, 12);
    const r = new NerfRendererGpu(ctx, scene);
    try {
      const g = await r.renderUnfused(camera, { samplesPerRound: 4096 });
      const cpu = renderNerfCpu(scene, camera);
      let same = 0;
      let total = 0;
      let cpuTotal = 0;
      for (let p = 0; p < g.samples.length; p++) {
        const n = g.samples[p]! & ~TERMINATED_BIT;
        if (n === cpu.stats.samplesPerRay[p]) same++;
        total += n;
        cpuTotal += cpu.stats.samplesPerRay[p]!;
      }
      expect(total).toBeGreaterThan(1000);
      // f32 rays formed on the GPU vs f64-then-rounded on the CPU may move a cell crossing by one step on a few rays.
      expect(same / g.samples.length).toBeGreaterThan(0.95);
      expect(Math.abs(total - cpuTotal) / cpuTotal).toBeLessThan(0.01);
    } finally {
      r.destroy();
    }
  });
});
