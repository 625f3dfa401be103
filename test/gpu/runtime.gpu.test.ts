import { describe, expect, it } from 'vitest';
import { readF32, storageBuffer } from '../../src/gpu/buffers.ts';
import { bindBuffers, computePipeline, dispatch, workgroupGrid } from '../../src/gpu/pipeline.ts';
import { timeGpu } from '../../src/gpu/timing.ts';
import { composeKernel, f32, u32 } from '../../src/gpu/wgsl.ts';
import { gpu, requireGpu } from '../helpers/gpu.ts';

describe.skipIf(!gpu)('WebGPU runtime on the current adapter', () => {
  it('requests the adapter limits and the optional features it offers', () => {
    const ctx = requireGpu();
    expect(ctx.limits.maxComputeWorkgroupStorageSize).toBe(ctx.adapter.limits.maxComputeWorkgroupStorageSize);
    expect(ctx.limits.maxStorageBufferBindingSize).toBe(ctx.adapter.limits.maxStorageBufferBindingSize);
    for (const f of ['shader-f16', 'subgroups', 'timestamp-query']) {
      expect(ctx.features.has(f)).toBe(ctx.adapter.features.has(f as GPUFeatureName));
    }
    // "<description> (<backend>[, software])", the form every report prints.
    expect(ctx.adapterName).toMatch(/^\S.* \([a-z0-9]+(, software)?\)$/);
  });

  it('runs a WGSL kernel composed with typed constants and matches the CPU', async () => {
    const ctx = requireGpu();
    const n = 100_003; // not a multiple of the workgroup size: the bounds check matters
    const a = 0.37;
    const x = new Float32Array(n).map((_, i) => Math.sin(i) * 3);
    const y = new Float32Array(n).map((_, i) => Math.cos(i * 0.5));
    const wg = 64;
    const pipeline = await computePipeline(ctx, {
      kernel: 'saxpy.wgsl',
      constants: { A: f32(a), WORKGROUP_SIZE: u32(wg) },
      label: 'test/saxpy',
    });
    const xb = storageBuffer(ctx, 'test/x', x);
    const yb = storageBuffer(ctx, 'test/y', y);
    await dispatch(
      ctx,
      pipeline,
      [bindBuffers(ctx, pipeline, 'test/saxpy', [xb, yb])],
      workgroupGrid(ctx, Math.ceil(n / wg)),
    );
    const got = await readF32(ctx, yb, n);
    const af = Math.fround(a);
    let maxErr = 0;
    for (let i = 0; i < n; i++) {
      // The driver may fuse the fma or round the product first: allow one f32 rounding of each term,
      // measured against the terms' magnitude (relative to the result would blow up on cancellation).
      const want = af * x[i]! + y[i]!;
      const scale = Math.abs(af * x[i]!) + Math.abs(y[i]!);
      maxErr = Math.max(maxErr, Math.abs(got[i]! - want) / Math.max(1e-30, scale));
    }
    expect(maxErr).toBeLessThan(2.5e-7);
    xb.destroy();
    yb.destroy();
  });

  it('caches pipelines per kernel and constants', async () => {
    const ctx = requireGpu();
    const req = {
      kernel: 'saxpy.wgsl',
      constants: { A: f32(2), WORKGROUP_SIZE: u32(64) },
      label: 'test/saxpy',
    };
    const p1 = await computePipeline(ctx, req);
    const p2 = await computePipeline(ctx, { ...req, constants: { WORKGROUP_SIZE: u32(64), A: f32(2) } });
    const p3 = await computePipeline(ctx, { ...req, constants: { A: f32(3), WORKGROUP_SIZE: u32(64) } });
    expect(p2).toBe(p1);
    expect(p3).not.toBe(p1);
  });

  it('reports WGSL compile errors with the line', async () => {
    const ctx = requireGpu();
    // Missing the A constant: the kernel does not compile.
    await expect(
      computePipeline(ctx, {
        kernel: 'saxpy.wgsl',
        constants: { WORKGROUP_SIZE: u32(64) },
        label: 'test/bad',
      }),
    ).rejects.toThrow(/WGSL compile error in saxpy.wgsl/);
  });

  it('times work with timestamp queries or the wall clock', async () => {
    const ctx = requireGpu();
    const pipeline = await computePipeline(ctx, {
      kernel: 'saxpy.wgsl',
      constants: { A: f32(1), WORKGROUP_SIZE: u32(64) },
      label: 'test/saxpy',
    });
    const n = 1 << 16;
    const xb = storageBuffer(ctx, 'test/x', { bytes: n * 4 });
    const yb = storageBuffer(ctx, 'test/y', { bytes: n * 4 });
    const group = bindBuffers(ctx, pipeline, 'test/saxpy', [xb, yb]);
    const t = await timeGpu(
      ctx,
      (enc, timestampWrites) => {
        const pass = enc.beginComputePass({ timestampWrites });
        pass.setPipeline(pipeline);
        pass.setBindGroup(0, group);
        pass.dispatchWorkgroups(n / 64);
        pass.end();
      },
      { reps: 3 },
    );
    // One small dispatch: well under a second on any adapter (0.6 ms on lavapipe), and no dispatch finishes in under
    // 10 ns; outside that the timer mixed up its units.
    expect(t.medianS).toBeGreaterThan(1e-8);
    expect(t.medianS).toBeLessThan(1);
    expect(t.method).toBe(ctx.features.has('timestamp-query') ? 'timestamp-query' : 'wall-clock');
  });
});

describe.skipIf(!gpu?.features.has('shader-f16'))('f16 kernels', () => {
  it('compile with `enable f16;` hoisted above the generated constants', async () => {
    const ctx = requireGpu();
    const pipeline = await computePipeline(ctx, {
      kernel: 'f16Probe.wgsl',
      constants: { WORKGROUP_SIZE: u32(64) },
      label: 'test/f16',
    });
    const values = new Float32Array([1, 0.5, 3, -2.25]);
    const buf = storageBuffer(ctx, 'test/f16', values);
    await dispatch(ctx, pipeline, [bindBuffers(ctx, pipeline, 'test/f16', [buf])], [1]);
    expect([...(await readF32(ctx, buf, 4))]).toEqual([2, 1, 6, -4.5]);
    buf.destroy();
  });
});

describe('WGSL composition', () => {
  it('hoists enable directives to the top', () => {
    const text = composeKernel('f16Probe.wgsl', { WORKGROUP_SIZE: u32(64) });
    expect(text.startsWith('enable f16;\n')).toBe(true);
    expect(text.match(/^enable f16;$/gm)).toHaveLength(1);
  });

  it('renders typed constants exactly and sorted', () => {
    const text = composeKernel('saxpy.wgsl', { WORKGROUP_SIZE: u32(64), A: f32(0.1) });
    expect(text).toContain('const A: f32 = 0.10000000149011612f;');
    expect(text.indexOf('const A')).toBeLessThan(text.indexOf('const WORKGROUP_SIZE'));
    expect(text).toContain('const WORKGROUP_SIZE: u32 = 64u;');
  });
});
