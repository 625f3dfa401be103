// Pinhole cameras in NeRF-synthetic conventions (camera-to-world pose, OpenGL axes) and their rays in the unit cube.
import { NgpcInputError } from '../../errors.ts';

/**
 * A pinhole camera: `pose` is the 4×4 camera-to-world matrix, row-major (NeRF-synthetic `transform_matrix`), with
 * OpenGL axes (the camera looks down −z, +y is up); `cameraAngleX` is the horizontal field of view in radians.
 */
export interface NerfCamera {
  pose: Float64Array;
  cameraAngleX: number;
  widthPx: number;
  heightPx: number;
}

/**
 * World → network unit cube: p·scale + offset. instant-ngp's NeRF-synthetic defaults are scale 0.33 and offset 0.5
 * (testbed_nerf `nerf_matrix_to_ngp`); ngpc does not apply instant-ngp's (x, y, z) → (y, z, x) axis cycle, which only
 * relabels axes.
 */
export const NERF_WORLD_SCALE = 0.33;
export const NERF_WORLD_OFFSET = 0.5;

/** Focal length in pixels from the horizontal field of view (NeRF-synthetic loaders: 0.5·W / tan(0.5·angle)). */
export function focalPx(camera: Pick<NerfCamera, 'cameraAngleX' | 'widthPx'>): number {
  return (0.5 * camera.widthPx) / Math.tan(0.5 * camera.cameraAngleX);
}

/** A camera-to-world pose looking from `eye` at `target` with world +z up (row-major 4×4, OpenGL axes). */
export function lookAtPose(eye: readonly number[], target: readonly number[]): Float64Array {
  const sub = (a: readonly number[], b: readonly number[]) => [a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!];
  const norm = (a: number[]) => {
    const l = Math.hypot(a[0]!, a[1]!, a[2]!);
    return [a[0]! / l, a[1]! / l, a[2]! / l];
  };
  const cross = (a: number[], b: number[]) => [
    a[1]! * b[2]! - a[2]! * b[1]!,
    a[2]! * b[0]! - a[0]! * b[2]!,
    a[0]! * b[1]! - a[1]! * b[0]!,
  ];
  const back = norm(sub(eye, target)); // camera +z points away from the target
  let up = [0, 0, 1];
  if (Math.abs(back[2]!) > 0.999) up = [0, 1, 0];
  const right = norm(cross(up, back));
  const trueUp = cross(back, right);
  // prettier-ignore
  return Float64Array.from([
    right[0]!,
    trueUp[0]!,
    back[0]!,
    eye[0]!,
    right[1]!,
    trueUp[1]!,
    back[1]!,
    eye[1]!,
    right[2]!,
    trueUp[2]!,
    back[2]!,
    eye[2]!,
    0,
    0,
    0,
    1,
  ]);
}

/**
 * The ray through pixel (xPx + 0.5, yPx + 0.5), top row first, in the network's unit cube: origin (3) then unit
 * direction (3). Directions are rotation-only, so the world → cube scale changes only the origin and t's unit.
 */
export function pixelRay(
  camera: NerfCamera,
  xPx: number,
  yPx: number,
  out = new Float64Array(6),
): Float64Array {
  const f = focalPx(camera);
  const cx = (xPx + 0.5 - 0.5 * camera.widthPx) / f;
  const cy = -(yPx + 0.5 - 0.5 * camera.heightPx) / f;
  const m = camera.pose;
  let dx = m[0]! * cx + m[1]! * cy - m[2]!;
  let dy = m[4]! * cx + m[5]! * cy - m[6]!;
  let dz = m[8]! * cx + m[9]! * cy - m[10]!;
  const l = Math.hypot(dx, dy, dz);
  dx /= l;
  dy /= l;
  dz /= l;
  out[0] = m[3]! * NERF_WORLD_SCALE + NERF_WORLD_OFFSET;
  out[1] = m[7]! * NERF_WORLD_SCALE + NERF_WORLD_OFFSET;
  out[2] = m[11]! * NERF_WORLD_SCALE + NERF_WORLD_OFFSET;
  out[3] = dx;
  out[4] = dy;
  out[5] = dz;
  return out;
}

/**
 * The camera packed for the GPU kernels (kernels/nerfCommon.wgsl `NerfCamera`): 16 f32 of the pose (row-major), then
 * focal, width, height and a pad. The ray is formed in f32 there; the CPU reference forms it in f64.
 */
export function cameraWords(camera: NerfCamera): Float32Array {
  const out = new Float32Array(20);
  out.set(camera.pose);
  out[16] = focalPx(camera);
  out[17] = camera.widthPx;
  out[18] = camera.heightPx;
  return out;
}

/** Rejects a malformed pose (NaN, wrong length) with the given location in the message. */
export function checkPose(pose: ArrayLike<number>, where: string): void {
  if (pose.length !== 16 || Array.from(pose).some((v) => !Number.isFinite(v))) {
    throw new NgpcInputError(`${where}: expected a 4x4 matrix of finite numbers`);
  }
}
