// Exact signed distance to a triangle mesh on the CPU: a BVH for the closest point, sign by ray-crossing parity.
import type { TriangleMesh } from './mesh.ts';

const LEAF_TRIANGLES = 4;

/** A bounding-volume hierarchy over a mesh's triangles (median split on the longest centroid axis). */
export interface MeshBvh {
  mesh: TriangleMesh;
  /** Per node: min xyz, max xyz. */
  bounds: Float64Array;
  /** Per node: first child (internal) or first entry of `order` (leaf). */
  first: Uint32Array;
  /** Per node: 0 for an internal node (children first, first + 1), else its triangle count. */
  count: Uint32Array;
  /** Triangle indices in leaf order. */
  order: Uint32Array;
}

export function buildMeshBvh(mesh: TriangleMesh): MeshBvh {
  const nTri = mesh.triangles.length / 3;
  const v = mesh.vertices;
  const t = mesh.triangles;
  const centroid = new Float64Array(nTri * 3);
  for (let i = 0; i < nTri; i++) {
    for (let k = 0; k < 3; k++)
      centroid[3 * i + k] =
        (v[3 * t[3 * i]! + k]! + v[3 * t[3 * i + 1]! + k]! + v[3 * t[3 * i + 2]! + k]!) / 3;
  }
  const order = Uint32Array.from({ length: nTri }, (_, i) => i);
  const maxNodes = 2 * nTri;
  const bounds = new Float64Array(maxNodes * 6);
  const first = new Uint32Array(maxNodes);
  const count = new Uint32Array(maxNodes);
  let nNodes = 1;
  const stack: [number, number, number][] = [[0, 0, nTri]];
  while (stack.length > 0) {
    const [node, start, end] = stack.pop()!;
    const lo = [Infinity, Infinity, Infinity];
    const hi = [-Infinity, -Infinity, -Infinity];
    for (let i = start; i < end; i++) {
      for (let c = 0; c < 3; c++) {
        const p = t[3 * order[i]! + c]!;
        for (let k = 0; k < 3; k++) {
          lo[k] = Math.min(lo[k]!, v[3 * p + k]!);
          hi[k] = Math.max(hi[k]!, v[3 * p + k]!);
        }
      }
    }
    bounds.set([...lo, ...hi], node * 6);
    if (end - start <= LEAF_TRIANGLES) {
      first[node] = start;
      count[node] = end - start;
      continue;
    }
    const axis = [0, 1, 2].reduce((a, k) => (hi[k]! - lo[k]! > hi[a]! - lo[a]! ? k : a), 0);
    const part = Array.from(order.subarray(start, end)).sort(
      (a, b) => centroid[3 * a + axis]! - centroid[3 * b + axis]!,
    );
    order.set(part, start);
    const mid = (start + end) >> 1;
    first[node] = nNodes;
    count[node] = 0;
    stack.push([nNodes, start, mid], [nNodes + 1, mid, end]);
    nNodes += 2;
  }
  return {
    mesh,
    bounds: bounds.slice(0, nNodes * 6),
    first: first.slice(0, nNodes),
    count: count.slice(0, nNodes),
    order,
  };
}

/** Squared distance from p to triangle `tri` (Ericson, Real-Time Collision Detection §5.1.5). */
export function triangleDistanceSq(
  mesh: TriangleMesh,
  tri: number,
  px: number,
  py: number,
  pz: number,
): number {
  const v = mesh.vertices;
  const ia = 3 * mesh.triangles[3 * tri]!;
  const ib = 3 * mesh.triangles[3 * tri + 1]!;
  const ic = 3 * mesh.triangles[3 * tri + 2]!;
  const ax = v[ia]!,
    ay = v[ia + 1]!,
    az = v[ia + 2]!;
  const abx = v[ib]! - ax,
    aby = v[ib + 1]! - ay,
    abz = v[ib + 2]! - az;
  const acx = v[ic]! - ax,
    acy = v[ic + 1]! - ay,
    acz = v[ic + 2]! - az;
  const apx = px - ax,
    apy = py - ay,
    apz = pz - az;
  const d1 = abx * apx + aby * apy + abz * apz;
  const d2 = acx * apx + acy * apy + acz * apz;
  const at = (s: number, u: number): number => {
    const qx = ax + s * abx + u * acx - px;
    const qy = ay + s * aby + u * acy - py;
    const qz = az + s * abz + u * acz - pz;
    return qx * qx + qy * qy + qz * qz;
  };
  if (d1 <= 0 && d2 <= 0) return at(0, 0);
  const bpx = px - ax - abx,
    bpy = py - ay - aby,
    bpz = pz - az - abz;
  const d3 = abx * bpx + aby * bpy + abz * bpz;
  const d4 = acx * bpx + acy * bpy + acz * bpz;
  if (d3 >= 0 && d4 <= d3) return at(1, 0);
  const vc = d1 * d4 - d3 * d2;
  if (vc <= 0 && d1 >= 0 && d3 <= 0) return at(d1 / (d1 - d3), 0);
  const cpx = px - ax - acx,
    cpy = py - ay - acy,
    cpz = pz - az - acz;
  const d5 = abx * cpx + aby * cpy + abz * cpz;
  const d6 = acx * cpx + acy * cpy + acz * cpz;
  if (d6 >= 0 && d5 <= d6) return at(0, 1);
  const vb = d5 * d2 - d1 * d6;
  if (vb <= 0 && d2 >= 0 && d6 <= 0) return at(0, d2 / (d2 - d6));
  const va = d3 * d6 - d5 * d4;
  if (va <= 0 && d4 - d3 >= 0 && d5 - d6 >= 0) {
    const w = (d4 - d3) / (d4 - d3 + (d5 - d6));
    return at(1 - w, w);
  }
  const denom = 1 / (va + vb + vc);
  return at(vb * denom, vc * denom);
}

function boxDistanceSq(b: Float64Array, node: number, px: number, py: number, pz: number): number {
  const o = node * 6;
  const dx = Math.max(b[o]! - px, 0, px - b[o + 3]!);
  const dy = Math.max(b[o + 1]! - py, 0, py - b[o + 4]!);
  const dz = Math.max(b[o + 2]! - pz, 0, pz - b[o + 5]!);
  return dx * dx + dy * dy + dz * dz;
}

/** Unsigned distance to the mesh, pruned by the BVH (nearer child first). */
export function bvhDistance(bvh: MeshBvh, px: number, py: number, pz: number): number {
  let best = Infinity;
  const stack = [0];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (boxDistanceSq(bvh.bounds, node, px, py, pz) >= best) continue;
    const n = bvh.count[node]!;
    if (n > 0) {
      for (let i = bvh.first[node]!; i < bvh.first[node]! + n; i++) {
        best = Math.min(best, triangleDistanceSq(bvh.mesh, bvh.order[i]!, px, py, pz));
      }
      continue;
    }
    const a = bvh.first[node]!;
    const da = boxDistanceSq(bvh.bounds, a, px, py, pz);
    const db = boxDistanceSq(bvh.bounds, a + 1, px, py, pz);
    if (da < db) stack.push(a + 1, a);
    else stack.push(a, a + 1);
  }
  return Math.sqrt(best);
}

/** The same distance by testing every triangle (the reference the BVH is checked against). */
export function bruteForceDistance(mesh: TriangleMesh, px: number, py: number, pz: number): number {
  let best = Infinity;
  for (let i = 0; i < mesh.triangles.length / 3; i++)
    best = Math.min(best, triangleDistanceSq(mesh, i, px, py, pz));
  return Math.sqrt(best);
}

/** Crossings of the ray p + t·d (t > 0) with the mesh (Möller–Trumbore), BVH-culled by slab tests. */
function bvhCrossings(bvh: MeshBvh, p: number[], d: number[]): number {
  const v = bvh.mesh.vertices;
  const tri = bvh.mesh.triangles;
  const inv = d.map((x) => 1 / x);
  let hits = 0;
  const stack = [0];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const o = node * 6;
    let t0 = 0;
    let t1 = Infinity;
    for (let k = 0; k < 3; k++) {
      let a = (bvh.bounds[o + k]! - p[k]!) * inv[k]!;
      let b = (bvh.bounds[o + 3 + k]! - p[k]!) * inv[k]!;
      if (a > b) [a, b] = [b, a];
      t0 = Math.max(t0, a);
      t1 = Math.min(t1, b);
    }
    if (t0 > t1) continue;
    const n = bvh.count[node]!;
    if (n === 0) {
      stack.push(bvh.first[node]!, bvh.first[node]! + 1);
      continue;
    }
    for (let i = bvh.first[node]!; i < bvh.first[node]! + n; i++) {
      const t = bvh.order[i]!;
      const a = 3 * tri[3 * t]!;
      const b = 3 * tri[3 * t + 1]!;
      const c = 3 * tri[3 * t + 2]!;
      const e1 = [v[b]! - v[a]!, v[b + 1]! - v[a + 1]!, v[b + 2]! - v[a + 2]!];
      const e2 = [v[c]! - v[a]!, v[c + 1]! - v[a + 1]!, v[c + 2]! - v[a + 2]!];
      const h = [
        d[1]! * e2[2]! - d[2]! * e2[1]!,
        d[2]! * e2[0]! - d[0]! * e2[2]!,
        d[0]! * e2[1]! - d[1]! * e2[0]!,
      ];
      const det = e1[0]! * h[0]! + e1[1]! * h[1]! + e1[2]! * h[2]!;
      if (Math.abs(det) < 1e-18) continue;
      const f = 1 / det;
      const s = [p[0]! - v[a]!, p[1]! - v[a + 1]!, p[2]! - v[a + 2]!];
      const u = f * (s[0]! * h[0]! + s[1]! * h[1]! + s[2]! * h[2]!);
      if (u < 0 || u > 1) continue;
      const q = [
        s[1]! * e1[2]! - s[2]! * e1[1]!,
        s[2]! * e1[0]! - s[0]! * e1[2]!,
        s[0]! * e1[1]! - s[1]! * e1[0]!,
      ];
      const w = f * (d[0]! * q[0]! + d[1]! * q[1]! + d[2]! * q[2]!);
      if (w < 0 || u + w > 1) continue;
      if (f * (e2[0]! * q[0]! + e2[1]! * q[1]! + e2[2]! * q[2]!) > 0) hits++;
    }
  }
  return hits;
}

/** Three fixed, non-axis-aligned directions: a majority vote of their crossing parities decides inside. */
const SIGN_RAYS = [
  [0.5773, 0.5774, 0.5775],
  [-0.6123, 0.3536, 0.7072],
  [0.2673, -0.8018, 0.5345],
];

/** Signed distance (negative inside a closed mesh): BVH closest distance, sign by ray parity majority of 3 rays. */
export function meshSignedDistance(bvh: MeshBvh, px: number, py: number, pz: number): number {
  const d = bvhDistance(bvh, px, py, pz);
  const p = [px, py, pz];
  const a = bvhCrossings(bvh, p, SIGN_RAYS[0]!) & 1;
  const b = bvhCrossings(bvh, p, SIGN_RAYS[1]!) & 1;
  const inside = a === b ? a : bvhCrossings(bvh, p, SIGN_RAYS[2]!) & 1;
  return inside ? -d : d;
}
