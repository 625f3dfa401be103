// What `ngpc doctor` reports: the adapter, its features and the limits that matter, Node and package versions.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { NoAdapterError } from '../errors.ts';
import { type AdapterSummary, acquireGpu, RAISED_LIMITS } from './device.ts';

export interface DoctorReport {
  ok: boolean;
  adapter: (AdapterSummary & { name: string }) | null;
  /** Why no adapter was found, with what to install; empty when ok. */
  problem: string;
  features: string[];
  limits: Record<string, number>;
  /** Subgroup sizes the adapter reports (null when it does not say). */
  subgroups: { minSize: number | null; maxSize: number | null };
  /**
   * Matrix shapes `chromium_experimental_subgroup_matrix` offers (Dawn's adapter info), e.g. f16 × f16 → f32 at
   * 8×8×8: what a tensor-core MLP kernel could use. Empty when none.
   */
  subgroupMatrixConfigs: {
    componentType: string;
    resultComponentType: string;
    M: number;
    N: number;
    K: number;
  }[];
  node: string;
  platform: string;
  packages: Record<string, string>;
  env: { VK_ICD_FILENAMES: string | null };
}

const REPORTED_PACKAGES = ['ngpc', 'webgpu', '@webgpu/types', 'mathjs', 'yargs', 'zod', 'vitest'] as const;

function packageVersions(): Record<string, string> {
  const require = createRequire(import.meta.url);
  const out: Record<string, string> = {};
  for (const name of REPORTED_PACKAGES) {
    try {
      const file =
        name === 'ngpc'
          ? new URL('../../package.json', import.meta.url)
          : require.resolve(`${name}/package.json`);
      out[name] = JSON.parse(readFileSync(file, 'utf8')).version;
    } catch {
      out[name] = 'not installed';
    }
  }
  return out;
}

/** Acquires a device of its own (and destroys it) to describe what this machine offers. */
export async function doctor(): Promise<DoctorReport> {
  const base = {
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    packages: packageVersions(),
  };
  try {
    const ctx = await acquireGpu();
    const limits: Record<string, number> = {};
    for (const name of RAISED_LIMITS) limits[name] = (ctx.limits as any)[name];
    const info = ctx.adapter.info as GPUAdapterInfo & {
      subgroupMinSize?: number;
      subgroupMaxSize?: number;
      subgroupMatrixConfigs?: ArrayLike<Record<string, unknown>>;
    };
    const report: DoctorReport = {
      ok: true,
      adapter: { ...ctx.adapterInfo, name: ctx.adapterName },
      problem: '',
      features: [...ctx.adapter.features].sort(),
      limits,
      subgroups: { minSize: info.subgroupMinSize ?? null, maxSize: info.subgroupMaxSize ?? null },
      subgroupMatrixConfigs: Array.from(info.subgroupMatrixConfigs ?? [], (c) => ({
        componentType: String(c.componentType),
        resultComponentType: String(c.resultComponentType),
        M: Number(c.M),
        N: Number(c.N),
        K: Number(c.K),
      })),
      ...base,
      env: { VK_ICD_FILENAMES: process.env.VK_ICD_FILENAMES ?? null },
    };
    ctx.destroy();
    return report;
  } catch (e) {
    if (!(e instanceof NoAdapterError)) throw e;
    return {
      ok: false,
      adapter: null,
      problem: e.message,
      features: [],
      limits: {},
      subgroups: { minSize: null, maxSize: null },
      subgroupMatrixConfigs: [],
      ...base,
      env: { VK_ICD_FILENAMES: process.env.VK_ICD_FILENAMES ?? null },
    };
  }
}
