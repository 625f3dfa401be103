// Baseline-GPU presets (configs/gpus/*.json): schema, loading by name, and the efficiencies calibration writes.
import { z } from 'zod';
import { ConfigError, OptionError, verbatim } from '../errors.ts';
import { loadConfig } from './load.ts';
import { type Param, param, source, version } from './schema.ts';
import { configPath, configStore } from './store.ts';

/** The efficiencies the roofline applies (0 < e ≤ 1), fitted once on the RTX 3090 profile by `ngpc calibrate`. */
export const EFFICIENCY_NAMES = ['l2', 'dram', 'tensor', 'alu', 'rest'] as const;
export type EfficiencyName = (typeof EFFICIENCY_NAMES)[number];
export type GpuEfficiencies = Record<EfficiencyName, number>;

const efficiency = () => param('fraction', { positive: true, max: 1 });

/** One calibration target beside the model's value, as `ngpc calibrate --write` records it. */
export const calibrationResidualSchema = z.strictObject({
  id: z.string(),
  quantity: z.string(),
  target: z.number(),
  model: z.number(),
  residualPct: z.number(),
  source,
});

const calibratedEfficienciesSchema = z.strictObject({
  fittedBy: z.string().min(1),
  targets: z.string().min(1, { error: 'expected the calibration-targets file the fit used' }),
  l2: efficiency(),
  dram: efficiency(),
  tensor: efficiency(),
  alu: efficiency(),
  rest: efficiency(),
  maxAbsResidualPct: z.number().optional(),
  residuals: z.array(calibrationResidualSchema).optional(),
});

const reusedEfficienciesSchema = z.strictObject({
  reuse: z.string().regex(/^[a-z0-9-]+$/, { error: 'expected a GPU preset name such as "rtx3090"' }),
  source,
});

/**
 * Per-action energies of the baseline GPU (docs/model.md §6): published 45 nm operator and SRAM energies scaled to the
 * GPU's node by `energyScale`, DRAM energy per bit, static power, and one calibrated active power (clock tree,
 * instruction issue, register files, stalled warps) fitted so that the busy GPU draws its board power.
 */
const gpuEnergySchema = z.strictObject({
  /** FP32 FMA per ALU instruction (thread op), 45 nm. */
  aluOpEnergy: param('joules', { min: 0 }),
  /** FP16 multiply + add per tensor-core MAC, 45 nm. */
  tensorMacEnergy: param('joules', { min: 0 }),
  /** L2 SRAM access per byte, 45 nm. */
  l2ByteEnergy: param('joules', { min: 0 }),
  /** 45 nm → the GPU's node (applied to the three energies above). */
  energyScale: param('fraction', { positive: true, max: 1 }),
  /** DRAM energy per bit moved (array + I/O), at the DRAM's own node. */
  dramBitEnergy: param('joules', { min: 0 }),
  /** Leakage and fixed board power while the GPU runs kernels. */
  staticPowerW: param('watts', { min: 0 }),
  /** Power while a kernel runs beyond its action energies and static power; calibrated (busy = board power). */
  activePowerW: param('watts', { min: 0 }),
});

const choice = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.strictObject({ value: z.enum(values, { error: `expected one of ${values.join(', ')}` }), source });

/** A GPU preset: specs with sources, plus the model's parameters for it. Units are converted on load. */
export const gpuConfigSchema = z.strictObject({
  version,
  otype: z.literal('RooflineGpu', { error: 'expected "RooflineGpu"' }),
  name: z.string().regex(/^[a-z0-9-]+$/, { error: 'expected a lower-case preset name such as "rtx3090"' }),
  label: z.string(),
  architecture: z.string(),
  sms: param('count', { positive: true }),
  boostClockHz: param('hz', { positive: true }),
  tensorFp16AccFlopPerS: param('flopPerS', { positive: true }),
  tensorFp32AccFlopPerS: param('flopPerS', { positive: true }),
  aluOpPerS: param('opPerS', { positive: true }),
  dramBytesPerS: param('bytesPerS', { positive: true }),
  dramBytes: param('bytes', { positive: true }),
  l2Bytes: param('bytes', { positive: true }),
  l2BytesPerS: param('bytesPerS', { positive: true }),
  sectorBytes: param('bytes', { positive: true }),
  launchOverheadS: param('seconds', { min: 0 }),
  dieAreaMm2: param('mm2', { positive: true }),
  boardPowerW: param('watts', { positive: true }),
  idlePowerW: param('watts', { min: 0 }),
  l2UsableFraction: param('fraction', { positive: true, max: 1 }),
  mlpAccumulate: choice(['fp16', 'fp32'] as const),
  energy: gpuEnergySchema,
  efficiencies: z.union([calibratedEfficienciesSchema, reusedEfficienciesSchema], {
    error:
      'expected calibrated efficiencies {fittedBy, targets, l2, dram, tensor, alu, rest} or {reuse, source}',
  }),
});
export type GpuConfig = z.output<typeof gpuConfigSchema>;

/** The GPU's per-action energies in J (node scaling applied), static and calibrated active power in W. */
export interface GpuEnergySpec {
  aluOpJ: number;
  tensorMacJ: number;
  l2ByteJ: number;
  dramBitJ: number;
  staticPowerW: number;
  activePowerW: number;
}

/** A GPU as the model uses it: plain SI numbers, efficiencies resolved, and where each number came from. */
export interface GpuSpec {
  name: string;
  label: string;
  clockHz: number;
  /** The tensor-core rate the MLP kernels run at (FP16 or FP32 accumulate, per `mlpAccumulate`). */
  mlpTensorFlopPerS: number;
  mlpAccumulate: 'fp16' | 'fp32';
  aluOpPerS: number;
  dramBytesPerS: number;
  l2Bytes: number;
  l2BytesPerS: number;
  sectorBytes: number;
  launchOverheadS: number;
  dieAreaMm2: number;
  boardPowerW: number;
  idlePowerW: number;
  l2UsableFraction: number;
  efficiencies: GpuEfficiencies;
  energy: GpuEnergySpec;
  /** Which preset's calibration the efficiencies come from. */
  efficienciesFrom: string;
  /** Provenance of every parameter, keyed by config key. */
  sources: Record<string, string>;
}

/** Names of the GPU presets shipped in configs/gpus/, sorted. */
export function gpuPresetNames(): string[] {
  return configStore()
    .list('gpus')
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5))
    .sort();
}

/** Path of a preset, or an input error naming the allowed presets. */
export function gpuPresetPath(name: string, option = 'gpu'): string {
  const names = gpuPresetNames();
  if (!names.includes(name)) {
    throw new OptionError(
      option,
      verbatim(JSON.stringify(name)),
      `unknown GPU; expected one of ${names.join(', ')}`,
    );
  }
  return configPath('gpus', `${name}.json`);
}

const cache = new Map<string, GpuSpec>();

/** Loads a GPU preset by name (cached; presets are read-only while ngpc runs). */
export function loadGpu(name: string): GpuSpec {
  const hit = cache.get(name);
  if (hit) return hit;
  const spec = loadGpuFile(gpuPresetPath(name));
  cache.set(name, spec);
  return spec;
}

/** Forgets cached presets (after `ngpc calibrate --write` rewrote one). */
export function clearGpuCache(): void {
  cache.clear();
}

/** Loads a GPU config file; `reuse` efficiencies are read from the named preset. */
export function loadGpuFile(file: string, seen: string[] = []): GpuSpec {
  const cfg = loadConfig(file, gpuConfigSchema);
  let efficiencies: GpuEfficiencies;
  let efficienciesFrom = cfg.name;
  const sources: Record<string, string> = {};
  const e = cfg.efficiencies;
  if ('reuse' in e) {
    if (seen.includes(e.reuse) || e.reuse === cfg.name) {
      throw new ConfigError(file, [{ path: '$.efficiencies.reuse', value: e.reuse, message: 'reuse cycle' }]);
    }
    const donor = loadGpuFile(gpuPresetPathFor(file, e.reuse), [...seen, cfg.name]);
    efficiencies = donor.efficiencies;
    efficienciesFrom = donor.efficienciesFrom;
    for (const n of EFFICIENCY_NAMES)
      sources[`efficiencies.${n}`] = `${e.source} (${donor.sources[`efficiencies.${n}`]})`;
  } else {
    efficiencies = Object.fromEntries(EFFICIENCY_NAMES.map((n) => [n, e[n].value])) as GpuEfficiencies;
    for (const n of EFFICIENCY_NAMES) sources[`efficiencies.${n}`] = e[n].source;
  }
  for (const [key, value] of Object.entries(cfg)) {
    if (value && typeof value === 'object' && 'source' in value && key !== 'efficiencies') {
      sources[key] = (value as Param).source;
    }
  }
  for (const [key, value] of Object.entries(cfg.energy)) sources[`energy.${key}`] = value.source;
  const en = cfg.energy;
  const scale = en.energyScale.value;
  const fp16 = cfg.mlpAccumulate.value === 'fp16';
  return {
    name: cfg.name,
    label: cfg.label,
    clockHz: cfg.boostClockHz.value,
    mlpTensorFlopPerS: fp16 ? cfg.tensorFp16AccFlopPerS.value : cfg.tensorFp32AccFlopPerS.value,
    mlpAccumulate: cfg.mlpAccumulate.value,
    aluOpPerS: cfg.aluOpPerS.value,
    dramBytesPerS: cfg.dramBytesPerS.value,
    l2Bytes: cfg.l2Bytes.value,
    l2BytesPerS: cfg.l2BytesPerS.value,
    sectorBytes: cfg.sectorBytes.value,
    launchOverheadS: cfg.launchOverheadS.value,
    dieAreaMm2: cfg.dieAreaMm2.value,
    boardPowerW: cfg.boardPowerW.value,
    idlePowerW: cfg.idlePowerW.value,
    l2UsableFraction: cfg.l2UsableFraction.value,
    efficiencies,
    energy: {
      aluOpJ: en.aluOpEnergy.value * scale,
      tensorMacJ: en.tensorMacEnergy.value * scale,
      l2ByteJ: en.l2ByteEnergy.value * scale,
      dramBitJ: en.dramBitEnergy.value,
      staticPowerW: en.staticPowerW.value,
      activePowerW: en.activePowerW.value,
    },
    efficienciesFrom,
    sources,
  };
}

/** A donor preset lives beside the file that names it (so test fixtures can reuse their own donors). */
function gpuPresetPathFor(file: string, name: string): string {
  const dir = file.slice(0, Math.max(file.lastIndexOf('/'), 0));
  return `${dir || '.'}/${name}.json`;
}
