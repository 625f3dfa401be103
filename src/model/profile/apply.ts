// Applies a profile's settings to the shipped configs: a GPU with the profile's efficiencies, an NGPC preset with
// its clock/dataflow/residency/area method, and an app's samples per pixel. Results are memoised per settings
// object so sweeps and fits reuse the NGPC and baseline caches keyed by object identity.
import type { GpuEfficiencies, GpuSpec } from '../../config/gpu.ts';
import type { NgpcConfig } from '../../config/ngpc.ts';
import type { WorkloadOverrides } from '../../workload/frameWorkload.ts';
import type { ProfileSettings } from './settings.ts';

// GPUs are memoised by the efficiencies object (shared by every settings of one calibration, e.g. a fit's clock steps).
const gpuMemo = new WeakMap<GpuSpec, WeakMap<GpuEfficiencies, GpuSpec>>();
const ngpcMemo = new WeakMap<NgpcConfig, WeakMap<ProfileSettings, NgpcConfig>>();

function memo<K extends object, S extends object, V>(
  table: WeakMap<K, WeakMap<S, V>>,
  key: K,
  by: S,
  make: () => V,
): V {
  let inner = table.get(key);
  if (!inner) table.set(key, (inner = new WeakMap()));
  let v = inner.get(by);
  if (v === undefined) inner.set(by, (v = make()));
  return v;
}

/** The GPU under a profile: the profile's efficiencies where the GPU reuses the calibrated GPU's. */
export function profileGpu(gpu: GpuSpec, s: ProfileSettings): GpuSpec {
  if (!s.efficiencies || gpu.efficienciesFrom !== s.efficienciesGpu) return gpu;
  const efficiencies = s.efficiencies;
  return memo(gpuMemo, gpu, efficiencies, () => ({
    ...gpu,
    efficiencies: { ...efficiencies },
    efficienciesFrom: `${gpu.efficienciesFrom} (${s.name})`,
    sources: { ...gpu.sources, efficiencies: s.source },
  }));
}

/** The NGPC preset under a profile (the preset itself when the profile changes nothing in it). */
export function profileNgpc(cfg: NgpcConfig, s: ProfileSettings): NgpcConfig {
  if (
    s.clockHz === undefined &&
    s.tableLoadsPerFrame === undefined &&
    s.mlpDataflow === undefined &&
    s.areaMethod === undefined
  ) {
    return cfg;
  }
  return memo(ngpcMemo, cfg, s, () => {
    const source = s.source;
    return {
      ...cfg,
      clock: s.clockHz === undefined ? cfg.clock : { value: s.clockHz, source },
      mlp: s.mlpDataflow === undefined ? cfg.mlp : { ...cfg.mlp, dataflow: { value: s.mlpDataflow, source } },
      memory:
        s.tableLoadsPerFrame === undefined
          ? cfg.memory
          : { ...cfg.memory, tableLoadsPerFrame: { value: s.tableLoadsPerFrame, source } },
      tech:
        s.areaMethod === undefined ? cfg.tech : { ...cfg.tech, areaMethod: { value: s.areaMethod, source } },
    };
  });
}

/** Samples per pixel replacing an app's assumption under the profile; undefined keeps the assumption. */
export function profileSamplesPerPixel(
  app: string,
  assumed: number,
  s: ProfileSettings,
): WorkloadOverrides['samplesPerPixel'] {
  if (s.samplesPerPixelScale === 1 || !s.scaledApps.includes(app)) return undefined;
  return {
    value: assumed * s.samplesPerPixelScale,
    source: `${s.name}: ${s.samplesPerPixelScale.toPrecision(4)} x the app config's assumption (${s.source})`,
  };
}
