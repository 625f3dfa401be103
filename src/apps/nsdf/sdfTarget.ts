// What NSDF fits: an exact signed distance (analytic shape or BVH mesh query) and surface samples, and its training pool.
import type { Rng } from '../../encoding/rng.ts';
import { normaliseMesh, readObjMesh, type TriangleMesh } from './mesh.ts';
import { buildMeshBvh, meshSignedDistance } from './meshDistance.ts';
import { analyticShape } from './shapes.ts';

export interface SdfTarget {
  distance(x: number, y: number, z: number): number;
  /** A point on the surface. */
  surfacePoint(rng: Rng): [number, number, number];
  /** Longest side of the shape's bounding box (unit-cube lengths): SDF errors are quoted as a fraction of it. */
  bboxSideLength: number;
}

/** A built-in shape; surface points by projecting uniform points along the SDF gradient (Newton steps). */
export function shapeTarget(name: string): SdfTarget {
  const shape = analyticShape(name);
  const { sdf } = shape;
  const h = 1e-6;
  const surfacePoint = (rng: Rng): [number, number, number] => {
    for (;;) {
      let p = [rng.next(), rng.next(), rng.next()];
      for (let it = 0; it < 6; it++) {
        const d = sdf(p[0]!, p[1]!, p[2]!);
        const g = [0, 1, 2].map((k) => {
          const q = [...p];
          q[k]! += h;
          return (sdf(q[0]!, q[1]!, q[2]!) - d) / h;
        });
        const gl = Math.hypot(g[0]!, g[1]!, g[2]!) || 1;
        p = p.map((x, k) => x - (d * g[k]!) / gl / gl);
      }
      if (Math.abs(sdf(p[0]!, p[1]!, p[2]!)) < 1e-6 && p.every((x) => x > 0 && x < 1))
        return p as [number, number, number];
    }
  };
  return { distance: sdf, surfacePoint, bboxSideLength: shape.bboxSideLength };
}

/** A mesh normalised into the unit cube (longest side 0.8): BVH distance, ray-parity sign, area-weighted surface points. */
export function meshTarget(mesh: TriangleMesh): SdfTarget {
  const m = normaliseMesh(mesh, 0.8);
  const bvh = buildMeshBvh(m);
  const nTri = m.triangles.length / 3;
  const cumulative = new Float64Array(nTri);
  const v = m.vertices;
  let total = 0;
  const corner = (t: number, c: number) => 3 * m.triangles[3 * t + c]!;
  for (let t = 0; t < nTri; t++) {
    const [a, b, c] = [corner(t, 0), corner(t, 1), corner(t, 2)];
    const e1 = [0, 1, 2].map((k) => v[b + k]! - v[a + k]!);
    const e2 = [0, 1, 2].map((k) => v[c + k]! - v[a + k]!);
    total +=
      0.5 *
      Math.hypot(
        e1[1]! * e2[2]! - e1[2]! * e2[1]!,
        e1[2]! * e2[0]! - e1[0]! * e2[2]!,
        e1[0]! * e2[1]! - e1[1]! * e2[0]!,
      );
    cumulative[t] = total;
  }
  const surfacePoint = (rng: Rng): [number, number, number] => {
    const x = rng.next() * total;
    let lo = 0;
    let hi = nTri - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    const r1 = Math.sqrt(rng.next());
    const r2 = rng.next();
    const [a, b, c] = [corner(lo, 0), corner(lo, 1), corner(lo, 2)];
    return [0, 1, 2].map((k) => (1 - r1) * v[a + k]! + r1 * (1 - r2) * v[b + k]! + r1 * r2 * v[c + k]!) as [
      number,
      number,
      number,
    ];
  };
  return { distance: (x, y, z) => meshSignedDistance(bvh, x, y, z), surfacePoint, bboxSideLength: 0.8 };
}

export function objTarget(path: string): SdfTarget {
  return meshTarget(readObjMesh(path));
}

/** instant-ngp's perturbation of surface samples: logistic noise of scale bounding radius / 1024 (docs/sources.md#kernels-6). */
export const SURFACE_NOISE_SCALE = 0.5 / 1024;

/**
 * Wider perturbation for a share of the near-surface samples (deviation from instant-ngp): with a few hundred steps
 * instead of ~10⁴, the thin instant-ngp shell alone leaves the field a few cells off the surface noisy, and the
 * finite-difference normals of the render with it.
 */
export const WIDE_SURFACE_NOISE_SCALE = 16 * SURFACE_NOISE_SCALE;

/** A logistic random variable of the given scale (instant-ngp's surface noise), u clamped away from 0 and 1. */
function logisticNoise(rng: Rng, scale: number): number {
  const u = Math.min(1 - 1e-7, Math.max(1e-7, rng.next()));
  return scale * Math.log(u / (1 - u));
}

/**
 * N training points in shuffled order, as instant-ngp draws them (docs/sources.md#kernels-6) except for the wide shell: 4/8 on the
 * surface (target 0), 2/8 on the surface plus logistic noise of SURFACE_NOISE_SCALE, 1/8 plus noise of
 * WIDE_SURFACE_NOISE_SCALE, 1/8 uniform in the cube; positions N × 3, exact signed distances N.
 */
export function sdfSamples(
  target: SdfTarget,
  rng: Rng,
  n: number,
): { positions: Float32Array; distances: Float32Array } {
  const positions = new Float32Array(n * 3);
  const distances = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const kind = rng.next() * 8;
    let p: number[];
    let d: number;
    if (kind < 4) {
      p = target.surfacePoint(rng);
      d = 0;
    } else if (kind < 7) {
      const scale = kind < 6 ? SURFACE_NOISE_SCALE : WIDE_SURFACE_NOISE_SCALE;
      p = target.surfacePoint(rng).map((x) => Math.min(1, Math.max(0, x + logisticNoise(rng, scale))));
      d = target.distance(p[0]!, p[1]!, p[2]!);
    } else {
      p = [rng.next(), rng.next(), rng.next()];
      d = target.distance(p[0]!, p[1]!, p[2]!);
    }
    positions.set(p, 3 * i);
    distances[i] = d;
  }
  return { positions, distances };
}

/** Points near the surface (on it plus logistic noise) and their exact distances: where SDF errors are measured. */
export function nearSurfaceSamples(
  target: SdfTarget,
  rng: Rng,
  n: number,
): { positions: Float32Array; distances: Float32Array } {
  const positions = new Float32Array(n * 3);
  const distances = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const p = target
      .surfacePoint(rng)
      .map((x) => Math.min(1, Math.max(0, x + logisticNoise(rng, SURFACE_NOISE_SCALE))));
    positions.set(p, 3 * i);
    distances[i] = target.distance(p[0]!, p[1]!, p[2]!);
  }
  return { positions, distances };
}
