// Measured NeRF fusion speedup: fused vs unfused renders (whole frame and rest of frame) of one scene in one run.
import { encodingPreset } from '../../encoding/encodingConfig.ts';
import type { GridEncodingSpec } from '../../encoding/gridLayout.ts';
import { seededRng } from '../../encoding/rng.ts';
import { OptionError, verbatim } from '../../errors.ts';
import { storageBuffer } from '../../gpu/buffers.ts';
import { type GpuContext, isSoftwareAdapter } from '../../gpu/device.ts';
import { mlpLayout } from '../../mlp/mlpLayout.ts';
import { psnrDb } from '../../train/loss.ts';
import { lookAtPose, NERF_WORLD_SCALE, type NerfCamera } from './camera.ts';
import { initNerfParams, type NerfNetworkSpec, type NerfParams, nerfNetworkSpec } from './nerfNetwork.ts';
import type { NerfScene } from './nerfRender.cpu.ts';
import {
  NERF_STAGES,
  type NerfGpuRender,
  NerfRendererGpu,
  type NerfStage,
  REST_STAGES,
  resolveImage,
  TERMINATED_BIT,
} from './nerfRender.gpu.ts';
import {
  buildBitfield,
  densityGridFromPredicate,
  NERF_OCCUPANCY_DEFAULT,
  type OccupancySpec,
  occupiedFraction,
} from './occupancyGrid.ts';
import { NERF_MARCH_DEFAULT } from './raymarch.ts';
import { sceneOccupiedAt, syntheticScene } from './syntheticScene.ts';

/**
 * A stand-in for a trained network when timing renders without one: grid entries U(−1, 1) (tcnn's ±1e-4 init gives a
 * featureless, nearly transparent field) and the σ_raw output row shifted by `densityBias`, so rays entering occupied
 * cells terminate after a few to a few dozen samples as they do at opaque surfaces of a trained model. Timing depends
 * on the sample counts, not on the values.
 */
export function surrogateNerfParams(spec: NerfNetworkSpec, seed: number, densityBias: number): NerfParams {
  const p = initNerfParams(spec, seed);
  const rng = seededRng(seed + 10);
  for (let i = 0; i < p.grid.length; i++) p.grid[i] = rng.uniform(-1, 1);
  const off = mlpLayout(spec.density).matrices.at(-1)!.offset;
  for (let i = 0; i < spec.density.nNeurons; i++) p.density[off + i]! += densityBias;
  return p;
}

export interface SurrogateSceneOptions {
  scene: string;
  occupancy: OccupancySpec;
  grid?: GridEncodingSpec;
  seed: number;
  densityBias: number;
}

/** A renderable NeRF scene from a built-in scene's analytic occupancy (cells grown by one cell) and surrogate weights. */
export function surrogateNerfScene(options: SurrogateSceneOptions): NerfScene {
  const scene = syntheticScene(options.scene);
  const cellWorld = (2 * Math.sqrt(3)) / options.occupancy.gridRes / NERF_WORLD_SCALE / 2;
  const grid = densityGridFromPredicate(options.occupancy, (p) => sceneOccupiedAt(scene, p, cellWorld));
  const network = nerfNetworkSpec(options.grid ?? (encodingPreset('nerf') as GridEncodingSpec));
  return {
    network,
    params: surrogateNerfParams(network, options.seed, options.densityBias),
    occupancy: options.occupancy,
    bitfield: buildBitfield(options.occupancy, grid, 0.01),
    march: NERF_MARCH_DEFAULT,
    background: [1, 1, 1],
  };
}

/** The bench's camera: NeRF-synthetic's field of view from 3.6 world units, looking at the scene. */
export function benchCamera(widthPx: number, heightPx: number): NerfCamera {
  return {
    pose: lookAtPose([2.3, -2.5, 1.6], [0, 0, -0.2]),
    cameraAngleX: 0.6911112070083618,
    widthPx,
    heightPx,
  };
}

export interface NerfFusionBenchOptions {
  widthPx: number;
  heightPx: number;
  /** Timed repetitions of each renderer (median reported). */
  reps: number;
  scene?: string;
  seed?: number;
  densityBias?: number;
  onProgress?: (what: string) => void;
}

export interface NerfFusionBenchResult {
  adapter: string;
  software: boolean;
  widthPx: number;
  heightPx: number;
  scene: string;
  network: string;
  /** Mean samples composited per pixel (all pixels; the model's samplesPerPixel). */
  samplesPerPixel: number;
  /** Mean over rays that entered the volume. */
  samplesPerHitRay: number;
  earlyTerminationRate: number;
  occupiedFraction: number;
  unfusedRounds: number;
  /** Median wall seconds of a whole frame. */
  fusedFrameS: number;
  unfusedFrameS: number;
  frameSpeedup: number;
  /** Wall seconds per stage of one unfused frame, each stage submitted and awaited alone. */
  unfusedStageS: Record<NerfStage, number>;
  /**
   * The unfused rest stages (one dispatch each, same rounds as the unfused frame) with the network stages replaced by
   * one dispatch replaying the recorded outputs, median.
   */
  unfusedRestReplayS: number;
  /** The fused rest kernel (network outputs replayed), median. */
  fusedRestS: number;
  /** unfusedRestReplayS / fusedRestS: both sides replay the same recorded outputs. */
  restFusionSpeedup: number;
  /**
   * The earlier estimate of the unfused rest: the unfused frame time × the rest stages' share of the staged run
   * (biased upward: every staged submit pays a sync, and the rest stages are many cheap dispatches; noisy).
   */
  unfusedRestStagedEstimateS: number;
  /** unfusedRestStagedEstimateS / fusedRestS, kept to compare with restFusionSpeedup. */
  restFusionSpeedupStagedEstimate: number;
  /** Agreement of the two renderers' images. */
  psnrFusedVsUnfusedDb: number;
  /** Each rest replay's image against the unfused full render (the worse of the two). */
  psnrRestReplayVsUnfusedDb: number;
  reps: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Renders one frame both ways `reps` times (after a warm-up) and derives the frame and rest-of-frame speedups. */
export async function benchNerfFusion(
  ctx: GpuContext,
  options: NerfFusionBenchOptions,
): Promise<NerfFusionBenchResult> {
  const { widthPx, heightPx, reps } = options;
  if (!Number.isInteger(reps) || reps < 1)
    throw new OptionError('reps', verbatim(String(reps)), 'expected a positive integer');
  const sceneName = options.scene ?? 'blocks';
  const occupancy = NERF_OCCUPANCY_DEFAULT;
  const scene = surrogateNerfScene({
    scene: sceneName,
    occupancy,
    seed: options.seed ?? 1,
    densityBias: options.densityBias ?? 0.5,
  });
  const camera = benchCamera(widthPx, heightPx);
  const progress = options.onProgress ?? (() => {});
  const r = new NerfRendererGpu(ctx, scene);
  try {
    progress('warm-up');
    const first = await r.renderFused(camera);
    const firstUnfused = await r.renderUnfused(camera);
    const fused: number[] = [];
    const unfused: number[] = [];
    for (let i = 0; i < reps; i++) {
      progress(`fused ${i + 1}/${reps}`);
      fused.push((await r.renderFused(camera)).wallS);
      progress(`unfused ${i + 1}/${reps}`);
      unfused.push((await r.renderUnfused(camera)).wallS);
    }
    progress('unfused, stage by stage');
    const staged = await r.renderUnfused(camera, { timeStages: true });
    const stageS = staged.stageS!;
    const stagedTotal = NERF_STAGES.reduce((s, k) => s + stageS[k], 0);
    const restShare = REST_STAGES.reduce((s, k) => s + stageS[k], 0) / stagedTotal;
    // Replay table: one vec4 per sample up to the longest ray of this frame.
    let stride = 1;
    for (const c of first.samples) stride = Math.max(stride, c & ~TERMINATED_BIT);
    const buffer = storageBuffer(ctx, 'apps/nerf:bench:recorded', {
      bytes: widthPx * heightPx * stride * 16,
    });
    const rest: number[] = [];
    const unfusedRest: number[] = [];
    let restRenders: NerfGpuRender[] = [];
    try {
      progress('rest of frame: warm-up');
      const record = { buffer, stride };
      await r.renderFused(camera, record);
      restRenders = [await r.renderFusedRest(camera, record), await r.renderUnfusedRest(camera, record)];
      for (let i = 0; i < reps; i++) {
        progress(`fused rest ${i + 1}/${reps}`);
        rest.push((await r.renderFusedRest(camera, record)).wallS);
        progress(`unfused rest ${i + 1}/${reps}`);
        unfusedRest.push((await r.renderUnfusedRest(camera, record)).wallS);
      }
    } finally {
      buffer.destroy();
    }
    const n = widthPx * heightPx;
    let total = 0;
    let hit = 0;
    let terminated = 0;
    for (const c of first.samples) {
      const k = c & ~TERMINATED_BIT;
      total += k;
      if (k > 0) hit++;
      if (c & TERMINATED_BIT) terminated++;
    }
    const fusedFrameS = median(fused);
    const unfusedFrameS = median(unfused);
    const unfusedRestStagedEstimateS = unfusedFrameS * restShare;
    const unfusedRestReplayS = median(unfusedRest);
    const fusedRestS = median(rest);
    const mse = (a: NerfGpuRender, b: NerfGpuRender) => {
      const x = resolveImage(a, scene.background).rgb;
      const y = resolveImage(b, scene.background).rgb;
      let s = 0;
      for (let i = 0; i < x.length; i++) s += (x[i]! - y[i]!) ** 2;
      return s / x.length;
    };
    return {
      adapter: ctx.adapterName,
      software: isSoftwareAdapter(ctx.adapterInfo),
      widthPx,
      heightPx,
      scene: sceneName,
      network: 'instant-ngp NeRF: HashGrid L16 F2 T2^19 → 64×1 → 16, SH4 → 64×2 → 3 (surrogate weights)',
      samplesPerPixel: total / n,
      samplesPerHitRay: hit > 0 ? total / hit : 0,
      earlyTerminationRate: hit > 0 ? terminated / hit : 0,
      occupiedFraction: occupiedFraction(occupancy, scene.bitfield),
      unfusedRounds: firstUnfused.rounds,
      fusedFrameS,
      unfusedFrameS,
      frameSpeedup: unfusedFrameS / fusedFrameS,
      unfusedStageS: stageS,
      unfusedRestReplayS,
      fusedRestS,
      restFusionSpeedup: unfusedRestReplayS / fusedRestS,
      unfusedRestStagedEstimateS,
      restFusionSpeedupStagedEstimate: unfusedRestStagedEstimateS / fusedRestS,
      psnrFusedVsUnfusedDb: psnrDb(mse(first, firstUnfused)),
      psnrRestReplayVsUnfusedDb: Math.min(...restRenders.map((x) => psnrDb(mse(x, firstUnfused)))),
      reps,
    };
  } finally {
    r.destroy();
  }
}
