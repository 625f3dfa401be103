import { seededRng } from '../../encoding/rng.ts';
import { OptionError, verbatim } from '../../errors.ts';
import type { GpuContext } from '../../gpu/device.ts';
import type { ModelFile } from '../../train/modelFile.ts';
import { parseResolution } from '../../workload/resolution.ts';
import { type MeasuredWorkload, summariseWorkload } from '../shared/workloadProfile.ts';
import type { NerfCamera } from './camera.ts';
import { type NerfMarchMode, nerfCamera, nerfSceneFromModel } from './nerfModelScene.ts';
import { pixelRayF32 } from './nerfRender.cpu.ts';
import { NerfRendererGpu, TERMINATED_BIT } from './nerfRender.gpu.ts';
import { type OccupancySpec, occupiedFraction } from './occupancyGrid.ts';
import { type MarchSpec, marchRayCpu, rayPoint } from './raymarch.ts';

/** Query positions a NeRF profile records: one NGPC batch (configs/ngpc batchQueries) for its bank-conflict model. */
export const NERF_PROFILE_POSITIONS = 4096;

/** instant-ngp's render loop evaluates up to 2^21 samples per round (docs/sources.md#kernels-5-3). */
export const INSTANT_NGP_SAMPLES_PER_ROUND = 1 << 21;
const FULL_HD = parseResolution('1080p');
const PIXELS_1080P = FULL_HD.widthPx * FULL_HD.heightPx;

/** NeRF-specific figures of a measured workload, per camera and resolution. */
export interface NerfProfileRow {
  camera: string;
  widthPx: number;
  heightPx: number;
  meanSamplesPerRay: number;
  /** Rays that stopped because A > 1 − min transmittance. */
  earlyTerminationRate: number;
  /** Rays with at least one sample. */
  hitRate: number;
  /** Unfused marching rounds (instant-ngp's render loop). */
  rounds: number;
  /**
   * Network evaluations per ray in the unfused render loop: every alive ray takes n_steps samples per round, so
   * samples past a ray's termination are evaluated too. This is what the baseline's encoding and MLP kernels run.
   */
  evaluatedSamplesPerRay: number;
  /** Samples per round (n_steps = clamp(this / alive, 1, 8)). */
  samplesPerRound: number;
  fusedWallS: number;
  unfusedWallS: number;
}

export interface NerfWorkload extends MeasuredWorkload {
  details: {
    camera: string;
    marchMode: NerfMarchMode;
    occupiedFraction: number;
    occupancy: OccupancySpec;
    march: MarchSpec;
    rows: NerfProfileRow[];
  };
}

/** The cameras a profile spec names: one held-out index or camera file, or `all` held-out views. */
function profileCameraSpecs(model: ModelFile, spec: string): string[] {
  if (spec !== 'all') return [spec];
  const n = ((model.header.scene as { testPoses?: unknown[] }).testPoses ?? []).length;
  if (n === 0) throw new OptionError('camera', verbatim('all'), 'the model records no held-out cameras');
  return Array.from({ length: n }, (_, i) => String(i));
}

/**
 * Measures a NeRF model: per camera and resolution, a fused render (composited samples per ray and their
 * distribution, early termination) and an unfused render with the round structure of a 1080p frame (network
 * evaluations per ray including round padding, rounds); the occupancy; a seeded sample of query positions (CPU
 * marcher). The workload's samples per pixel are the evaluations per ray at the last resolution, averaged over the
 * cameras: what the encoding and MLP kernels run.
 */
export async function profileNerfApp(
  ctx: GpuContext,
  model: ModelFile,
  resolutions: readonly { widthPx: number; heightPx: number }[],
  cameraSpec: string,
  source: string,
  mode: NerfMarchMode = 'model',
  onProgress?: (done: number, total: number) => void,
): Promise<NerfWorkload> {
  if (resolutions.length === 0) throw new OptionError('resolution', undefined, 'expected at least one WxH');
  const cameras = profileCameraSpecs(model, cameraSpec);
  // Steps: the occupancy grid, then one fused + unfused render per camera and resolution.
  const steps = 1 + cameras.length * resolutions.length;
  let done = 0;
  onProgress?.(done, steps);
  const scene = await nerfSceneFromModel(ctx, model, mode);
  onProgress?.(++done, steps);
  const renderer = new NerfRendererGpu(ctx, scene);
  const rows: NerfProfileRow[] = [];
  const last = resolutions[resolutions.length - 1]!;
  const lastCounts: Uint32Array[] = [];
  const lastCameras: NerfCamera[] = [];
  try {
    for (const res of resolutions) {
      for (const spec of cameras) {
        const { camera } = nerfCamera(model, spec, res.widthPx, res.heightPx);
        const fused = await renderer.renderFused(camera);
        // The round structure of a 1080p frame (instant-ngp: 2^21 samples per round), scaled to this frame's rays.
        const nPx = res.widthPx * res.heightPx;
        const samplesPerRound = Math.max(1, Math.round((INSTANT_NGP_SAMPLES_PER_ROUND * nPx) / PIXELS_1080P));
        const unfused = await renderer.renderUnfused(camera, { samplesPerRound });
        const counts = fused.samples.map((s) => s & ~TERMINATED_BIT);
        let total = 0;
        let terminated = 0;
        let hit = 0;
        for (const [i, s] of fused.samples.entries()) {
          total += counts[i]!;
          if (s & TERMINATED_BIT) terminated++;
          if (counts[i]! > 0) hit++;
        }
        rows.push({
          camera: spec,
          widthPx: res.widthPx,
          heightPx: res.heightPx,
          meanSamplesPerRay: total / nPx,
          earlyTerminationRate: terminated / nPx,
          hitRate: hit / nPx,
          rounds: unfused.rounds,
          evaluatedSamplesPerRay: unfused.networkRows / nPx,
          samplesPerRound,
          fusedWallS: Number(fused.wallS.toFixed(3)),
          unfusedWallS: Number(unfused.wallS.toFixed(3)),
        });
        if (res === last) {
          lastCounts.push(Uint32Array.from(counts));
          lastCameras.push(camera);
        }
        onProgress?.(++done, steps);
      }
    }
  } finally {
    renderer.destroy();
  }
  // Query positions: march a seeded subset of pixels on the CPU and keep their composited samples' positions.
  const rng = seededRng(7);
  const positions: number[] = [];
  const pos = [0, 0, 0];
  for (let i = 0; i < 256 * lastCameras.length && positions.length < 3 * NERF_PROFILE_POSITIONS; i++) {
    const v = Math.floor(rng.next() * lastCameras.length);
    const cam = lastCameras[v]!;
    const p = Math.floor(rng.next() * lastCounts[v]!.length);
    const used = lastCounts[v]![p]!;
    if (used === 0) continue;
    const ray = pixelRayF32(cam, p % cam.widthPx, Math.floor(p / cam.widthPx));
    const ts = marchRayCpu(scene.occupancy, scene.bitfield, scene.march, ray.subarray(0, 3), ray.subarray(3));
    for (const t of ts.slice(0, used))
      positions.push(...rayPoint(ray.subarray(0, 3), ray.subarray(3), t, pos));
  }
  const allCounts = new Uint32Array(lastCounts.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of lastCounts) {
    allCounts.set(c, at);
    at += c.length;
  }
  const base = summariseWorkload(
    'nerf',
    model,
    last.widthPx,
    last.heightPx,
    allCounts,
    Float32Array.from(positions),
    3,
    source,
    NERF_PROFILE_POSITIONS,
  );
  const lastRows = rows.filter((r) => r.widthPx === last.widthPx && r.heightPx === last.heightPx);
  const evaluated = lastRows.reduce((a, r) => a + r.evaluatedSamplesPerRay, 0) / lastRows.length;
  const composited = base.samplesPerPixel.value;
  base.samplesPerPixel = {
    value: evaluated,
    source: `${source}; network evaluations per pixel in instant-ngp's round loop (${composited.toFixed(2)} composited + ${(evaluated - composited).toFixed(2)} round padding), mean of ${lastRows.length} view(s) at ${last.widthPx}x${last.heightPx}`,
  };
  base.queriesPerFrame = Math.round(evaluated * last.widthPx * last.heightPx);
  return {
    ...base,
    details: {
      camera: cameraSpec,
      marchMode: mode,
      occupiedFraction: occupiedFraction(scene.occupancy, scene.bitfield),
      occupancy: scene.occupancy,
      march: scene.march,
      rows,
    },
  };
}
