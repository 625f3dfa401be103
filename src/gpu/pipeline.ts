// Compute pipelines from kernels/ (composed with typed constants), compiled once per device and cached.
import type { GpuContext } from './device.ts';
import { composeKernel, renderConstants, type WgslConstants } from './wgsl.ts';

const cache = new WeakMap<GPUDevice, Map<string, GPUComputePipeline>>();

export interface PipelineRequest {
  /** Kernel file under kernels/, e.g. "hashGrid.wgsl". */
  kernel: string;
  constants?: WgslConstants;
  entryPoint?: string;
  /** Label of the owner module, e.g. "encoding/hashGrid:forward". */
  label: string;
}

/** Compiles (or returns the cached) compute pipeline; WGSL compile errors are raised with their messages. */
export async function computePipeline(ctx: GpuContext, req: PipelineRequest): Promise<GPUComputePipeline> {
  const entryPoint = req.entryPoint ?? 'main';
  const key = `${req.kernel}#${entryPoint}\n${renderConstants(req.constants ?? {})}`;
  let perDevice = cache.get(ctx.device);
  if (!perDevice) cache.set(ctx.device, (perDevice = new Map()));
  const hit = perDevice.get(key);
  if (hit) return hit;

  const code = composeKernel(req.kernel, req.constants ?? {});
  const module = ctx.device.createShaderModule({ label: req.label, code });
  const info = await module.getCompilationInfo();
  const errors = info.messages.filter((m) => m.type === 'error');
  if (errors.length > 0) {
    const lines = code.split('\n');
    const detail = errors
      .map((m) => `  line ${m.lineNum}: ${m.message}\n    ${lines[m.lineNum - 1]?.trim() ?? ''}`)
      .join('\n');
    throw new Error(`WGSL compile error in ${req.kernel} (${req.label}):\n${detail}`);
  }
  ctx.device.pushErrorScope('validation');
  const pipeline = await ctx.device.createComputePipelineAsync({
    label: req.label,
    layout: 'auto',
    compute: { module, entryPoint },
  });
  const err = await ctx.device.popErrorScope();
  if (err) throw new Error(`pipeline ${req.label}: ${err.message}`);
  perDevice.set(key, pipeline);
  return pipeline;
}

/** A bind group for group 0 from buffers in binding order. */
export function bindBuffers(
  ctx: GpuContext,
  pipeline: GPUComputePipeline,
  label: string,
  buffers: readonly GPUBuffer[],
  group = 0,
): GPUBindGroup {
  return ctx.device.createBindGroup({
    label,
    layout: pipeline.getBindGroupLayout(group),
    entries: buffers.map((buffer, binding) => ({ binding, resource: { buffer } })),
  });
}

/** Records and submits one dispatch; returns when the GPU has finished it. */
export async function dispatch(
  ctx: GpuContext,
  pipeline: GPUComputePipeline,
  bindGroups: readonly GPUBindGroup[],
  workgroups: readonly [number, number?, number?],
  label = pipeline.label,
): Promise<void> {
  const encoder = ctx.device.createCommandEncoder({ label });
  const pass = encoder.beginComputePass({ label });
  pass.setPipeline(pipeline);
  for (const [i, g] of bindGroups.entries()) pass.setBindGroup(i, g);
  pass.dispatchWorkgroups(workgroups[0], workgroups[1] ?? 1, workgroups[2] ?? 1);
  pass.end();
  ctx.device.queue.submit([encoder.finish()]);
  await ctx.device.queue.onSubmittedWorkDone();
}

/** Splits a 1-D workgroup count over x and y so neither exceeds maxComputeWorkgroupsPerDimension. */
export function workgroupGrid(ctx: GpuContext, workgroups: number): [number, number] {
  const max = ctx.limits.maxComputeWorkgroupsPerDimension;
  if (workgroups <= max) return [Math.max(1, workgroups), 1];
  const y = Math.ceil(workgroups / max);
  return [Math.ceil(workgroups / y), y];
}
