// What both NeRF renderers on WebGPU share: the model's buffers on the device, the kernels' constants and pipelines,
// the render record and the final image.
import { fmaIsFused } from '../../encoding/fmaProbe.gpu.ts';
import { GRID_PARAM_BINDINGS, GridEncodingGpu, levelTable } from '../../encoding/gridEncoding.gpu.ts';
import { INTERPOLATION_CODE } from '../../encoding/gridEncoding.ts';
import { type LevelLayout, levelLayout } from '../../encoding/gridLayout.ts';
import { invariant } from '../../errors.ts';
import { storageBuffer, uniformBuffer } from '../../gpu/buffers.ts';
import type { GpuContext } from '../../gpu/device.ts';
import { bindBuffers, computePipeline } from '../../gpu/pipeline.ts';
import { bool, f32, u32, type WgslConstants } from '../../gpu/wgsl.ts';
import type { RgbImage } from '../../io/png.ts';
import { MlpGpu } from '../../mlp/mlp.gpu.ts';
import { type MlpLayout, mlpLayout } from '../../mlp/mlpLayout.ts';
import { NERF_WORLD_OFFSET, NERF_WORLD_SCALE } from './camera.ts';
import type { NerfScene } from './nerfRender.cpu.ts';
import { MAX_DEPTH } from './raymarch.ts';

export const WORKGROUP_SIZE = 64;
export const LABEL = 'apps/nerf';
/** Bit 31 of a per-pixel sample count: the ray terminated early. */
export const TERMINATED_BIT = 0x80000000;

/** instant-ngp renders rounds of n_steps = clamp(2^21 / n_alive, 1, 8) samples per alive ray (docs/sources.md#kernels-5-3). */
export const MAX_STEPS_PER_ROUND = 8;
/**
 * Samples per round: instant-ngp's 2^21 would need 2^21 × 32 encoded floats = 256 MiB in one binding, over lavapipe's
 * 128 MiB maxStorageBufferBindingSize; 2^19 fits every adapter ngpc runs on.
 */
export const DEFAULT_SAMPLES_PER_ROUND = 1 << 19;

/** A render's premultiplied RGBA and per-pixel statistics, plus how it ran. */
export interface NerfGpuRender {
  widthPx: number;
  heightPx: number;
  /** Premultiplied RGBA per pixel (alpha renormalised to 1 on early termination). */
  rgba: Float32Array;
  /** Samples composited per pixel; TERMINATED_BIT set when the ray stopped early. */
  samples: Uint32Array;
  /** Marching rounds (unfused) or 1 (fused). */
  rounds: number;
  /** Network rows evaluated (or replayed), padding slots included (unfused), or samples (fused). */
  networkRows: number;
  /** Wall-clock seconds from the first submission to the result on the host. */
  wallS: number;
  /** Unfused with stage timing: wall seconds per stage (each stage submitted and awaited alone). */
  stageS?: Record<NerfStage, number>;
}

export const NERF_STAGES = [
  'raygen',
  'march',
  'encode',
  'density',
  'sh',
  'color',
  'composite',
  'compact',
] as const;
export type NerfStage = (typeof NERF_STAGES)[number];
/** Stages the NGPC does not take over (the paper's "rest of the frame"); encode/density/color run on the NGPC. */
export const REST_STAGES: readonly NerfStage[] = ['raygen', 'march', 'sh', 'composite', 'compact'];

/** The final image: premultiplied colour plus (1 − A)·background (instant-ngp blends the background last). */
export function resolveImage(render: NerfGpuRender, background: readonly number[]): RgbImage {
  const n = render.widthPx * render.heightPx;
  const rgb = new Float32Array(n * 3);
  for (let p = 0; p < n; p++) {
    const a = render.rgba[4 * p + 3]!;
    for (let c = 0; c < 3; c++) rgb[3 * p + c] = render.rgba[4 * p + c]! + (1 - a) * background[c]!;
  }
  return { widthPx: render.widthPx, heightPx: render.heightPx, rgb };
}

/** The marching, compositing and network constants every NeRF kernel shares. */
function nerfConstants(
  scene: NerfScene,
  grid: LevelLayout,
  density: MlpLayout,
  exactFma: boolean,
): WgslConstants {
  const g = grid.spec;
  const width = density.spec.nNeurons;
  return {
    WORKGROUP_SIZE: u32(WORKGROUP_SIZE),
    WORLD_SCALE: f32(NERF_WORLD_SCALE),
    WORLD_OFFSET: f32(NERF_WORLD_OFFSET),
    MAX_DEPTH: f32(MAX_DEPTH),
    GRID_RES: u32(scene.occupancy.gridRes),
    N_CASCADES: u32(scene.occupancy.nCascades),
    STEP_SIZE: f32(scene.march.stepSize),
    MIN_TRANSMITTANCE: f32(scene.march.minTransmittance),
    MAX_SAMPLES: u32(scene.march.maxSamplesPerRay),
    EXACT_FMA: bool(exactFma),
    N_LEVELS: u32(g.nLevels),
    N_DIMS: u32(3),
    N_FEATURES: u32(g.nFeaturesPerLevel),
    INTERPOLATION: u32(INTERPOLATION_CODE[g.interpolation]),
    VEC: u32(Math.max(width, density.inputDimsPadded, 32)),
    WIDTH: u32(width),
    DENSITY_IN_PADDED: u32(density.inputDimsPadded),
    DENSITY_HIDDEN: u32(density.spec.nHiddenLayers),
    COLOR_HIDDEN: u32(scene.network.color.nHiddenLayers),
    COLOR_OFFSET: u32(density.nParams),
  };
}

/**
 * A NeRF model bound to a device: grid tables, weights, occupancy bitfield, and the kernels' shared constants and
 * pipelines. The fused (nerfRenderFused.gpu.ts) and unfused (nerfRenderUnfused.gpu.ts) paths render from it.
 */
export class NerfGpuModel {
  readonly gridLayout: LevelLayout;
  readonly densityLayout: MlpLayout;
  readonly grid: GridEncodingGpu;
  readonly density: MlpGpu;
  readonly color: MlpGpu;
  readonly levels: GPUBuffer;
  readonly fusedWeights: GPUBuffer;
  readonly bitfield: GPUBuffer;
  readonly dummies: GPUBuffer[];
  private constantsCache: WgslConstants | null = null;

  constructor(
    readonly ctx: GpuContext,
    readonly scene: NerfScene,
  ) {
    this.gridLayout = levelLayout(scene.network.grid);
    this.densityLayout = mlpLayout(scene.network.density);
    invariant(
      scene.network.color.nNeurons === scene.network.density.nNeurons,
      'fused NeRF kernel: density and colour widths must match',
    );
    this.grid = new GridEncodingGpu(ctx, this.gridLayout);
    this.grid.setParams(scene.params.grid);
    this.density = new MlpGpu(ctx, this.densityLayout);
    this.density.setParams(scene.params.density);
    this.color = new MlpGpu(ctx, mlpLayout(scene.network.color));
    this.color.setParams(scene.params.color);
    this.levels = uniformBuffer(
      ctx,
      `${LABEL}:levels`,
      new Uint8Array(levelTable(this.gridLayout, this.grid.plan)),
    );
    const both = new Float32Array(scene.params.density.length + scene.params.color.length);
    both.set(scene.params.density);
    both.set(scene.params.color, scene.params.density.length);
    this.fusedWeights = storageBuffer(ctx, `${LABEL}:fusedWeights`, both);
    this.bitfield = storageBuffer(ctx, `${LABEL}:occupancyBits`, scene.bitfield);
    this.dummies = Array.from({ length: GRID_PARAM_BINDINGS + 2 }, (_, i) =>
      storageBuffer(ctx, `${LABEL}:unused${i}`, { bytes: 16 }),
    );
  }

  async constants(): Promise<WgslConstants> {
    this.constantsCache ??= nerfConstants(
      this.scene,
      this.gridLayout,
      this.densityLayout,
      !(await fmaIsFused(this.ctx)),
    );
    return this.constantsCache;
  }

  /** The grid-parameter bind group (group 1) of a pipeline. */
  paramGroup(pipeline: GPUComputePipeline, label: string): GPUBindGroup {
    const chunks = this.grid.paramChunkBuffers;
    return bindBuffers(
      this.ctx,
      pipeline,
      `${label}:gridParams`,
      Array.from({ length: GRID_PARAM_BINDINGS }, (_, i) => chunks[i] ?? this.dummies[i]!),
      1,
    );
  }

  /** A compute pipeline of `kernel` with the shared constants (plus `extra`). */
  async pipeline(kernel: string, label: string, extra: WgslConstants = {}): Promise<GPUComputePipeline> {
    return computePipeline(this.ctx, { kernel, constants: { ...(await this.constants()), ...extra }, label });
  }

  destroy(): void {
    for (const b of [this.levels, this.fusedWeights, this.bitfield, ...this.dummies]) b.destroy();
    this.grid.destroy();
    this.density.destroy();
    this.color.destroy();
  }
}
