import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normaliseMesh, parseObj, torusObj } from '../../src/apps/nsdf/mesh.ts';
import {
  bruteForceDistance,
  buildMeshBvh,
  bvhDistance,
  meshSignedDistance,
} from '../../src/apps/nsdf/meshDistance.ts';
import { nsdfSampler, nsdfTarget, trainNsdfApp } from '../../src/apps/nsdf/nsdfApp.ts';
import { nsdfAdamSpec, nsdfGridSpec, nsdfMlpSpec } from '../../src/apps/nsdf/nsdfConfig.ts';
import { sphereTrace } from '../../src/apps/nsdf/nsdfRender.ts';
import { meshTarget, sdfSamples, shapeTarget } from '../../src/apps/nsdf/sdfTarget.ts';
import { analyticShape } from '../../src/apps/nsdf/shapes.ts';
import { fitField } from '../../src/apps/shared/fieldFit.ts';
import { cpuFieldQuery, gpuFieldQuery } from '../../src/apps/shared/fieldQuery.ts';
import { DEFAULT_ORBIT_CAMERA } from '../../src/apps/shared/orbitCamera.ts';
import { seededRng } from '../../src/encoding/rng.ts';
import { cli, cliOnModel } from '../helpers/cli.ts';
import { gpu, requireGpu } from '../helpers/gpu.ts';

const dir = mkdtempSync(join(tmpdir(), 'ngpc-nsdf-'));

describe('NSDF ground truth', () => {
  const mesh = normaliseMesh(parseObj(torusObj(24, 12), 'torus.obj'));
  const bvh = buildMeshBvh(mesh);

  it('the BVH distance equals the brute-force distance on random points (exact: same triangle routine)', () => {
    const rng = seededRng(1);
    for (let i = 0; i < 300; i++) {
      const [x, y, z] = [rng.next(), rng.next(), rng.next()];
      expect(bvhDistance(bvh, x, y, z)).toBe(bruteForceDistance(mesh, x, y, z));
    }
  });

  it('the sign by ray parity agrees with the analytic torus away from the surface', () => {
    // torusObj: major 1, minor 0.4, normalised so its 2.8-long side is 0.8.
    const s = 0.8 / 2.8;
    const rng = seededRng(2);
    for (let i = 0; i < 300; i++) {
      const [x, y, z] = [rng.next(), rng.next(), rng.next()];
      const exact = Math.hypot(Math.hypot(x - 0.5, z - 0.5) - s, y - 0.5) - 0.4 * s;
      // The faceted mesh lies within ~0.01 of the smooth torus at this tessellation.
      if (Math.abs(exact) > 0.02) expect(Math.sign(meshSignedDistance(bvh, x, y, z))).toBe(Math.sign(exact));
    }
  });

  it('analytic shapes are exact and surface samples lie on the surface', () => {
    expect(analyticShape('sphere').sdf(0.5, 0.5, 0.5)).toBeCloseTo(-0.35, 12);
    expect(analyticShape('box').sdf(0.9, 0.5, 0.5)).toBeCloseTo(0.1, 12);
    expect(() => analyticShape('bunny')).toThrow(/expected one of box, csg, sphere, torus/);
    const t = shapeTarget('torus');
    const rng = seededRng(3);
    for (let i = 0; i < 50; i++) expect(Math.abs(t.distance(...t.surfacePoint(rng)))).toBeLessThan(1e-6);
    const m = meshTarget(parseObj(torusObj(24, 12), 'torus.obj'));
    const { positions, distances } = sdfSamples(m, seededRng(4), 400);
    expect(positions.every((p) => p >= 0 && p <= 1)).toBe(true);
    expect(distances.filter((d) => d === 0).length).toBeGreaterThan(120);
  });

  it('a corrupt OBJ, a missing mesh or an unknown shape exits 2 without writing a model', async () => {
    const out = join(dir, 'bad.ngpc');
    writeFileSync(join(dir, 'corrupt.obj'), 'v 0 0 0\nv 1 0 0\nf 1 2 9\n');
    const corrupt = await cli('train', '--app', 'nsdf', '--mesh', join(dir, 'corrupt.obj'), '--out', out);
    expect(corrupt.code).toBe(2);
    expect(corrupt.stderr).toMatch(
      /corrupt\.obj:3: face index "9" is not a vertex defined so far \(1\.\.2\)/,
    );
    writeFileSync(join(dir, 'empty.obj'), '# nothing\nv 0 0 0\n');
    const empty = await cli('train', '--app', 'nsdf', '--mesh', join(dir, 'empty.obj'), '--out', out);
    expect(empty.stderr).toMatch(/empty\.obj: no faces/);
    const missing = await cli('train', '--app', 'nsdf', '--mesh', join(dir, 'none.obj'), '--out', out);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/none\.obj: cannot read mesh \(ENOENT\)/);
    const both = await cli('train', '--app', 'nsdf', '--shape', 'bunny', '--out', out);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--shape "bunny": expected one of/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.startsWith('.ngpc-tmp'))).toEqual([]);
  });
});

describe.skipIf(!gpu)('NSDF on the GPU', () => {
  it('MAPE training on a tiny sphere lowers the loss; GPU sphere tracing matches the CPU reference', async () => {
    const ctx = requireGpu();
    const gridSpec = nsdfGridSpec(12, 64);
    const mlpSpec = nsdfMlpSpec(32);
    const { params, lossCurve } = await fitField(ctx, {
      gridSpec,
      mlpSpec,
      adam: nsdfAdamSpec(),
      loss: 'MAPE',
      steps: 40,
      batchSize: 2048,
      seed: 1,
      sampler: nsdfSampler(shapeTarget('sphere'), 1, 8192),
      reportEvery: 5,
    });
    expect(lossCurve.at(-1)![1]).toBeLessThan(0.7 * lossCurve[0]![1]);
    const model = { header: { app: 'nsdf', scene: {} }, gridSpec, mlpSpec, params } as never;
    const field = gpuFieldQuery(ctx, model);
    try {
      const got = await sphereTrace(field.query, DEFAULT_ORBIT_CAMERA, 12, 10);
      const want = await sphereTrace(cpuFieldQuery(model), DEFAULT_ORBIT_CAMERA, 12, 10);
      // Hit/miss decisions can flip at a threshold between f32 and f64 fields: compare per pixel, allowing a few.
      let off = 0;
      for (let i = 0; i < got.image.rgb.length; i++)
        if (Math.abs(got.image.rgb[i]! - want.image.rgb[i]!) > 1e-2) off++;
      expect(off).toBeLessThanOrEqual(6);
      // The same few flips decide the hit count; the sphere covers most of the 12×10 frame but not its corners (85).
      expect(Math.abs(got.hits - want.hits)).toBeLessThanOrEqual(6);
      expect(want.hits).toBeGreaterThanOrEqual(30);
      expect(want.hits).toBeLessThanOrEqual(110);
    } finally {
      field.destroy();
    }
  });
});

describe.skipIf(!gpu)('ngpc render / profile --app nsdf (tiny model)', () => {
  it('trains on a mesh, sphere-traces it and writes a measured workload', async () => {
    const obj = join(dir, 'torus.obj');
    writeFileSync(obj, torusObj(16, 8));
    const model = join(dir, 'tiny.ngpc');
    const summary = await trainNsdfApp(requireGpu(), nsdfTarget(undefined, obj), {
      steps: 3,
      batchSize: 256,
      seed: 1,
      out: model,
      date: '2026-11-29',
      poolPoints: 1024,
      evalPoints: 256,
    });
    // Three steps leave a measurable error (8.6e-4 seen; 0 would mean the field was compared with itself), far
    // below the torus's size (the evaluation points lie in its box, of side ≈ 1).
    expect(summary.meanAbsError).toBeGreaterThan(1e-5);
    expect(summary.meanAbsError).toBeLessThan(0.1);
    const png = join(dir, 'tiny.png');
    const tiny = { app: 'nsdf', model, resolution: '8x6' };
    const r = await cliOnModel('render', { ...tiny, out: png });
    expect(r.code).toBe(0);
    expect(existsSync(png)).toBe(true);
    const p = await cliOnModel('profile', { ...tiny, out: join(dir, 'nsdf.json') }, '--json');
    expect(p.code).toBe(0);
    // Sphere tracing takes at least one step per pixel and at most maxSteps = 256 (4.5 seen).
    const spp = JSON.parse(p.stdout).samplesPerPixel.value;
    expect(spp).toBeGreaterThanOrEqual(1);
    expect(spp).toBeLessThanOrEqual(256);
    const wrong = await cliOnModel('render', { ...tiny, app: 'nvr', out: join(dir, 'x.png') });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/model is a nsdf model; --app nvr needs an NVR model/);
    expect(existsSync(join(dir, 'x.png'))).toBe(false);
  });
});
