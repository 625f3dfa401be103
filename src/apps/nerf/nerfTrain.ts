// NeRF training (instant-ngp scheme, docs/sources.md#kernels-5): occupancy-grid updates, marching, density MLP → SH4 → colour MLP,
// Huber loss with a random background, Adam. Encoding and MLPs run forward and backward on the GPU; marching and the
// compositing forward/backward run on the CPU (composite.cpu.ts) between GPU submissions.
import { GridEncodingGpu } from '../../encoding/gridEncoding.gpu.ts';
import { type GridEncodingSpec, levelLayout } from '../../encoding/gridLayout.ts';
import { seededRng } from '../../encoding/rng.ts';
import { encodeShCpu } from '../../encoding/sphericalHarmonics.cpu.ts';
import { NgpcInputError, OptionError, verbatim } from '../../errors.ts';
import { readF32, storageBuffer } from '../../gpu/buffers.ts';
import type { GpuContext } from '../../gpu/device.ts';
import type { RgbImage } from '../../io/png.ts';
import { MlpGpu } from '../../mlp/mlp.gpu.ts';
import { mlpLayout } from '../../mlp/mlpLayout.ts';
import { AdamGpu } from '../../train/adam.gpu.ts';
import { type AdamSpec, instantNgpAdam, learningRateAt } from '../../train/adam.ts';
import { psnrDb } from '../../train/loss.ts';
import { type NerfCamera, pixelRay } from './camera.ts';
import { compositeTrain, compositeTrainBackward, densityActivation } from './composite.cpu.ts';
import type { NerfDataset } from './nerfDataset.ts';
import {
  initNerfParams,
  NERF_GEO_FEATURES,
  NERF_SH_DEGREE,
  NERF_SH_FEATURES,
  type NerfNetworkSpec,
  type NerfParams,
  nerfNetworkSpec,
} from './nerfNetwork.ts';
import type { NerfScene } from './nerfRender.cpu.ts';
import { NerfRendererGpu, resolveImage } from './nerfRender.gpu.ts';
import {
  buildBitfield,
  cellsPerCascade,
  gridUpdateSamples,
  type OccupancySpec,
  occupancyThreshold,
  updateDensityGrid,
} from './occupancyGrid.ts';
import { advanceToOccupied, MAX_DEPTH, type MarchSpec, MIN_CONE_STEPSIZE, rayStartT } from './raymarch.ts';

const LABEL = 'apps/nerf:train';

/** instant-ngp `huber_loss(target, pred, 0.1) / 5` (docs/sources.md#kernels-5-5): ≈ L2 near zero. */
export const NERF_HUBER_DELTA = 0.1;

/**
 * ngpc's default NeRF training sizes for the software adapter: a smaller hash grid (8 levels, T = 2^17, finest ≈ 512)
 * than instant-ngp's (16 levels, T = 2^19, finest 2048), since the training views are ≈ 128 px.
 */
export function nerfTrainGridSpec(): GridEncodingSpec {
  return {
    otype: 'HashGrid',
    type: 'Hash',
    nDims: 3,
    nLevels: 8,
    nFeaturesPerLevel: 2,
    log2HashmapSize: 17,
    baseResolution: 16,
    perLevelScale: Math.exp(Math.log(512 / 16) / 7),
    interpolation: 'Linear',
  } as GridEncodingSpec;
}

/** A 64³ occupancy grid, one cascade (aabb_scale 1, NeRF-synthetic). instant-ngp: 128³. */
export const NERF_TRAIN_OCCUPANCY: OccupancySpec = { gridRes: 64, nCascades: 1 };

/**
 * Marching for training and rendering: a step of √3/128 (instant-ngp: √3/1024) so a ray needs 8× fewer samples on
 * the software adapter (≈ 2 px at 128 px views); at most 128 samples per ray; render min transmittance 0.01 as
 * instant-ngp.
 */
export const NERF_TRAIN_MARCH: MarchSpec = {
  stepSize: Math.sqrt(3) / 128,
  maxSamplesPerRay: 128,
  minTransmittance: 0.01,
};

/** instant-ngp's NeRF optimizer: Adam lr 1e-2, β 0.9/0.99, ε 1e-15, l2 1e-6, decay 0.33 every 10000 from 20000. */
export function nerfAdamSpec(): AdamSpec {
  return instantNgpAdam(1e-2, 20000, 10000, null);
}

export interface NerfTrainProgress {
  step: number;
  steps: number;
  /** Huber loss (instant-ngp scaling) of the batch's rays. */
  loss: number;
  /** PSNR of the batch's composited colours against their targets (on their random backgrounds). */
  psnrDb: number;
  /** Samples per ray in this batch (after marching, before early termination). */
  samplesPerRay: number;
  rays: number;
  /** Fraction of cascade-0 cells occupied. */
  occupancy: number;
}

export interface NerfTrainOptions {
  steps: number;
  /** Network samples per step (fixed: buffers are allocated once); instant-ngp targets 2^18. */
  batchSamples: number;
  seed: number;
  grid?: GridEncodingSpec;
  occupancy?: OccupancySpec;
  march?: MarchSpec;
  adam?: AdamSpec;
  /** Occupancy-grid update every this many steps (instant-ngp: clamp(step/16, 1, 16)); default 16. */
  occupancyEvery?: number;
  reportEvery?: number;
  onProgress?: (p: NerfTrainProgress) => void;
  /** Held-out PSNR (fused GPU render on white) of `views` every `every` steps and at the end. */
  evaluate?: { every: number; views: readonly { camera: NerfCamera; image: RgbaLike }[] };
  onEvaluate?: (step: number, psnrDb: number[]) => void;
}

type RgbaLike = { widthPx: number; heightPx: number; rgba: Float32Array };

export interface NerfTrainResult {
  network: NerfNetworkSpec;
  params: NerfParams;
  occupancy: OccupancySpec;
  /** Final density grid (optical thickness per cell) and its bitfield. */
  densityGrid: Float32Array;
  bitfield: Uint32Array;
  march: MarchSpec;
  adam: AdamSpec;
  /** [step, batch Huber loss, batch PSNR dB, samples per ray]. */
  curve: [number, number, number, number][];
  /** [step, mean held-out PSNR dB] when `evaluate` was given. */
  evalCurve: [number, number][];
}

type Prepared<T extends (...a: any[]) => Promise<any>> = Awaited<ReturnType<T>>;

/** The GPU half of a NeRF step: grid → density MLP, colour MLP, their backward passes and Adam on fixed-size buffers. */
class NerfNetworkTrainerGpu {
  readonly grid: GridEncodingGpu;
  readonly density: MlpGpu;
  readonly color: MlpGpu;
  readonly positions: GPUBuffer;
  readonly colorIn: GPUBuffer;
  readonly dRgb: GPUBuffer;
  readonly dGeo: GPUBuffer;
  private gridFwd!: Prepared<GridEncodingGpu['prepareForward']>;
  private denFwd!: Prepared<MlpGpu['prepareForward']>;
  private colFwd!: Prepared<MlpGpu['prepareForward']>;
  private colBwd!: Prepared<MlpGpu['prepareBackward']>;
  private denBwd!: Prepared<MlpGpu['prepareBackward']>;
  private gridBwd!: Prepared<GridEncodingGpu['prepareParamGrad']>;
  private adam!: AdamGpu;
  step = 0;

  constructor(
    readonly ctx: GpuContext,
    readonly spec: NerfNetworkSpec,
    readonly n: number,
    readonly adamSpec: AdamSpec,
    readonly maxSteps: number,
  ) {
    this.grid = new GridEncodingGpu(ctx, levelLayout(spec.grid));
    this.density = new MlpGpu(ctx, mlpLayout(spec.density), { precision: 'f32' });
    this.color = new MlpGpu(ctx, mlpLayout(spec.color), { precision: 'f32' });
    this.positions = storageBuffer(ctx, `${LABEL}:positions`, { bytes: n * 12 });
    this.colorIn = storageBuffer(ctx, `${LABEL}:colorIn`, { bytes: n * 32 * 4 });
    this.dRgb = storageBuffer(ctx, `${LABEL}:dRgbRaw`, { bytes: n * 3 * 4 });
    this.dGeo = storageBuffer(ctx, `${LABEL}:dGeo`, { bytes: n * NERF_GEO_FEATURES * 4 });
  }

  async init(params: NerfParams): Promise<void> {
    const { ctx, n } = this;
    this.grid.setParams(params.grid);
    this.density.setParams(params.density);
    this.color.setParams(params.color);
    this.gridFwd = await this.grid.prepareForward(this.positions, n);
    this.denFwd = await this.density.prepareForward(this.gridFwd.encoded, n, { storeHidden: true });
    this.colFwd = await this.color.prepareForward(this.colorIn, n, { storeHidden: true });
    this.colBwd = await this.color.prepareBackward(this.colFwd.state, this.dRgb);
    this.denBwd = await this.density.prepareBackward(this.denFwd.state, this.dGeo);
    this.gridBwd = await this.grid.prepareParamGrad(this.positions, this.denBwd.dInputs, n);
    const dl = mlpLayout(this.spec.density);
    const cl = mlpLayout(this.spec.color);
    this.adam = new AdamGpu(
      ctx,
      this.adamSpec,
      [
        {
          label: 'density',
          params: this.density.weightBuffer,
          grads: this.denBwd.dParams,
          n: dl.nParams,
          nMatrix: dl.nParams,
        },
        {
          label: 'color',
          params: this.color.weightBuffer,
          grads: this.colBwd.dParams,
          n: cl.nParams,
          nMatrix: cl.nParams,
        },
        ...this.grid.plan.chunks.map((c, i) => ({
          label: `grid${i}`,
          params: this.grid.paramChunkBuffers[i]!,
          grads: this.gridBwd.grads[i]!,
          n: c.floats,
          nMatrix: 0,
        })),
      ],
      this.maxSteps,
    );
    await this.adam.prepare();
  }

  private submit(label: string, record: (e: GPUCommandEncoder) => void): void {
    const encoder = this.ctx.device.createCommandEncoder({ label: `${LABEL}:${label}` });
    record(encoder);
    this.ctx.device.queue.submit([encoder.finish()]);
  }

  /** Density outputs (n × 16) at `positions` (n × 3); keeps the activations for `backward`. */
  async densityForward(positions: Float32Array<ArrayBuffer>): Promise<Float32Array> {
    this.ctx.device.queue.writeBuffer(this.positions, 0, positions);
    this.submit('densityForward', (e) => {
      this.gridFwd.record(e);
      this.denFwd.record(e);
    });
    return readF32(this.ctx, this.denFwd.outputs, this.n * NERF_GEO_FEATURES);
  }

  /** Raw colours (n × 3) of colour-network inputs (n × 32). */
  async colorForward(colorIn: Float32Array<ArrayBuffer>): Promise<Float32Array> {
    this.ctx.device.queue.writeBuffer(this.colorIn, 0, colorIn);
    this.submit('colorForward', (e) => this.colFwd.record(e));
    return readF32(this.ctx, this.colFwd.outputs, this.n * 3);
  }

  /** Colour backward: dL/d(colour inputs) (n × 32) from dL/drgb_raw; its weight gradient stays on the device. */
  async colorBackward(dRgb: Float32Array<ArrayBuffer>): Promise<Float32Array> {
    this.ctx.device.queue.writeBuffer(this.dRgb, 0, dRgb);
    this.submit('colorBackward', (e) => this.colBwd.record(e));
    return readF32(this.ctx, this.colBwd.dInputs, this.n * 32);
  }

  /** Density and grid backward from dL/d(density outputs), then one Adam step over every parameter. */
  densityBackwardAndStep(dGeo: Float32Array<ArrayBuffer>): void {
    this.ctx.device.queue.writeBuffer(this.dGeo, 0, dGeo);
    this.submit('densityBackward', (e) => {
      this.denBwd.record(e);
      this.gridBwd.record(e);
      this.adam.record(e, learningRateAt(this.adamSpec, this.step));
    });
    this.step++;
  }

  async readParams(): Promise<NerfParams> {
    const grid = new Float32Array(levelLayout(this.spec.grid).nParams);
    for (const [i, c] of this.grid.plan.chunks.entries()) {
      grid.set(await readF32(this.ctx, this.grid.paramChunkBuffers[i]!, c.floats), c.first);
    }
    return {
      grid,
      density: await readF32(this.ctx, this.density.weightBuffer, mlpLayout(this.spec.density).nParams),
      color: await readF32(this.ctx, this.color.weightBuffer, mlpLayout(this.spec.color).nParams),
    };
  }

  destroy(): void {
    this.adam?.destroy();
    this.gridBwd?.destroy();
    this.denBwd?.destroy();
    this.colBwd?.destroy();
    this.colFwd?.destroy();
    this.denFwd?.destroy();
    this.gridFwd?.encoded.destroy();
    for (const b of [this.positions, this.colorIn, this.dRgb, this.dGeo]) b.destroy();
    this.grid.destroy();
    this.density.destroy();
    this.color.destroy();
  }
}

/** Training rays of a dataset split: f32 origin + direction per pixel and the RGBA target (straight alpha). */
interface RayPool {
  rays: Float32Array;
  rgba: Float32Array;
  count: number;
}

function rayPool(dataset: NerfDataset): RayPool {
  const views = dataset.splits.train;
  if (views.length === 0) throw new NgpcInputError(`${dataset.source}: no training views`);
  const nPx = dataset.widthPx * dataset.heightPx;
  const count = views.length * nPx;
  const rays = new Float32Array(count * 6);
  const rgba = new Float32Array(count * 4);
  const ray = new Float64Array(6);
  for (const [v, view] of views.entries()) {
    for (let p = 0; p < nPx; p++) {
      pixelRay(view.camera, p % dataset.widthPx, Math.floor(p / dataset.widthPx), ray);
      rays.set(ray, (v * nPx + p) * 6);
    }
    rgba.set(view.image.rgba, v * nPx * 4);
  }
  return { rays, rgba, count };
}

/** A straight-alpha RGBA image over a constant background. */
export function overBackground(
  image: { widthPx: number; heightPx: number; rgba: Float32Array },
  bg: readonly number[],
): RgbImage {
  const n = image.widthPx * image.heightPx;
  const rgb = new Float32Array(n * 3);
  for (let p = 0; p < n; p++) {
    const a = image.rgba[4 * p + 3]!;
    for (let c = 0; c < 3; c++) rgb[3 * p + c] = image.rgba[4 * p + c]! * a + (1 - a) * bg[c]!;
  }
  return { widthPx: image.widthPx, heightPx: image.heightPx, rgb };
}

/** Mean squared error of two same-size RGB images. */
function rgbMse(a: RgbImage, b: RgbImage): number {
  let s = 0;
  for (let i = 0; i < a.rgb.length; i++) s += (a.rgb[i]! - b.rgb[i]!) ** 2;
  return s / a.rgb.length;
}

/** A NeRF scene for the renderers from trained parameters (white background, as NeRF-synthetic is evaluated). */
export function trainedScene(
  r: Pick<NerfTrainResult, 'network' | 'params' | 'occupancy' | 'bitfield' | 'march'>,
): NerfScene {
  return {
    network: r.network,
    params: r.params,
    occupancy: r.occupancy,
    bitfield: r.bitfield,
    march: r.march,
    background: [1, 1, 1],
  };
}

/** PSNR of fused GPU renders of `views` against their images on white; one value per view. */
export async function evaluateNerfViews(
  ctx: GpuContext,
  scene: NerfScene,
  views: readonly { camera: NerfCamera; image: RgbaLike }[],
): Promise<number[]> {
  const renderer = new NerfRendererGpu(ctx, scene);
  try {
    const out: number[] = [];
    for (const v of views) {
      const r = await renderer.renderFused(v.camera);
      out.push(psnrDb(rgbMse(resolveImage(r, scene.background), overBackground(v.image, scene.background))));
    }
    return out;
  } finally {
    renderer.destroy();
  }
}

/** Trains a NeRF on the dataset's train split; deterministic given the seed (up to the GPU's atomic summation order). */
export async function trainNerf(
  ctx: GpuContext,
  dataset: NerfDataset,
  options: NerfTrainOptions,
): Promise<NerfTrainResult> {
  const { steps, batchSamples: n } = options;
  if (!Number.isInteger(steps) || steps < 1)
    throw new OptionError('steps', verbatim(String(steps)), 'expected a positive integer');
  if (!Number.isInteger(n) || n < 256 || n % 256 !== 0) {
    throw new OptionError('batch', verbatim(String(n)), 'expected a multiple of 256 samples');
  }
  const network = nerfNetworkSpec(options.grid ?? nerfTrainGridSpec());
  const occ = options.occupancy ?? NERF_TRAIN_OCCUPANCY;
  const march = options.march ?? NERF_TRAIN_MARCH;
  const adam = options.adam ?? nerfAdamSpec();
  const occEvery = options.occupancyEvery ?? 16;
  const reportEvery = options.reportEvery ?? 10;
  const pool = rayPool(dataset);
  const gpu = new NerfNetworkTrainerGpu(ctx, network, n, adam, steps);
  const rng = seededRng(options.seed + 3);
  const occRng = seededRng(options.seed + 4);
  const nCells = cellsPerCascade(occ) * occ.nCascades;
  let densityGrid: Float32Array = new Float32Array(nCells);
  let bitfield: Uint32Array = new Uint32Array(Math.ceil(nCells / 32));
  const curve: NerfTrainResult['curve'] = [];
  const evalCurve: NerfTrainResult['evalCurve'] = [];
  const positions = new Float32Array(n * 3);
  const colorIn = new Float32Array(n * 32);
  const dRgb = new Float32Array(n * 3);
  const dGeo = new Float32Array(n * NERF_GEO_FEATURES);
  const shSpec = { otype: 'SphericalHarmonics' as const, nDims: 3 as const, degree: NERF_SH_DEGREE };
  const dt = Math.fround(march.stepSize);

  /**
   * instant-ngp update_density_grid_nerf: one uniform sample per cell during the first 256 steps, then a quarter of
   * that uniform plus as many on occupied cells (docs/sources.md#kernels-5-2).
   */
  const updateOccupancy = async (step: number) => {
    const quarter = Math.max(1, Math.floor(nCells / 4));
    const sets = [gridUpdateSamples(occ, densityGrid, step < 256 ? nCells : quarter, step, occRng)];
    if (step >= 256) sets.push(gridUpdateSamples(occ, densityGrid, quarter, step, occRng, true));
    const cells = new Uint32Array(sets.reduce((k, s) => k + s.cells.length, 0));
    const pos = new Float32Array(cells.length * 3);
    let at = 0;
    for (const s of sets) {
      cells.set(s.cells, at);
      pos.set(s.positions, 3 * at);
      at += s.cells.length;
    }
    const thickness = new Float32Array(cells.length);
    for (let first = 0; first < cells.length; first += n) {
      const m = Math.min(n, cells.length - first);
      positions.fill(0);
      positions.set(pos.subarray(3 * first, 3 * (first + m)));
      const geo = await gpu.densityForward(positions);
      for (let i = 0; i < m; i++) {
        thickness[first + i] = densityActivation(geo[NERF_GEO_FEATURES * i]!) * MIN_CONE_STEPSIZE;
      }
    }
    densityGrid = updateDensityGrid(densityGrid, cells, thickness);
    bitfield = buildBitfield(occ, densityGrid, occupancyThreshold(occ, densityGrid));
  };

  try {
    await gpu.init(initNerfParams(network, options.seed));
    const rayIds: number[] = [];
    const rayFirst: number[] = [];
    const rayCount: number[] = [];
    const o = [0, 0, 0];
    const d = [0, 0, 0];
    const ts = new Float32Array(march.maxSamplesPerRay);
    for (let step = 0; step < steps; step++) {
      if (step % occEvery === 0) await updateOccupancy(step);
      // March random training rays until the sample budget is full (instant-ngp: rays adapt to the target batch).
      rayIds.length = 0;
      rayFirst.length = 0;
      rayCount.length = 0;
      let total = 0;
      let misses = 0;
      while (total < n && misses < 4 * n) {
        const r = Math.min(pool.count - 1, Math.floor(rng.next() * pool.count));
        for (let a = 0; a < 3; a++) {
          o[a] = pool.rays[6 * r + a]!;
          d[a] = pool.rays[6 * r + 3 + a]!;
        }
        let t = rayStartT(o, d);
        let k = 0;
        if (t < MAX_DEPTH) {
          t = Math.fround(t + rng.next() * dt);
          while (k < march.maxSamplesPerRay) {
            t = advanceToOccupied(occ, bitfield, march, o, d, t);
            if (t >= MAX_DEPTH) break;
            ts[k++] = t;
            t = Math.fround(t + dt);
          }
        }
        if (k === 0) {
          misses++; // rays without an occupied sample are dropped (instant-ngp)
          continue;
        }
        if (total + k > n) break; // the next ray does not fit: the batch is full
        for (let i = 0; i < k; i++) {
          for (let a = 0; a < 3; a++) {
            positions[3 * (total + i) + a] = Math.fround(o[a]! + Math.fround(d[a]! * ts[i]!));
          }
        }
        rayIds.push(r);
        rayFirst.push(total);
        rayCount.push(k);
        total += k;
      }
      const nRays = rayIds.length;
      if (nRays === 0) throw new NgpcInputError(`${dataset.source}: no training ray hits an occupied cell`);
      positions.fill(0, 3 * total);
      const geo = await gpu.densityForward(positions);
      // Colour inputs: the 16 density outputs, then SH degree 4 of the ray direction (shared by the ray's samples).
      const dirs = new Float32Array(nRays * 3);
      for (let j = 0; j < nRays; j++) {
        for (let a = 0; a < 3; a++) dirs[3 * j + a] = (pool.rays[6 * rayIds[j]! + 3 + a]! + 1) / 2;
      }
      const sh = encodeShCpu(shSpec, dirs);
      colorIn.fill(0);
      for (let j = 0; j < nRays; j++) {
        for (let i = rayFirst[j]!; i < rayFirst[j]! + rayCount[j]!; i++) {
          colorIn.set(geo.subarray(NERF_GEO_FEATURES * i, NERF_GEO_FEATURES * (i + 1)), 32 * i);
          colorIn.set(sh.subarray(NERF_SH_FEATURES * j, NERF_SH_FEATURES * (j + 1)), 32 * i + 16);
        }
      }
      const rgbRaw = await gpu.colorForward(colorIn);
      // Composite each ray over a random background, Huber loss against the target on the same background.
      dRgb.fill(0);
      let loss = 0;
      let se = 0;
      const dSigma = new Float64Array(n);
      for (let j = 0; j < nRays; j++) {
        const first = rayFirst[j]!;
        const k = rayCount[j]!;
        const samples = {
          sigmaRaw: Float64Array.from({ length: k }, (_, i) => geo[NERF_GEO_FEATURES * (first + i)]!),
          rgbRaw: rgbRaw.subarray(3 * first, 3 * (first + k)),
          dt: new Float64Array(k).fill(dt),
        };
        const bg = [rng.next(), rng.next(), rng.next()];
        const fwd = compositeTrain(samples, bg);
        const px = rayIds[j]!;
        const a = pool.rgba[4 * px + 3]!;
        const dLdC = [0, 0, 0];
        for (let c = 0; c < 3; c++) {
          const target = pool.rgba[4 * px + c]! * a + (1 - a) * bg[c]!;
          const diff = fwd.rgb[c]! - target;
          se += diff * diff;
          const abs = Math.abs(diff);
          loss +=
            (abs > NERF_HUBER_DELTA ? abs - NERF_HUBER_DELTA / 2 : (diff * diff) / (2 * NERF_HUBER_DELTA)) /
            5;
          dLdC[c] = (abs > NERF_HUBER_DELTA ? Math.sign(diff) : diff / NERF_HUBER_DELTA) / 5 / (3 * nRays);
        }
        const g = compositeTrainBackward(samples, bg, dLdC);
        for (let i = 0; i < k; i++) {
          dSigma[first + i] = g.dSigmaRaw[i]!;
          for (let c = 0; c < 3; c++) dRgb[3 * (first + i) + c] = g.dRgbRaw[3 * i + c]!;
        }
      }
      const dColorIn = await gpu.colorBackward(dRgb);
      for (let i = 0; i < n; i++) {
        for (let k = 0; k < NERF_GEO_FEATURES; k++) dGeo[NERF_GEO_FEATURES * i + k] = dColorIn[32 * i + k]!;
        dGeo[NERF_GEO_FEATURES * i] = dGeo[NERF_GEO_FEATURES * i]! + dSigma[i]!;
      }
      gpu.densityBackwardAndStep(dGeo);
      if ((step + 1) % reportEvery === 0 || step + 1 === steps) {
        const p: NerfTrainProgress = {
          step: step + 1,
          steps,
          loss: loss / (3 * nRays),
          psnrDb: psnrDb(se / (3 * nRays)),
          samplesPerRay: total / nRays,
          rays: nRays,
          occupancy: occupiedCount(bitfield, cellsPerCascade(occ)) / cellsPerCascade(occ),
        };
        curve.push([p.step, p.loss, p.psnrDb, p.samplesPerRay]);
        options.onProgress?.(p);
      }
      const ev = options.evaluate;
      if (ev && ev.views.length > 0 && ((step + 1) % ev.every === 0 || step + 1 === steps)) {
        const params = await gpu.readParams();
        const psnrs = await evaluateNerfViews(
          ctx,
          trainedScene({ network, params, occupancy: occ, bitfield, march }),
          ev.views,
        );
        evalCurve.push([step + 1, psnrs.reduce((a, b) => a + b, 0) / psnrs.length]);
        options.onEvaluate?.(step + 1, psnrs);
      }
    }
    await ctx.device.queue.onSubmittedWorkDone();
    const params = await gpu.readParams();
    return { network, params, occupancy: occ, densityGrid, bitfield, march, adam, curve, evalCurve };
  } finally {
    gpu.destroy();
  }
}

function occupiedCount(bits: Uint32Array, nCells: number): number {
  let c = 0;
  for (let i = 0; i < nCells; i++) c += (bits[i >>> 5]! >>> (i & 31)) & 1;
  return c;
}
