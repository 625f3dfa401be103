// Grid encoding on WebGPU against the CPU reference: every 2022 app config, binding splits, both backward passes.
import { describe, expect, it } from 'vitest';
import { encodingFromJson, encodingPreset } from '../../src/encoding/encodingConfig.ts';
import { fmaIsFused } from '../../src/encoding/fmaProbe.gpu.ts';
import { encodeGridCpu, gridInputGradCpu, gridParamGradCpu } from '../../src/encoding/gridEncoding.cpu.ts';
import {
  encodeGridGpu,
  GRID_INDEX_MODE,
  GridEncodingGpu,
  gridInputGradGpu,
  gridParamGradGpu,
  levelIndexMode,
  planParamChunks,
} from '../../src/encoding/gridEncoding.gpu.ts';
import { type GridEncodingSpec, type LevelLayout, levelLayout } from '../../src/encoding/gridLayout.ts';
import { seededRng } from '../../src/encoding/rng.ts';
import { gpu, requireGpu } from '../helpers/gpu.ts';

function randomArray(n: number, seed: number, lo = -1, hi = 1): Float32Array {
  const rng = seededRng(seed);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.uniform(lo, hi);
  return out;
}

/**
 * n random points plus the hard ones: x = 0, x = 1, and points exactly on a cell boundary of some level
 * (x = (k − 0.5)/scale_l, rounded to f32, where p = scale·x + 0.5 lands on or next to an integer).
 */
function testPoints(layout: LevelLayout, n: number, seed: number): Float32Array {
  const nDims = layout.spec.nDims;
  const rng = seededRng(seed);
  const points = randomArray(n * nDims, seed, 0, 1);
  for (let d = 0; d < nDims; d++) {
    points[d] = 0;
    points[nDims + d] = 1;
    points[2 * nDims + d] = d === 0 ? 0 : 1;
  }
  for (let i = 3; i < Math.min(n, 200); i++) {
    const level = layout.levels[i % layout.levels.length]!;
    for (let d = 0; d < nDims; d++) {
      const k = 1 + Math.floor(rng.next() * Math.max(1, level.scale - 1));
      points[i * nDims + d] = Math.fround((k - 0.5) / level.scale);
    }
  }
  return points;
}

/**
 * f32 GPU vs f64-accumulated CPU: |gpu − cpu| ≤ 1e-5 · (Σ|terms| + 0.1 · max Σ|terms|), where Σ|terms| is the
 * same computation on absolute values (relative to the result itself would blow up where random-sign terms
 * cancel). The floor covers weights that vanish by cancellation: Smoothstep's 1 − w(t) at t = 1 − 2^-23 is 4e-14
 * in f64 but 0 in f32. A wrong index or level still shows as an O(1) error.
 */
function expectClose(got: Float32Array, want: Float32Array, magnitude: Float32Array, rel = 1e-5): void {
  expect(got.length).toBe(want.length);
  let maxMagnitude = 0;
  for (const m of magnitude) maxMagnitude = Math.max(maxMagnitude, m);
  let worst = 0;
  let at = -1;
  for (let i = 0; i < want.length; i++) {
    const err = Math.abs(got[i]! - want[i]!) / (magnitude[i]! + 0.1 * maxMagnitude + 1e-30);
    if (err > worst) {
      worst = err;
      at = i;
    }
  }
  expect(worst, `worst relative error at ${at}: got ${got[at]}, want ${want[at]}`).toBeLessThanOrEqual(rel);
}

const abs = (a: Float32Array) => a.map(Math.abs);

/** Per-row scale of the input gradient: Σ_l scale_l · 1.5 · Σ_f |dL/dy| (|params| ≤ 1, |dw| ≤ 1.5). */
function inputGradMagnitude(layout: LevelLayout, n: number, dLdy: Float32Array): Float32Array {
  const { nDims, nFeaturesPerLevel: nF, nLevels } = layout.spec;
  const out = new Float32Array(n * nDims);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let l = 0; l < nLevels; l++) {
      for (let f = 0; f < nF; f++)
        s += layout.levels[l]!.scale * 3 * Math.abs(dLdy[(i * nLevels + l) * nF + f]!);
    }
    out.fill(s, i * nDims, (i + 1) * nDims);
  }
  return out;
}

async function checkAll(
  layout: LevelLayout,
  n: number,
  seed: number,
  maxBindingBytes?: number,
): Promise<void> {
  const ctx = requireGpu();
  const params = randomArray(layout.nParams, seed);
  const points = testPoints(layout, n, seed + 1);
  const grid = new GridEncodingGpu(ctx, layout, { maxBindingBytes });
  try {
    grid.setParams(params);
    const want = encodeGridCpu(layout, params, points);
    expectClose(await grid.encode(points), want, encodeGridCpu(layout, abs(params), points));
    const dLdy = randomArray(want.length, seed + 2);
    const gradWant = gridParamGradCpu(layout, points, dLdy);
    expectClose(await grid.paramGrad(points, dLdy), gradWant, gridParamGradCpu(layout, points, abs(dLdy)));
    const dxWant = gridInputGradCpu(layout, params, points, dLdy);
    expectClose(await grid.inputGrad(points, dLdy), dxWant, inputGradMagnitude(layout, n, dLdy));
  } finally {
    grid.destroy();
  }
}

describe('grid level table for the GPU (no device needed)', () => {
  it('decides dense, hashed and degenerate index modes as tcnn grid_index', () => {
    const nerf = levelLayout(encodingPreset('nerf') as GridEncodingSpec);
    expect(nerf.levels.map((l) => levelIndexMode(nerf, l))).toEqual(
      nerf.levels.map((l) => (l.hashed ? GRID_INDEX_MODE.hash : GRID_INDEX_MODE.dense)),
    );
    const tiled = levelLayout(encodingPreset('tiledGrid') as GridEncodingSpec);
    expect(tiled.levels.map((l) => levelIndexMode(tiled, l))).toEqual([0, 0]);
  });

  it('splits parameters by whole levels and rejects what cannot fit', () => {
    const layout = levelLayout(encodingPreset('nerf') as GridEncodingSpec);
    const plan = planParamChunks(layout, 128 * 2 ** 20);
    expect(plan.chunks).toEqual([{ first: 0, floats: layout.nParams }]);
    const split = planParamChunks(layout, 16 * 2 ** 20);
    expect(split.chunks.length).toBeGreaterThan(1);
    expect(split.chunks.reduce((s, c) => s + c.floats, 0)).toBe(layout.nParams);
    for (const [l, level] of layout.levels.entries()) {
      const chunk = split.chunks[split.chunkOfLevel[l]!]!;
      expect(chunk.first + split.baseOfLevel[l]!).toBe(level.offset * 2);
    }
    expect(() => planParamChunks(layout, 2 * 2 ** 20)).toThrow(
      /level 5 needs 4194304 bytes.*more than one storage binding/,
    );
    expect(() => planParamChunks(layout, 5 * 2 ** 20)).toThrow(
      /split into \d+ bindings .* the kernels have 4/,
    );
  });
});

describe.skipIf(!gpu)('grid encoding on WebGPU vs the CPU reference', () => {
  it('probes whether fma() is fused on this adapter', async () => {
    const fused = await fmaIsFused(requireGpu());
    console.log(
      `fma() fused on ${requireGpu().adapterName}: ${fused} (exactFma emulation ${fused ? 'off' : 'on'})`,
    );
    expect(typeof fused).toBe('boolean');
  });

  // Presets with the same grid are one case (nerf, nsdf and nvr all use instant-ngp's L16 F2 T2^19 3-D grid: same
  // kernels, same table layout); a preset that changes gets its own case.
  const presetCases = new Map<string, string[]>();
  for (const name of ['nerf', 'nsdf', 'nvr', 'denseGrid', 'tiledGrid']) {
    const key = JSON.stringify(encodingPreset(name));
    presetCases.set(key, [...(presetCases.get(key) ?? []), name]);
  }
  for (const names of presetCases.values()) {
    it(`${names.join(' = ')}: forward, parameter and input gradients within 1e-5`, async () => {
      await checkAll(levelLayout(encodingPreset(names[0]!) as GridEncodingSpec), 4096, 11);
    });
  }

  it('gia (2-D, T = 2^24; the 4096-px table is not hashed): 2,048 points', async () => {
    await checkAll(levelLayout(encodingPreset('gia') as GridEncodingSpec), 2048, 12);
  });

  it('a hashed 2^24-entry level (GIA-sized, 2 levels only to keep the CPU side fast) in 2 bindings', async () => {
    const spec = encodingFromJson(
      {
        otype: 'HashGrid',
        n_levels: 2,
        log2_hashmap_size: 24,
        base_resolution: 2048,
        per_level_scale: 2.001,
      },
      2,
    ) as GridEncodingSpec;
    const layout = levelLayout(spec);
    expect(layout.levels[1]).toMatchObject({ hashed: true, entries: 2 ** 24 });
    const ctx = requireGpu();
    const params = randomArray(layout.nParams, 5);
    const points = testPoints(layout, 1024, 6);
    const grid = new GridEncodingGpu(ctx, layout);
    try {
      // 32 MiB dense + 128 MiB hashed do not share one binding (lavapipe: 128 MiB)
      expect(grid.plan.chunks.length).toBe(ctx.limits.maxStorageBufferBindingSize < 160 * 2 ** 20 ? 2 : 1);
      grid.setParams(params);
      expectClose(
        await grid.encode(points),
        encodeGridCpu(layout, params, points),
        encodeGridCpu(layout, abs(params), points),
      );
    } finally {
      grid.destroy();
    }
  });

  it('splits tables and batches over several bindings when one binding is small (forced 96 KiB)', async () => {
    const spec = encodingFromJson(
      {
        otype: 'HashGrid',
        n_levels: 6,
        n_features_per_level: 4,
        log2_hashmap_size: 12,
        base_resolution: 4,
        per_level_scale: 1.6,
      },
      3,
    ) as GridEncodingSpec;
    const layout = levelLayout(spec);
    const plan = planParamChunks(layout, 96 * 1024);
    expect(plan.chunks.length).toBeGreaterThan(1);
    // 1000 points × 24 features × 4 B = 96,000 B: the batch is split too.
    await checkAll(layout, 3000, 21, 96 * 1024);
  });

  const variants: [string, number, number, string, string][] = [
    ['HashGrid', 2, 1, 'Nearest', 'Hash'],
    ['HashGrid', 3, 8, 'Smoothstep', 'Hash'],
    ['DenseGrid', 2, 4, 'Linear', 'Dense'],
    ['TiledGrid', 3, 1, 'Smoothstep', 'Tiled'],
    ['Grid', 2, 2, 'Smoothstep', 'Tiled'],
  ];
  for (const [otype, nDims, nF, interpolation, type] of variants) {
    it(`${otype} ${type} ${nDims}-D F=${nF} ${interpolation}`, async () => {
      const spec = encodingFromJson(
        {
          otype,
          type,
          n_levels: 5,
          n_features_per_level: nF,
          log2_hashmap_size: 14,
          base_resolution: 8,
          per_level_scale: 1.7,
          interpolation,
        },
        nDims,
      ) as GridEncodingSpec;
      await checkAll(levelLayout(spec), 2000, 31 + nF);
    });
  }

  it('adjoint on the GPU: ⟨J·v, u⟩ = ⟨v, Jᵀ·u⟩', async () => {
    const ctx = requireGpu();
    const layout = levelLayout(encodingPreset('nsdf') as GridEncodingSpec);
    const points = testPoints(layout, 2048, 41);
    const v = randomArray(layout.nParams, 42);
    const u = randomArray(2048 * 32, 43);
    const jv = await encodeGridGpu(ctx, layout, v, points);
    const jtu = await gridParamGradGpu(ctx, layout, points, u);
    let lhs = 0;
    let rhs = 0;
    let mag = 0;
    for (let i = 0; i < u.length; i++) lhs += jv[i]! * u[i]!;
    for (let i = 0; i < v.length; i++) {
      rhs += v[i]! * jtu[i]!;
      mag += Math.abs(v[i]! * jtu[i]!);
    }
    expect(Math.abs(lhs - rhs)).toBeLessThan(1e-5 * mag);
  });

  it('fixed-point scatter (measured alternative) agrees only to its quantum', async () => {
    const ctx = requireGpu();
    const layout = levelLayout(encodingPreset('nvr') as GridEncodingSpec);
    const points = testPoints(layout, 2048, 51);
    const dLdy = randomArray(2048 * 32, 52);
    const want = gridParamGradCpu(layout, points, dLdy);
    const got = await gridParamGradGpu(ctx, layout, points, dLdy, { scatter: 'fixedPoint' });
    let worst = 0;
    for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i]! - want[i]!));
    // Quantum = 2^-floor(log2(2^30 / Σ|dL/dy|)) ≈ 6e-5 here; each of ≤ 8 adds rounds by half of it.
    // Not exact: thousands of sums, each rounded to the quantum, leave a worst error of at least a quarter quantum
    // (1.4 quanta seen); 0 would mean the fixed-point path did not run.
    expect(worst).toBeGreaterThan(2 ** -14 / 4);
    expect(worst).toBeLessThan(8 * 2 ** -14);
  });

  it('rejects a parameter array of the wrong size', async () => {
    const layout = levelLayout(encodingPreset('tiledGrid') as GridEncodingSpec);
    await expect(
      encodeGridGpu(requireGpu(), layout, new Float32Array(10), new Float32Array(3)),
    ).rejects.toThrow(/params: has 10 values, expected 33554432/);
  });

  it('agrees with gridInputGradGpu as a function', async () => {
    const layout = levelLayout(encodingPreset('denseGrid') as GridEncodingSpec);
    const params = randomArray(layout.nParams, 61);
    const points = testPoints(layout, 300, 62);
    const dLdy = randomArray(300 * 16, 63);
    expectClose(
      await gridInputGradGpu(requireGpu(), layout, params, points, dLdy),
      gridInputGradCpu(layout, params, points, dLdy),
      inputGradMagnitude(layout, 300, dLdy),
    );
  });
});
