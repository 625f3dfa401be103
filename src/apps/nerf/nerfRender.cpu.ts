// Exact CPU reference NeRF render: march each pixel's ray, evaluate the network in f64, composite (docs/sources.md#kernels-5-3–5.4).
import type { RgbImage } from '../../io/png.ts';
import { type NerfCamera, pixelRay } from './camera.ts';
import { compositeRender } from './composite.cpu.ts';
import { type NerfNetworkSpec, type NerfParams, nerfForwardCpu } from './nerfNetwork.ts';
import type { OccupancySpec } from './occupancyGrid.ts';
import { type MarchSpec, marchRayCpu, rayPoint } from './raymarch.ts';

/** What a renderer needs besides the camera: the network, its occupancy bitfield and the marching rules. */
export interface NerfScene {
  network: NerfNetworkSpec;
  params: NerfParams;
  occupancy: OccupancySpec;
  bitfield: Uint32Array;
  march: MarchSpec;
  /** Background colour blended behind the accumulated alpha (NeRF-synthetic is evaluated on white). */
  background: [number, number, number];
}

export interface NerfRenderStats {
  /** Samples the network evaluated per ray (after early termination), per pixel. */
  samplesPerRay: Uint32Array;
  /** Rays that stopped because their transmittance fell below the limit. */
  nTerminated: number;
}

/** The f32 ray of a pixel (origin, direction), as the kernels form it. */
export function pixelRayF32(camera: NerfCamera, x: number, y: number): Float32Array {
  return Float32Array.from(pixelRay(camera, x, y));
}

/** Renders with the CPU reference (small images: tests and golden checks). */
export function renderNerfCpu(
  scene: NerfScene,
  camera: NerfCamera,
): { image: RgbImage; stats: NerfRenderStats } {
  const { widthPx, heightPx } = camera;
  const nPx = widthPx * heightPx;
  const rays: Float32Array[] = [];
  const ts: number[][] = [];
  let total = 0;
  for (let p = 0; p < nPx; p++) {
    const ray = pixelRayF32(camera, p % widthPx, Math.floor(p / widthPx));
    rays.push(ray);
    const t = marchRayCpu(scene.occupancy, scene.bitfield, scene.march, ray.subarray(0, 3), ray.subarray(3));
    ts.push(t);
    total += t.length;
  }
  const positions = new Float32Array(total * 3);
  const directions = new Float32Array(total * 3);
  const pos = [0, 0, 0];
  let k = 0;
  for (let p = 0; p < nPx; p++) {
    const ray = rays[p]!;
    for (const t of ts[p]!) {
      rayPoint(ray.subarray(0, 3), ray.subarray(3), t, pos);
      positions.set(pos, 3 * k);
      directions.set(ray.subarray(3), 3 * k);
      k++;
    }
  }
  const out = nerfForwardCpu(scene.network, scene.params, positions, directions);
  const rgb = new Float32Array(nPx * 3);
  const samplesPerRay = new Uint32Array(nPx);
  let nTerminated = 0;
  let first = 0;
  const dt = Math.fround(scene.march.stepSize);
  for (let p = 0; p < nPx; p++) {
    const n = ts[p]!.length;
    const r = compositeRender(
      {
        sigmaRaw: out.sigmaRaw.subarray(first, first + n),
        rgbRaw: out.rgbRaw.subarray(3 * first, 3 * (first + n)),
        dt: new Float64Array(n).fill(dt),
      },
      scene.march.minTransmittance,
    );
    first += n;
    samplesPerRay[p] = r.nUsed;
    if (r.terminated) nTerminated++;
    for (let c = 0; c < 3; c++) rgb[3 * p + c] = r.rgb[c]! + (1 - r.alpha) * scene.background[c]!;
  }
  return { image: { widthPx, heightPx, rgb }, stats: { samplesPerRay, nTerminated } };
}
