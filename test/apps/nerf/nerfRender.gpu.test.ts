// NeRF renderers on WebGPU: fused vs unfused vs the CPU reference, and GPU marching vs the CPU marcher.
import { describe, expect, it } from 'vitest';
import { imageMse } from '../../../src/apps/gia/giaRender.ts';
import { renderNerfCpu } from '../../../src/apps/nerf/nerfRender.cpu.ts';
import { NerfRendererGpu, resolveImage, TERMINATED_BIT } from '../../../src/apps/nerf/nerfRender.gpu.ts';
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
