// NSDF built-in shapes: analytic signed distances in the unit cube (sphere, torus, box exact; csg a bound off-surface).
import { OptionError, verbatim } from '../../errors.ts';

/** Signed distance at (x, y, z), negative inside, in unit-cube lengths. */
export type SdfFn = (x: number, y: number, z: number) => number;

export interface AnalyticShape {
  sdf: SdfFn;
  /** Longest side of the shape's axis-aligned bounding box (the "bounding box" SDF errors are quoted against). */
  bboxSideLength: number;
}

const sphere = (x: number, y: number, z: number, r: number) => Math.hypot(x - 0.5, y - 0.5, z - 0.5) - r;

function box(x: number, y: number, z: number, hx: number, hy: number, hz: number): number {
  const qx = Math.abs(x - 0.5) - hx;
  const qy = Math.abs(y - 0.5) - hy;
  const qz = Math.abs(z - 0.5) - hz;
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0), Math.max(qz, 0));
  return outside + Math.min(Math.max(qx, qy, qz), 0);
}

/** Torus in the xz plane around the cube centre. */
function torus(x: number, y: number, z: number, major: number, minor: number): number {
  const q = Math.hypot(x - 0.5, z - 0.5) - major;
  return Math.hypot(q, y - 0.5) - minor;
}

const SHAPES: Readonly<Record<string, AnalyticShape>> = {
  sphere: { sdf: (x, y, z) => sphere(x, y, z, 0.35), bboxSideLength: 0.7 },
  torus: { sdf: (x, y, z) => torus(x, y, z, 0.28, 0.1), bboxSideLength: 0.76 },
  box: { sdf: (x, y, z) => box(x, y, z, 0.3, 0.22, 0.26), bboxSideLength: 0.6 },
  /** A box with a spherical bite taken out, unioned with a torus around it: min/max of exact SDFs. */
  csg: {
    sdf: (x, y, z) =>
      Math.min(
        Math.max(box(x, y, z, 0.22, 0.22, 0.22), -sphere(x, y - 0.12, z, 0.2)),
        torus(x, y, z, 0.32, 0.06),
      ),
    bboxSideLength: 0.76,
  },
};

export const SHAPE_NAMES = Object.keys(SHAPES).sort();

/** The built-in shape `name`; an unknown name lists the choices. */
export function analyticShape(name: string, option = 'shape'): AnalyticShape {
  const s = SHAPES[name];
  if (!s) {
    throw new OptionError(
      option,
      verbatim(JSON.stringify(name)),
      (n) => `expected one of ${SHAPE_NAMES.join(', ')}, or ${n('mesh')} FILE.obj`,
    );
  }
  return s;
}
