// The orbit camera NVR and NSDF renders use: eye on a sphere around the unit cube's centre, pinhole rays per pixel.
import { OptionError } from '../../errors.ts';

/** Eye at `distance` from (0.5, 0.5, 0.5), `azimuthDeg` about +y, `elevationDeg` above the xz plane; +y is up. */
export interface OrbitCamera {
  azimuthDeg: number;
  elevationDeg: number;
  distance: number;
  fovYDeg: number;
}

export const DEFAULT_ORBIT_CAMERA: OrbitCamera = {
  azimuthDeg: 35,
  elevationDeg: 25,
  distance: 1.9,
  fovYDeg: 40,
};

/** Parses `--camera az,el[,distance[,fovY]]` (degrees, unit-cube lengths). */
export function parseOrbitCamera(text: string, option = 'camera'): OrbitCamera {
  const v = text.split(',').map(Number);
  const [az, el, dist = DEFAULT_ORBIT_CAMERA.distance, fov = DEFAULT_ORBIT_CAMERA.fovYDeg] = v;
  if (
    v.length < 2 ||
    v.length > 4 ||
    v.some((x) => !Number.isFinite(x)) ||
    Math.abs(el!) >= 90 ||
    !(dist > 0.9) ||
    !(fov > 0 && fov < 170)
  ) {
    throw new OptionError(
      option,
      text,
      'expected azimuthDeg,elevationDeg[,distance[,fovYDeg]] with |elevation| < 90, distance > 0.9 (outside the unit cube) and 0 < fov < 170, e.g. 35,25,1.9',
    );
  }
  return { azimuthDeg: az!, elevationDeg: el!, distance: dist, fovYDeg: fov };
}

/** Rays through the pixel centres (row-major, top row first): origins and unit directions, N × 3 each. */
export function orbitRays(
  camera: OrbitCamera,
  widthPx: number,
  heightPx: number,
): { origins: Float64Array; dirs: Float64Array } {
  const az = (camera.azimuthDeg * Math.PI) / 180;
  const el = (camera.elevationDeg * Math.PI) / 180;
  const eye = [
    0.5 + camera.distance * Math.cos(el) * Math.sin(az),
    0.5 + camera.distance * Math.sin(el),
    0.5 + camera.distance * Math.cos(el) * Math.cos(az),
  ];
  const fwd = normalise([0.5 - eye[0]!, 0.5 - eye[1]!, 0.5 - eye[2]!]);
  const right = normalise(cross(fwd, [0, 1, 0]));
  const up = cross(right, fwd);
  const tanHalf = Math.tan((camera.fovYDeg * Math.PI) / 360);
  const n = widthPx * heightPx;
  const origins = new Float64Array(n * 3);
  const dirs = new Float64Array(n * 3);
  for (let y = 0; y < heightPx; y++) {
    for (let x = 0; x < widthPx; x++) {
      const i = y * widthPx + x;
      const sx = ((2 * (x + 0.5)) / widthPx - 1) * tanHalf * (widthPx / heightPx);
      const sy = (1 - (2 * (y + 0.5)) / heightPx) * tanHalf;
      const d = normalise([0, 1, 2].map((k) => fwd[k]! + sx * right[k]! + sy * up[k]!));
      for (let k = 0; k < 3; k++) {
        origins[3 * i + k] = eye[k]!;
        dirs[3 * i + k] = d[k]!;
      }
    }
  }
  return { origins, dirs };
}

/** Entry and exit distances of a ray through the unit cube [0,1]³, or null when it misses. */
export function unitCubeSpan(
  origins: Float64Array,
  dirs: Float64Array,
  ray: number,
): [number, number] | null {
  let t0 = 0;
  let t1 = Number.POSITIVE_INFINITY;
  for (let k = 0; k < 3; k++) {
    const o = origins[3 * ray + k]!;
    const inv = 1 / dirs[3 * ray + k]!;
    let a = (0 - o) * inv;
    let b = (1 - o) * inv;
    if (a > b) [a, b] = [b, a];
    t0 = Math.max(t0, a);
    t1 = Math.min(t1, b);
  }
  return t0 < t1 ? [t0, t1] : null;
}

function cross(a: number[], b: number[]): number[] {
  return [a[1]! * b[2]! - a[2]! * b[1]!, a[2]! * b[0]! - a[0]! * b[2]!, a[0]! * b[1]! - a[1]! * b[0]!];
}

function normalise(a: number[]): number[] {
  const l = Math.hypot(a[0]!, a[1]!, a[2]!);
  return a.map((v) => v / l);
}
