// GPU buffers: creation from typed arrays within the adapter's limits, and read-back to the CPU.
import { NgpcInputError } from '../errors.ts';
import type { GpuContext } from './device.ts';

/** Storage buffers are bound whole; a buffer larger than one binding must be split by the caller. */
export function checkBindingSize(ctx: GpuContext, bytes: number, label: string): void {
  const max = ctx.limits.maxStorageBufferBindingSize;
  if (bytes > max) {
    throw new NgpcInputError(
      `${label}: ${bytes} bytes exceeds this adapter's maxStorageBufferBindingSize (${max} bytes); split it across bindings`,
    );
  }
}

/** Rounds a byte count up to WebGPU's 4-byte copy alignment (and at least 4 bytes). */
export function alignTo4(bytes: number): number {
  return Math.max(4, Math.ceil(bytes / 4) * 4);
}

/** A storage buffer initialised from `data` (or zero-filled with `bytes`). */
export function storageBuffer(
  ctx: GpuContext,
  label: string,
  data: ArrayBufferView | { bytes: number },
  extraUsage = 0,
): GPUBuffer {
  const bytes = alignTo4(
    'bytes' in data && !ArrayBuffer.isView(data) ? data.bytes : (data as ArrayBufferView).byteLength,
  );
  checkBindingSize(ctx, bytes, label);
  const buffer = ctx.device.createBuffer({
    label,
    size: bytes,
    usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST | extraUsage,
    mappedAtCreation: ArrayBuffer.isView(data),
  });
  if (ArrayBuffer.isView(data)) {
    new Uint8Array(buffer.getMappedRange()).set(
      new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    );
    buffer.unmap();
  }
  return buffer;
}

/** A uniform buffer holding `data` (padded to 16 bytes). */
export function uniformBuffer(ctx: GpuContext, label: string, data: ArrayBufferView): GPUBuffer {
  const size = Math.max(16, Math.ceil(data.byteLength / 16) * 16);
  const buffer = ctx.device.createBuffer({
    label,
    size,
    usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
    mappedAtCreation: true,
  });
  new Uint8Array(buffer.getMappedRange()).set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  buffer.unmap();
  return buffer;
}

/** Copies `bytes` (default: all) of a buffer back to the CPU. */
export async function readBuffer(
  ctx: GpuContext,
  buffer: GPUBuffer,
  bytes = buffer.size,
): Promise<ArrayBuffer> {
  const size = alignTo4(bytes);
  const staging = ctx.device.createBuffer({
    label: `${buffer.label}:readback`,
    size,
    usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
  });
  const encoder = ctx.device.createCommandEncoder({ label: `${buffer.label}:readback` });
  encoder.copyBufferToBuffer(buffer, 0, staging, 0, size);
  ctx.device.queue.submit([encoder.finish()]);
  await staging.mapAsync(GPUMapMode.READ);
  const copy = staging.getMappedRange().slice(0, bytes);
  staging.unmap();
  staging.destroy();
  return copy;
}

export async function readF32(ctx: GpuContext, buffer: GPUBuffer, count?: number): Promise<Float32Array> {
  return new Float32Array(await readBuffer(ctx, buffer, count === undefined ? buffer.size : count * 4));
}

export async function readU32(ctx: GpuContext, buffer: GPUBuffer, count?: number): Promise<Uint32Array> {
  return new Uint32Array(await readBuffer(ctx, buffer, count === undefined ? buffer.size : count * 4));
}
