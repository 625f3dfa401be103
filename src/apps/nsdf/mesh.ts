// Triangle meshes for NSDF: a strict Wavefront OBJ reader, normalisation into the unit cube, and a generated torus.

import { NgpcInputError } from '../../errors.ts';
import { INPUT_MAX_BYTES, readInputFile } from '../../io/inputFile.ts';

/** Vertices (V × 3) and triangles (T × 3 vertex indices). */
export interface TriangleMesh {
  vertices: Float64Array;
  triangles: Uint32Array;
}

/** Parses `v` and `f` lines (polygons fan-triangulated, `i/t/n` and negative indices accepted); other lines ignored. */
export function parseObj(text: string, file: string): TriangleMesh {
  const vertices: number[] = [];
  const triangles: number[] = [];
  const bad = (line: number, what: string): never => {
    throw new NgpcInputError(`${file}:${line}: ${what}`);
  };
  const lines = text.split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const [tag, ...rest] = line.split(/\s+/);
    if (tag === 'v') {
      const xyz = rest.slice(0, 3).map(Number);
      if (rest.length < 3 || xyz.some((v) => !Number.isFinite(v))) bad(i + 1, `bad vertex "${line}"`);
      vertices.push(...xyz);
    } else if (tag === 'f') {
      const nv = vertices.length / 3;
      const idx = rest.map((r) => {
        const k = Number(r.split('/')[0]);
        const j = k < 0 ? nv + k : k - 1;
        if (!Number.isInteger(k) || k === 0 || j < 0 || j >= nv) {
          bad(i + 1, `face index "${r}" is not a vertex defined so far (1..${nv})`);
        }
        return j;
      });
      if (idx.length < 3) bad(i + 1, 'a face needs at least 3 vertices');
      for (let k = 1; k + 1 < idx.length; k++) triangles.push(idx[0]!, idx[k]!, idx[k + 1]!);
    }
  }
  if (triangles.length === 0) throw new NgpcInputError(`${file}: no faces (not a triangle mesh OBJ?)`);
  return { vertices: Float64Array.from(vertices), triangles: Uint32Array.from(triangles) };
}

export function readObjMesh(path: string): TriangleMesh {
  const text = readInputFile(path, { what: 'mesh', maxBytes: INPUT_MAX_BYTES.mesh }).toString('utf8');
  return parseObj(text, path);
}

/** Scales and centres a mesh (uniformly) so its bounding box's longest side is `sideLength`, centred in the unit cube. */
export function normaliseMesh(mesh: TriangleMesh, sideLength = 0.8): TriangleMesh {
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  const v = mesh.vertices;
  for (let i = 0; i < v.length; i++) {
    lo[i % 3] = Math.min(lo[i % 3]!, v[i]!);
    hi[i % 3] = Math.max(hi[i % 3]!, v[i]!);
  }
  const extent = Math.max(hi[0]! - lo[0]!, hi[1]! - lo[1]!, hi[2]! - lo[2]!);
  if (!(extent > 0)) throw new NgpcInputError('mesh has zero extent');
  const s = sideLength / extent;
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = 0.5 + (v[i]! - 0.5 * (lo[i % 3]! + hi[i % 3]!)) * s;
  return { vertices: out, triangles: mesh.triangles };
}

/** OBJ text of a closed, outward-wound torus (major radius 1, minor `minor`) with nu × nv quads (2·nu·nv triangles). */
export function torusObj(nu = 48, nv = 24, minor = 0.4): string {
  const lines = ['# ngpc generated torus'];
  for (let i = 0; i < nu; i++) {
    const u = (2 * Math.PI * i) / nu;
    for (let j = 0; j < nv; j++) {
      const w = (2 * Math.PI * j) / nv;
      const r = 1 + minor * Math.cos(w);
      lines.push(
        `v ${(r * Math.cos(u)).toFixed(6)} ${(minor * Math.sin(w)).toFixed(6)} ${(r * Math.sin(u)).toFixed(6)}`,
      );
    }
  }
  const id = (i: number, j: number) => (i % nu) * nv + (j % nv) + 1;
  for (let i = 0; i < nu; i++) {
    for (let j = 0; j < nv; j++) {
      lines.push(
        `f ${id(i, j)} ${id(i, j + 1)} ${id(i + 1, j + 1)}`,
        `f ${id(i, j)} ${id(i + 1, j + 1)} ${id(i + 1, j)}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
