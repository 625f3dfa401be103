import { GRID_PARAM_BINDINGS } from '../../encoding/gridEncoding.gpu.ts';
import { readF32, readU32, storageBuffer, uniformBuffer } from '../../gpu/buffers.ts';
import { bindBuffers, computePipeline, workgroupGrid } from '../../gpu/pipeline.ts';
import { u32 } from '../../gpu/wgsl.ts';
import { dimsUniform } from '../../mlp/mlp.gpu.ts';
import { ACTIVATION_CODE } from '../../mlp/mlpActivation.ts';
import type { MlpLayout } from '../../mlp/mlpLayout.ts';
import { cameraWords, type NerfCamera } from './camera.ts';
import {
  LABEL,
  MAX_STEPS_PER_ROUND,
  NERF_STAGES,
  type NerfGpuModel,
  type NerfGpuRender,
  type NerfStage,
  WORKGROUP_SIZE,
} from './nerfRenderBase.gpu.ts';

/**
 * The unfused renderer's round loop: ray generation once, then rounds of march → encode → density MLP → SH → colour
 * MLP → composite → compact, one dispatch each; with `replay`, the network stages are replaced by the recorded outputs.
 */
export async function unfusedRounds(
  r: NerfGpuModel,
  camera: NerfCamera,
  samplesPerRound: number,
  timeStages: boolean,
  replay: { buffer: GPUBuffer; stride: number } | null,
): Promise<NerfGpuRender> {
  const { ctx } = r;
  const L = `${LABEL}:unfused${replay ? 'Rest' : ''}`;
  const nPx = camera.widthPx * camera.heightPx;
  const cap = Math.max(1, Math.min(samplesPerRound, nPx * MAX_STEPS_PER_ROUND));
  const encWidth = r.gridLayout.spec.nLevels * r.gridLayout.spec.nFeaturesPerLevel;
  const [pRay, pMarch, pSh, pComp, pCompact] = await Promise.all([
    r.pipeline('nerfStageRayGen.wgsl', `${L}:raygen`),
    r.pipeline('nerfStageMarch.wgsl', `${L}:march`),
    r.pipeline('nerfStageSh.wgsl', `${L}:sh`),
    r.pipeline('nerfStageComposite.wgsl', `${L}:composite`),
    r.pipeline('nerfStageCompact.wgsl', `${L}:compact`),
  ]);
  // The network stages of a round: the real ones, or one replay dispatch of the recorded outputs.
  const network = replay
    ? {
        replay,
        pReplay: await r.pipeline('nerfStageReplay.wgsl', `${L}:replay`, {
          RECORD_STRIDE: u32(replay.stride),
        }),
      }
    : {
        replay: null,
        pEnc: await r.pipeline('gridEncoding.wgsl', `${L}:encode`),
        pDensity: await computePipeline(ctx, {
          kernel: r.density.forwardKernel(),
          constants: r.density.forwardConstants(false),
          label: `${L}:densityMlp`,
        }),
        pColor: await computePipeline(ctx, {
          kernel: r.color.forwardKernel(),
          constants: r.color.forwardConstants(false),
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
    const dimsDensity = own(dimsUniform(ctx, r.densityLayout, `${L}:densityDims`, 0));
    const dimsColor = own(dimsUniform(ctx, r.color.layout, `${L}:colorDims`, 0));
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
        ctx.device.queue.writeBuffer(dimsDensity, 0, dimsWords(r.densityLayout, nRows));
        ctx.device.queue.writeBuffer(dimsColor, 0, dimsWords(r.color.layout, nRows));
      }
      await stage(
        'march',
        pMarch,
        [
          bindBuffers(ctx, pMarch, `${L}:march`, [
            round,
            r.bitfield,
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
            { binding: 0, resource: { buffer: r.levels } },
            { binding: 1, resource: { buffer: positions, size: nRows * 12 } },
            { binding: 2, resource: { buffer: encoded, size: nRows * encWidth * 4 } },
          ],
        });
        const [ex, ey] = grid1(nRows);
        await stage(
          'encode',
          network.pEnc,
          [encGroup, r.paramGroup(network.pEnc, `${L}:encode`)],
          [ex, ey, r.gridLayout.spec.nLevels],
        );
        await stage(
          'density',
          network.pDensity,
          [
            bindBuffers(ctx, network.pDensity, `${L}:densityMlp`, [
              r.density.weightBuffer,
              encoded,
              densityOut,
              dimsDensity,
              r.dummies[GRID_PARAM_BINDINGS]!,
            ]),
          ],
          r.density.forwardGrid(nRows),
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
              r.color.weightBuffer,
              colorIn,
              colorOut,
              dimsColor,
              r.dummies[GRID_PARAM_BINDINGS + 1]!,
            ]),
          ],
          r.color.forwardGrid(nRows),
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
