// WebGPU device acquisition through Dawn's Node binding, with a software-Vulkan fallback and clean teardown.
import { existsSync } from 'node:fs';
import { NoAdapterError } from '../errors.ts';
import { withNativeStderrFiltered } from './nativeStderr.ts';

/** Optional features requested whenever the adapter offers them. */
export const OPTIONAL_FEATURES = ['shader-f16', 'subgroups', 'timestamp-query'] as const;

/** Limits raised to the adapter's maximum (the defaults are far below what kernels need). */
export const RAISED_LIMITS = [
  'maxComputeWorkgroupStorageSize',
  'maxStorageBufferBindingSize',
  'maxBufferSize',
  'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupSizeX',
  'maxComputeWorkgroupsPerDimension',
  'maxStorageBuffersPerShaderStage',
] as const;

/** Software Vulkan drivers tried, in order, when no adapter is found with the default loader setup. */
export const SOFTWARE_ICDS = [
  '/usr/share/vulkan/icd.d/lvp_icd.json',
  '/usr/share/vulkan/icd.d/lvp_icd.x86_64.json',
  '/usr/share/vulkan/icd.d/lvp_icd.aarch64.json',
  '/usr/lib/chromium/vk_swiftshader_icd.json',
] as const;

export const INSTALL_HINT = [
  'no WebGPU adapter: Dawn needs a Vulkan driver, and no software driver (Mesa lavapipe >= 24, SwiftShader) was found.',
  'On Debian 12, as root: bash scripts/setup-gpu.sh   (installs mesa-vulkan-drivers from bookworm-backports)',
  'On Ubuntu 24.04+: apt-get install mesa-vulkan-drivers libvulkan1',
  'Or set VK_ICD_FILENAMES to a Vulkan ICD json (e.g. /usr/lib/chromium/vk_swiftshader_icd.json).',
].join('\n');

export interface AdapterSummary {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  backend: string;
  /** True for CPU implementations (lavapipe/llvmpipe, SwiftShader): timings mean nothing for a real GPU. */
  isSoftware: boolean;
  /** The Vulkan ICD file in use when we had to pick one, else null. */
  icd: string | null;
}

/** A ready device plus everything that must stay alive with it. */
export interface GpuContext {
  /** Dawn's instance: keep referenced for the device's lifetime (GC of it segfaults Dawn). */
  readonly instance: GPU;
  readonly adapter: GPUAdapter;
  readonly device: GPUDevice;
  readonly adapterInfo: AdapterSummary;
  readonly features: ReadonlySet<string>;
  readonly limits: GPUSupportedLimits;
  /** Human-readable adapter name for reports: "llvmpipe: Mesa 25.0.7 … (vulkan, software)". */
  readonly adapterName: string;
  destroy(): void;
}

type DawnModule = { create: (flags: string[]) => GPU; globals: Record<string, unknown> };

async function loadDawn(): Promise<DawnModule> {
  const mod = (await import('webgpu')) as unknown as DawnModule;
  // WebGPU constants (GPUBufferUsage, …) are globals in browsers; Dawn's binding exports them.
  Object.assign(globalThis, mod.globals);
  return mod;
}

export function isSoftwareAdapter(info: {
  vendor?: string;
  architecture?: string;
  description?: string;
}): boolean {
  const text = `${info.vendor ?? ''} ${info.architecture ?? ''} ${info.description ?? ''}`.toLowerCase();
  return (
    /llvmpipe|lavapipe|swiftshader|software|warp|mesa/.test(text) && !/nvidia|amd|radeon|intel/.test(text)
  );
}

async function tryAdapter(
  dawn: DawnModule,
  flags: string[],
): Promise<{ instance: GPU; adapter: GPUAdapter } | null> {
  const instance = dawn.create(flags);
  const adapter = await withNativeStderrFiltered(() =>
    instance.requestAdapter({ powerPreference: 'high-performance' }),
  );
  return adapter ? { instance, adapter } : null;
}

export interface AcquireOptions {
  /** Dawn backend, e.g. "vulkan" or "null"; default: Dawn's choice. */
  backend?: string;
  /** Adapter name substring, passed to Dawn's `adapter=` option. */
  adapterName?: string;
}

/** Returns a ready device: real limits and optional features requested, software driver tried as fallback. */
export async function acquireGpu(options: AcquireOptions = {}): Promise<GpuContext> {
  process.env.XDG_RUNTIME_DIR ??= '/tmp';
  const dawn = await loadDawn();
  const flags: string[] = [];
  if (options.backend) flags.push(`backend=${options.backend}`);
  if (options.adapterName) flags.push(`adapter=${options.adapterName}`);

  let found = await tryAdapter(dawn, flags);
  let icd: string | null = null;
  if (!found && !process.env.VK_ICD_FILENAMES) {
    for (const candidate of SOFTWARE_ICDS) {
      if (!existsSync(candidate)) continue;
      process.env.VK_ICD_FILENAMES = candidate;
      found = await tryAdapter(dawn, flags);
      if (found) {
        icd = candidate;
        break;
      }
      delete process.env.VK_ICD_FILENAMES;
    }
  }
  if (!found) {
    const tried = process.env.VK_ICD_FILENAMES
      ? `VK_ICD_FILENAMES=${process.env.VK_ICD_FILENAMES}`
      : `default Vulkan loader; software ICDs looked for: ${SOFTWARE_ICDS.join(', ')}`;
    throw new NoAdapterError(`${INSTALL_HINT}\n(tried: ${tried})`);
  }
  const { instance, adapter } = found;

  const requiredFeatures = OPTIONAL_FEATURES.filter((f) => adapter.features.has(f)) as GPUFeatureName[];
  const requiredLimits: Record<string, number> = {};
  for (const name of RAISED_LIMITS) requiredLimits[name] = (adapter.limits as any)[name];
  const device = await adapter.requestDevice({ requiredFeatures, requiredLimits, label: 'ngpc' });

  const raw = adapter.info;
  const adapterInfo: AdapterSummary = {
    vendor: raw.vendor,
    architecture: raw.architecture,
    device: raw.device,
    description: raw.description,
    backend: (raw as any).backendType ?? backendFromFlags(flags),
    isSoftware: isSoftwareAdapter(raw),
    icd,
  };
  let destroyed = false;
  const ctx: GpuContext = {
    instance,
    adapter,
    device,
    adapterInfo,
    features: new Set([...device.features]),
    limits: device.limits,
    adapterName: `${adapterInfo.description || adapterInfo.vendor || 'unknown adapter'} (${adapterInfo.backend}${
      adapterInfo.isSoftware ? ', software' : ''
    })`,
    destroy() {
      if (destroyed) return;
      destroyed = true;
      device.destroy();
    },
  };
  return ctx;
}

function backendFromFlags(flags: string[]): string {
  const f = flags.find((x) => x.startsWith('backend='));
  return f ? f.slice('backend='.length) : process.platform === 'linux' ? 'vulkan' : 'default';
}

let shared: Promise<GpuContext> | undefined;

/**
 * The process-wide device, created on first use and destroyed when the event loop drains
 * (never via process.exit: Dawn aborts if work is in flight).
 */
export function sharedGpu(): Promise<GpuContext> {
  if (!shared) {
    shared = acquireGpu();
    shared.then(
      (ctx) => process.once('beforeExit', () => ctx.destroy()),
      () => {
        shared = undefined;
      },
    );
  }
  return shared;
}

/** Like sharedGpu, but resolves to null (with the reason) when no adapter exists. */
export async function tryGpu(): Promise<{ ctx: GpuContext | null; reason: string }> {
  try {
    return { ctx: await sharedGpu(), reason: '' };
  } catch (e) {
    if (e instanceof NoAdapterError) return { ctx: null, reason: e.message };
    throw e;
  }
}
