// NeRF rendering on WebGPU two ways: unfused (one dispatch per stage, repeated over marching rounds) and fused (one kernel).
import { fmaIsFused } from '../../encoding/fmaProbe.gpu.ts';
import { GRID_PARAM_BINDINGS, GridEncodingGpu, levelTable } from '../../encoding/gridEncoding.gpu.ts';
import { INTERPOLATION_CODE } from '../../encoding/gridEncoding.ts';
import { type LevelLayout, levelLayout } from '../../encoding/gridLayout.ts';
import { invariant } from '../../errors.ts';
import { readF32, readU32, storageBuffer, uniformBuffer } from '../../gpu/buffers.ts';
import type { GpuContext } from '../../gpu/device.ts';
import { bindBuffers, computePipeline, workgroupGrid } from '../../gpu/pipeline.ts';
import { bool, f32, u32, type WgslConstants } from '../../gpu/wgsl.ts';
import type { RgbImage } from '../../io/png.ts';
import { dimsUniform, MlpGpu } from '../../mlp/mlp.gpu.ts';
import { ACTIVATION_CODE } from '../../mlp/mlpActivation.ts';
import { type MlpLayout, mlpLayout } from '../../mlp/mlpLayout.ts';
import { cameraWords, NERF_WORLD_OFFSET, NERF_WORLD_SCALE, type NerfCamera } from './camera.ts';
import type { NerfScene } from './nerfRender.cpu.ts';
import { MAX_DEPTH } from './raymarch.ts';

const WORKGROUP_SIZE = 64;
const LABEL = 'apps/nerf';
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

/** A NeRF model bound to a device: grid tables, weights, occupancy bitfield; renders either way. */
export class NerfRendererGpu {
  private readonly gridLayout: LevelLayout;
  private readonly densityLayout: MlpLayout;
  private readonly grid: GridEncodingGpu;
  private readonly density: MlpGpu;
  private readonly color: MlpGpu;
  private readonly levels: GPUBuffer;
  private readonly fusedWeights: GPUBuffer;
  private readonly bitfield: GPUBuffer;
  private readonly dummies: GPUBuffer[];
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

  private async constants(): Promise<WgslConstants> {
    this.constantsCache ??= nerfConstants(
      this.scene,
      this.gridLayout,
      this.densityLayout,
      !(await fmaIsFused(this.ctx)),
    );
    return this.constantsCache;
  }

  private paramGroup(pipeline: GPUComputePipeline, label: string): GPUBindGroup {
    const chunks = this.grid.paramChunkBuffers;
    return bindBuffers(
      this.ctx,
      pipeline,
      `${label}:gridParams`,
      Array.from({ length: GRID_PARAM_BINDINGS }, (_, i) => chunks[i] ?? this.dummies[i]!),
      1,
    );
  }

  private async pipeline(
    kernel: string,
    label: string,
    extra: WgslConstants = {},
  ): Promise<GPUComputePipeline> {
    return computePipeline(this.ctx, { kernel, constants: { ...(await this.constants()), ...extra }, label });
  }

  /** Runs one per-pixel dispatch and reads back RGBA and sample counts. */
  private async onePass(
    camera: NerfCamera,
    label: string,
    pipeline: GPUComputePipeline,
    groupsOf: (cam: GPUBuffer, rgba: GPUBuffer, samples: GPUBuffer) => GPUBindGroup[],
  ): Promise<NerfGpuRender> {
    const { ctx } = this;
    const nPx = camera.widthPx * camera.heightPx;
    const cam = uniformBuffer(ctx, `${label}:camera`, cameraWords(camera));
    const rgba = storageBuffer(ctx, `${label}:rgba`, { bytes: nPx * 16 });
    const samples = storageBuffer(ctx, `${label}:samples`, { bytes: nPx * 4 });
    try {
      const groups = groupsOf(cam, rgba, samples);
      const [x, y] = workgroupGrid(ctx, Math.ceil(nPx / WORKGROUP_SIZE));
      const t0 = performance.now();
      const encoder = ctx.device.createCommandEncoder({ label });
      const pass = encoder.beginComputePass({ label });
      pass.setPipeline(pipeline);
      for (const [i, g] of groups.entries()) pass.setBindGroup(i, g);
      pass.dispatchWorkgroups(x, y);
      pass.end();
      ctx.device.queue.submit([encoder.finish()]);
      const out = await readF32(ctx, rgba, nPx * 4);
      const counts = await readU32(ctx, samples, nPx);
      const wallS = (performance.now() - t0) / 1000;
      let rows = 0;
      for (const c of counts) rows += c & ~TERMINATED_BIT;
      return {
        widthPx: camera.widthPx,
        heightPx: camera.heightPx,
        rgba: out,
        samples: counts,
        rounds: 1,
        networkRows: rows,
        wallS,
      };
    } finally {
      for (const b of [cam, rgba, samples]) b.destroy();
    }
  }

  /**
   * The fused renderer: one dispatch of kernels/nerfFused.wgsl. With `record`, the first `record.stride` network
   * outputs of every pixel are also written to `record.buffer` (nPx × stride vec4) for renderFusedRest.
   */
  async renderFused(
    camera: NerfCamera,
    record?: { buffer: GPUBuffer; stride: number },
  ): Promise<NerfGpuRender> {
    const label = `${LABEL}:fused${record ? 'Record' : ''}`;
    const pipeline = await this.pipeline('nerfFused.wgsl', label, {
      RECORD_STRIDE: u32(record?.stride ?? 0),
    });
    const recorded = record?.buffer ?? this.dummies[GRID_PARAM_BINDINGS]!;
    return this.onePass(camera, label, pipeline, (cam, rgba, samples) => [
      bindBuffers(this.ctx, pipeline, label, [
        cam,
        this.levels,
        this.fusedWeights,
        this.bitfield,
        rgba,
        samples,
        recorded,
      ]),
      this.paramGroup(pipeline, label),
    ]);
  }

  /**
   * The fused rest of the frame (kernels/nerfFusedRest.wgsl): ray generation, marching, SH and compositing in one
   * dispatch, replaying network outputs recorded by renderFused with the same stride (the NGPC's share of the frame).
   */
  async renderFusedRest(
    camera: NerfCamera,
    record: { buffer: GPUBuffer; stride: number },
  ): Promise<NerfGpuRender> {
    const label = `${LABEL}:fusedRest`;
    const pipeline = await this.pipeline('nerfFusedRest.wgsl', label, { RECORD_STRIDE: u32(record.stride) });
    return this.onePass(camera, label, pipeline, (cam, rgba, samples) => [
      bindBuffers(this.ctx, pipeline, label, [cam, this.bitfield, record.buffer, rgba, samples]),
    ]);
  }

  /**
   * The unfused renderer: ray generation once, then rounds of march → encode → density MLP → SH → colour MLP →
   * composite → compact, one dispatch each, until no ray is alive (instant-ngp's render loop, docs/sources.md#kernels-5-3).
   * With `timeStages` every stage is submitted and awaited alone and its wall time recorded.
   */
  async renderUnfused(
    camera: NerfCamera,
    { samplesPerRound = DEFAULT_SAMPLES_PER_ROUND, timeStages = false } = {},
  ): Promise<NerfGpuRender> {
    return this.unfusedRounds(camera, samplesPerRound, timeStages, null);
  }

  /**
   * The unfused rest of the frame: renderUnfused's rounds and rest stages (ray generation, march, SH, composite,
   * compact), one dispatch each, with encode → density MLP → colour MLP replaced by one dispatch of
   * kernels/nerfStageReplay.wgsl that copies the outputs renderFused recorded with the same stride (as renderFusedRest
   * replays them), so the two rest-of-frame renders do the same work, unfused and fused.
   */
  async renderUnfusedRest(
    camera: NerfCamera,
    record: { buffer: GPUBuffer; stride: number },
    { samplesPerRound = DEFAULT_SAMPLES_PER_ROUND } = {},
  ): Promise<NerfGpuRender> {
    return this.unfusedRounds(camera, samplesPerRound, false, record);
  }

  /** renderUnfused's round loop; with `replay`, the network stages are replaced by the recorded outputs. */
  private async unfusedRounds(
    camera: NerfCamera,
    samplesPerRound: number,
    timeStages: boolean,
    replay: { buffer: GPUBuffer; stride: number } | null,
  ): Promise<NerfGpuRender> {
    const { ctx } = this;
    const L = `${LABEL}:unfused${replay ? 'Rest' : ''}`;
    const nPx = camera.widthPx * camera.heightPx;
    const cap = Math.max(1, Math.min(samplesPerRound, nPx * MAX_STEPS_PER_ROUND));
    const encWidth = this.gridLayout.spec.nLevels * this.gridLayout.spec.nFeaturesPerLevel;
    const [pRay, pMarch, pSh, pComp, pCompact] = await Promise.all([
      this.pipeline('nerfStageRayGen.wgsl', `${L}:raygen`),
      this.pipeline('nerfStageMarch.wgsl', `${L}:march`),
      this.pipeline('nerfStageSh.wgsl', `${L}:sh`),
      this.pipeline('nerfStageComposite.wgsl', `${L}:composite`),
      this.pipeline('nerfStageCompact.wgsl', `${L}:compact`),
    ]);
    // The network stages of a round: the real ones, or one replay dispatch of the recorded outputs.
    const network = replay
      ? {
          replay,
          pReplay: await this.pipeline('nerfStageReplay.wgsl', `${L}:replay`, {
            RECORD_STRIDE: u32(replay.stride),
          }),
        }
      : {
          replay: null,
          pEnc: await this.pipeline('gridEncoding.wgsl', `${L}:encode`),
          pDensity: await computePipeline(ctx, {
            kernel: this.density.forwardKernel(),
            constants: this.density.forwardConstants(false),
            label: `${L}:densityMlp`,
          }),
          pColor: await computePipeline(ctx, {
            kernel: this.color.forwardKernel(),
            constants: this.color.forwardConstants(false),
            label: `${L}:colorMlp`,
          }),
        };
    const buf = (name: string, bytes: number) => storageBuffer(ctx, `${L}:${name}`, { bytes });
    const owned: GPUBuffer[] = [];
    const own = <T extends GPUBuffer>(b: T): T => {
      owned.push(b);
      return b;
    };
    try {
      const cam = own(uniformBuffer(ctx, `${L}:camera`, cameraWords(camera)));
      const rays = own(buf('rays', nPx * 32));
      const rgba = own(buf('rgba', nPx * 16));
      const samples = own(buf('samples', nPx * 4));
      const aliveA = own(buf('aliveA', nPx * 4));
      const aliveB = own(buf('aliveB', nPx * 4));
      const counter = own(buf('counter', 16));
      const nValid = own(buf('nValid', nPx * 4));
      const positions = own(buf('positions', cap * 12));
      const directions = own(buf('directions', cap * 12));
      const encoded = own(buf('encoded', network.replay ? 16 : cap * encWidth * 4));
      const densityOut = own(buf('densityOut', cap * 16 * 4));
      const colorIn = own(buf('colorIn', cap * 32 * 4));
      const colorOut = own(buf('colorOut', cap * 3 * 4));
      const round = own(
        ctx.device.createBuffer({
          label: `${L}:round`,
          size: 16,
          usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
        }),
      );
      const rows = own(
        ctx.device.createBuffer({
          label: `${L}:rows`,
          size: 16,
          usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
        }),
      );
      const dimsDensity = own(dimsUniform(ctx, this.densityLayout, `${L}:densityDims`, 0));
      const dimsColor = own(dimsUniform(ctx, this.color.layout, `${L}:colorDims`, 0));
      const dimsWords = (layout: MlpLayout, nRows: number) =>
        new Uint32Array([
          nRows,
          ACTIVATION_CODE[layout.spec.activation],
          ACTIVATION_CODE[layout.spec.outputActivation],
          0,
        ]);

      const stageS = Object.fromEntries(NERF_STAGES.map((s) => [s, 0])) as Record<NerfStage, number>;
      let encoder = ctx.device.createCommandEncoder({ label: L });
      const flush = async () => {
        ctx.device.queue.submit([encoder.finish()]);
        await ctx.device.queue.onSubmittedWorkDone();
        encoder = ctx.device.createCommandEncoder({ label: L });
      };
      const stage = async (
        name: NerfStage | 'replay',
        p: GPUComputePipeline,
        groups: GPUBindGroup[],
        wg: [number, number, number?],
      ) => {
        const pass = encoder.beginComputePass({ label: `${L}:${name}` });
        pass.setPipeline(p);
        for (const [i, g] of groups.entries()) pass.setBindGroup(i, g);
        pass.dispatchWorkgroups(wg[0], wg[1], wg[2] ?? 1);
        pass.end();
        if (timeStages && name !== 'replay') {
          const t = performance.now();
          await flush();
          stageS[name] += (performance.now() - t) / 1000;
        }
      };
      const grid1 = (n: number) => workgroupGrid(ctx, Math.ceil(Math.max(1, n) / WORKGROUP_SIZE));
      const readCounter = async () => (await readU32(ctx, counter, 1))[0]!;

      const t0 = performance.now();
      encoder.clearBuffer(counter);
      await stage(
        'raygen',
        pRay,
        [bindBuffers(ctx, pRay, `${L}:raygen`, [cam, rays, rgba, aliveA, counter, samples])],
        grid1(nPx),
      );
      if (!timeStages) await flush();
      let nAlive = await readCounter();
      let cur = aliveA;
      let next = aliveB;
      let rounds = 0;
      let networkRows = 0;
      while (nAlive > 0) {
        rounds++;
        const nSteps = Math.min(MAX_STEPS_PER_ROUND, Math.max(1, Math.floor(cap / nAlive)));
        const nRows = nAlive * nSteps;
        networkRows += nRows;
        ctx.device.queue.writeBuffer(round, 0, new Uint32Array([nAlive, nSteps, 0, 0]));
        ctx.device.queue.writeBuffer(rows, 0, new Uint32Array([nRows, 0, 0, 0]));
        if (!network.replay) {
          ctx.device.queue.writeBuffer(dimsDensity, 0, dimsWords(this.densityLayout, nRows));
          ctx.device.queue.writeBuffer(dimsColor, 0, dimsWords(this.color.layout, nRows));
        }
        await stage(
          'march',
          pMarch,
          [
            bindBuffers(ctx, pMarch, `${L}:march`, [
              round,
              this.bitfield,
              rays,
              cur,
              positions,
              directions,
              nValid,
            ]),
          ],
          grid1(nAlive),
        );
        if (network.replay) {
          await stage(
            'replay',
            network.pReplay,
            [
              bindBuffers(ctx, network.pReplay, `${L}:replay`, [
                round,
                rays,
                cur,
                nValid,
                network.replay.buffer,
                densityOut,
                colorOut,
              ]),
            ],
            grid1(nRows),
          );
        } else {
          // The grid kernel sizes itself by arrayLength: bind exactly this round's rows.
          const encGroup = ctx.device.createBindGroup({
            label: `${L}:encode`,
            layout: network.pEnc.getBindGroupLayout(0),
            entries: [
              { binding: 0, resource: { buffer: this.levels } },
              { binding: 1, resource: { buffer: positions, size: nRows * 12 } },
              { binding: 2, resource: { buffer: encoded, size: nRows * encWidth * 4 } },
            ],
          });
          const [ex, ey] = grid1(nRows);
          await stage(
            'encode',
            network.pEnc,
            [encGroup, this.paramGroup(network.pEnc, `${L}:encode`)],
            [ex, ey, this.gridLayout.spec.nLevels],
          );
          await stage(
            'density',
            network.pDensity,
            [
              bindBuffers(ctx, network.pDensity, `${L}:densityMlp`, [
                this.density.weightBuffer,
                encoded,
                densityOut,
                dimsDensity,
                this.dummies[GRID_PARAM_BINDINGS]!,
              ]),
            ],
            this.density.forwardGrid(nRows),
          );
        }
        await stage(
          'sh',
          pSh,
          [bindBuffers(ctx, pSh, `${L}:sh`, [rows, directions, densityOut, colorIn])],
          grid1(nRows),
        );
        if (!network.replay) {
          await stage(
            'color',
            network.pColor,
            [
              bindBuffers(ctx, network.pColor, `${L}:colorMlp`, [
                this.color.weightBuffer,
                colorIn,
                colorOut,
                dimsColor,
                this.dummies[GRID_PARAM_BINDINGS + 1]!,
              ]),
            ],
            this.color.forwardGrid(nRows),
          );
        }
        await stage(
          'composite',
          pComp,
          [
            bindBuffers(ctx, pComp, `${L}:composite`, [
              round,
              rays,
              cur,
              nValid,
              densityOut,
              colorOut,
              rgba,
              samples,
            ]),
          ],
          grid1(nAlive),
        );
        encoder.clearBuffer(counter);
        await stage(
          'compact',
          pCompact,
          [bindBuffers(ctx, pCompact, `${L}:compact`, [round, rays, cur, next, counter])],
          grid1(nAlive),
        );
        if (!timeStages) await flush();
        nAlive = await readCounter();
        [cur, next] = [next, cur];
      }
      const out = await readF32(ctx, rgba, nPx * 4);
      const counts = await readU32(ctx, samples, nPx);
      const wallS = (performance.now() - t0) / 1000;
      return {
        widthPx: camera.widthPx,
        heightPx: camera.heightPx,
        rgba: out,
        samples: counts,
        rounds,
        networkRows,
        wallS,
        ...(timeStages ? { stageS } : {}),
      };
    } finally {
      for (const b of owned) b.destroy();
    }
  }

  destroy(): void {
    for (const b of [this.levels, this.fusedWeights, this.bitfield, ...this.dummies]) b.destroy();
    this.grid.destroy();
    this.density.destroy();
    this.color.destroy();
  }
}
