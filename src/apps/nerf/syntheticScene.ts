// Built-in procedural NeRF scenes: textured coloured solids with view-dependent shading, ray-traced analytically on the CPU.
import { OptionError, verbatim } from '../../errors.ts';
import { NERF_WORLD_OFFSET, NERF_WORLD_SCALE, type NerfCamera, pixelRay } from './camera.ts';

type Vec3 = readonly [number, number, number];

/** A solid: a sphere (radius) or an axis-aligned box (half extents), with an albedo, a texture and a gloss. */
export interface SceneSolid {
  kind: 'sphere' | 'box';
  /** Centre in world units. */
  centre: Vec3;
  /** Sphere: [r, r, r]; box: half extents. */
  halfExtent: Vec3;
  albedo: Vec3;
  /** Second colour of the texture. */
  albedo2: Vec3;
  /** Checker cells per world unit (0 = plain). */
  checkerPerUnit: number;
  /** Blinn-Phong specular strength (view-dependent shading). */
  specular: number;
}

export interface SyntheticScene {
  name: string;
  solids: SceneSolid[];
  /** Unit vector towards the directional light (world). */
  lightDir: Vec3;
}

const norm = (v: Vec3): Vec3 => {
  const l = Math.hypot(v[0], v[1], v[2]);
  return [v[0] / l, v[1] / l, v[2] / l];
};

/** The built-in scenes by name (all inside |p| ≤ 1.3 world units, i.e. inside the unit cube after the 0.33 scale). */
export const SYNTHETIC_SCENES: Readonly<Record<string, SyntheticScene>> = {
  blocks: {
    name: 'blocks',
    lightDir: norm([0.4, -0.3, 0.85]),
    solids: [
      {
        kind: 'box',
        centre: [0, 0, -0.62],
        halfExtent: [1.0, 1.0, 0.08],
        albedo: [0.85, 0.85, 0.8],
        albedo2: [0.3, 0.55, 0.3],
        checkerPerUnit: 2.5,
        specular: 0.05,
      },
      {
        kind: 'sphere',
        centre: [0.42, -0.32, -0.1],
        halfExtent: [0.42, 0.42, 0.42],
        albedo: [0.9, 0.2, 0.15],
        albedo2: [0.95, 0.8, 0.2],
        checkerPerUnit: 5,
        specular: 0.5,
      },
      {
        kind: 'box',
        centre: [-0.42, 0.35, -0.14],
        halfExtent: [0.3, 0.28, 0.4],
        albedo: [0.15, 0.35, 0.9],
        albedo2: [0.9, 0.9, 0.95],
        checkerPerUnit: 4,
        specular: 0.2,
      },
      {
        kind: 'sphere',
        centre: [0.15, 0.55, 0.45],
        halfExtent: [0.2, 0.2, 0.2],
        albedo: [0.95, 0.85, 0.1],
        albedo2: [0.95, 0.85, 0.1],
        checkerPerUnit: 0,
        specular: 0.8,
      },
    ],
  },
  sphere: {
    name: 'sphere',
    lightDir: norm([0.3, -0.4, 0.85]),
    solids: [
      {
        kind: 'sphere',
        centre: [0, 0, 0],
        halfExtent: [0.7, 0.7, 0.7],
        albedo: [0.85, 0.3, 0.2],
        albedo2: [0.2, 0.6, 0.9],
        checkerPerUnit: 3,
        specular: 0.4,
      },
    ],
  },
};

/** The named scene, or an OptionError listing the names. */
export function syntheticScene(name: string): SyntheticScene {
  const scene = SYNTHETIC_SCENES[name];
  if (!scene) {
    throw new OptionError(
      'synthetic',
      verbatim(JSON.stringify(name)),
      `expected one of ${Object.keys(SYNTHETIC_SCENES).join(', ')}`,
    );
  }
  return scene;
}

/** Ray-solid intersection: entry distance (> 1e-9) or +∞, with the outward normal written to `n`. */
function intersect(s: SceneSolid, o: Vec3, d: Vec3, n: number[]): number {
  const ox = o[0] - s.centre[0];
  const oy = o[1] - s.centre[1];
  const oz = o[2] - s.centre[2];
  if (s.kind === 'sphere') {
    const r = s.halfExtent[0];
    const b = ox * d[0] + oy * d[1] + oz * d[2];
    const c = ox * ox + oy * oy + oz * oz - r * r;
    const disc = b * b - c;
    if (disc < 0) return Number.POSITIVE_INFINITY;
    const t = -b - Math.sqrt(disc);
    if (t <= 1e-9) return Number.POSITIVE_INFINITY;
    n[0] = (ox + t * d[0]) / r;
    n[1] = (oy + t * d[1]) / r;
    n[2] = (oz + t * d[2]) / r;
    return t;
  }
  let tNear = Number.NEGATIVE_INFINITY;
  let tFar = Number.POSITIVE_INFINITY;
  let axis = 0;
  const oc = [ox, oy, oz];
  for (let k = 0; k < 3; k++) {
    const inv = 1 / d[k]!;
    let t0 = (-s.halfExtent[k]! - oc[k]!) * inv;
    let t1 = (s.halfExtent[k]! - oc[k]!) * inv;
    if (t0 > t1) [t0, t1] = [t1, t0];
    if (t0 > tNear) {
      tNear = t0;
      axis = k;
    }
    tFar = Math.min(tFar, t1);
  }
  if (tNear > tFar || tNear <= 1e-9) return Number.POSITIVE_INFINITY;
  n[0] = n[1] = n[2] = 0;
  n[axis] = d[axis]! > 0 ? -1 : 1;
  return tNear;
}

/** The shaded colour of the first solid a world-space ray hits, or null (Lambert + ambient + Blinn-Phong). */
export function shadeRay(scene: SyntheticScene, o: Vec3, d: Vec3): [number, number, number] | null {
  let best = Number.POSITIVE_INFINITY;
  let hit: SceneSolid | null = null;
  const n = [0, 0, 0];
  const bestN = [0, 0, 0];
  for (const s of scene.solids) {
    const t = intersect(s, o, d, n);
    if (t < best) {
      best = t;
      hit = s;
      bestN[0] = n[0]!;
      bestN[1] = n[1]!;
      bestN[2] = n[2]!;
    }
  }
  if (!hit) return null;
  const p = [o[0] + best * d[0], o[1] + best * d[1], o[2] + best * d[2]];
  let albedo = hit.albedo;
  if (hit.checkerPerUnit > 0) {
    const k = hit.checkerPerUnit;
    const parity =
      (Math.floor(p[0]! * k + 1e-7) + Math.floor(p[1]! * k + 1e-7) + Math.floor(p[2]! * k + 1e-7)) & 1;
    if (parity) albedo = hit.albedo2;
  }
  const l = scene.lightDir;
  const ndl = Math.max(0, bestN[0]! * l[0] + bestN[1]! * l[1] + bestN[2]! * l[2]);
  // Half vector between the light and the viewer (−d): the highlight moves with the camera.
  const h = norm([l[0] - d[0], l[1] - d[1], l[2] - d[2]]);
  const ndh = Math.max(0, bestN[0]! * h[0] + bestN[1]! * h[1] + bestN[2]! * h[2]);
  const spec = hit.specular * ndh ** 24;
  const c = (a: number) => Math.min(1, a * (0.3 + 0.7 * ndl) + spec);
  return [c(albedo[0]), c(albedo[1]), c(albedo[2])];
}

/** An RGBA image, straight (not premultiplied) alpha, row-major from the top row, values in [0, 1]. */
export interface RgbaImage {
  widthPx: number;
  heightPx: number;
  /** heightPx × widthPx × 4. */
  rgba: Float32Array;
}

/** Sub-pixel samples per axis of the analytic render (2×2 supersampling: soft edges and coverage alpha). */
const SUPERSAMPLE = 2;

/** Renders a scene from a camera: 2×2 supersampled, alpha = coverage, rgb = mean colour of the covered samples. */
export function renderSyntheticView(scene: SyntheticScene, camera: NerfCamera): RgbaImage {
  const { widthPx, heightPx } = camera;
  const rgba = new Float32Array(widthPx * heightPx * 4);
  const ray = new Float64Array(6);
  for (let y = 0; y < heightPx; y++) {
    for (let x = 0; x < widthPx; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let hits = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const off = (s: number) => (s + 0.5) / SUPERSAMPLE - 0.5;
          pixelRay(camera, x + off(sx), y + off(sy), ray);
          // pixelRay works in the unit cube; undo its affine map for the world-space origin.
          const o: Vec3 = [
            (ray[0]! - NERF_WORLD_OFFSET) / NERF_WORLD_SCALE,
            (ray[1]! - NERF_WORLD_OFFSET) / NERF_WORLD_SCALE,
            (ray[2]! - NERF_WORLD_OFFSET) / NERF_WORLD_SCALE,
          ];
          const c = shadeRay(scene, o, [ray[3]!, ray[4]!, ray[5]!]);
          if (c) {
            r += c[0];
            g += c[1];
            b += c[2];
            hits++;
          }
        }
      }
      const i = 4 * (y * widthPx + x);
      if (hits > 0) {
        rgba[i] = r / hits;
        rgba[i + 1] = g / hits;
        rgba[i + 2] = b / hits;
      }
      rgba[i + 3] = hits / (SUPERSAMPLE * SUPERSAMPLE);
    }
  }
  return { widthPx, heightPx, rgba };
}

/** Whether a point of the network's unit cube lies inside a solid grown by `marginWorld` (an analytic occupancy). */
export function sceneOccupiedAt(scene: SyntheticScene, pUnit: Vec3, marginWorld = 0): boolean {
  const p = pUnit.map((v) => (v - NERF_WORLD_OFFSET) / NERF_WORLD_SCALE);
  for (const s of scene.solids) {
    const dx = p[0]! - s.centre[0];
    const dy = p[1]! - s.centre[1];
    const dz = p[2]! - s.centre[2];
    if (s.kind === 'sphere') {
      if (Math.hypot(dx, dy, dz) <= s.halfExtent[0] + marginWorld) return true;
    } else if (
      Math.abs(dx) <= s.halfExtent[0] + marginWorld &&
      Math.abs(dy) <= s.halfExtent[1] + marginWorld &&
      Math.abs(dz) <= s.halfExtent[2] + marginWorld
    ) {
      return true;
    }
  }
  return false;
}
