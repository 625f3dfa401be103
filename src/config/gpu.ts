// Baseline-GPU presets (configs/gpus/*.json): schema, loading by name, and the efficiencies calibration writes.
import { z } from 'zod';
import { ConfigError, OptionError, verbatim } from '../errors.ts';
import { loadConfig } from './load.ts';
import { doc, type Param, param, source, version } from './schema.ts';
import { configPath, configStore } from './store.ts';

/** The efficiencies the roofline applies (0 < e ≤ 1), fitted once on the RTX 3090 profile by `ngpc calibrate`. */
export const EFFICIENCY_NAMES = ['l2', 'dram', 'tensor', 'alu', 'rest'] as const;
export type EfficiencyName = (typeof EFFICIENCY_NAMES)[number];
export type GpuEfficiencies = Record<EfficiencyName, number>;

const efficiency = () => param('fraction', { positive: true, max: 1 });

/** One calibration target beside the model's value, as `ngpc calibrate --write` records it. */
export const calibrationResidualSchema = z.strictObject({
  id: doc(z.string(), 'calibration target id (configs/calibration)'),
  quantity: doc(z.string(), 'what the target measures'),
  target: doc(z.number(), 'the published value'),
  model: doc(z.number(), "the model's value after the fit"),
  residualPct: doc(z.number(), 'model / target − 1, in %'),
  source,
});

const calibratedEfficienciesSchema = z.strictObject({
  fittedBy: doc(z.string().min(1), 'the command that wrote these efficiencies'),
  targets: doc(
    z.string().min(1, { error: 'expected the calibration-targets file the fit used' }),
    'the calibration-targets file the fit used',
  ),
  l2: doc(efficiency(), 'fraction of peak L2 bandwidth scattered look-ups reach (0–1]'),
  dram: doc(efficiency(), 'fraction of peak DRAM bandwidth reached (0–1]'),
  tensor: doc(efficiency(), 'fraction of peak tensor-core rate the fused MLP reaches (0–1]'),
  alu: doc(efficiency(), 'fraction of peak ALU rate reached (0–1]'),
  rest: doc(efficiency(), 'fraction of roofline speed the remaining (rest) kernels reach (0–1]'),
  maxAbsResidualPct: doc(z.number().optional(), 'largest |residual| of the fit, in %'),
  residuals: doc(
    z.array(calibrationResidualSchema).optional(),
    'each calibration target beside the fitted model',
  ),
});

const reusedEfficienciesSchema = z.strictObject({
  reuse: doc(
    z.string().regex(/^[a-z0-9-]+$/, { error: 'expected a GPU preset name such as "rtx3090"' }),
    'take the efficiencies of this calibrated preset (e.g. "rtx3090")',
  ),
  source,
});

/**
 * Per-action energies of the baseline GPU (docs/model.md §6): published 45 nm operator and SRAM energies scaled to the
 * GPU's node by `energyScale`, DRAM energy per bit, static power, and one calibrated active power (clock tree,
 * instruction issue, register files, stalled warps) fitted so that the busy GPU draws its board power.
 */
const gpuEnergySchema = z.strictObject({
  /** FP32 FMA per ALU instruction (thread op), 45 nm. */
  aluOpEnergy: doc(param('joules', { min: 0 }), 'energy of one FP32 FMA (ALU thread op) at 45 nm'),
  /** FP16 multiply + add per tensor-core MAC, 45 nm. */
  tensorMacEnergy: doc(param('joules', { min: 0 }), 'energy of one FP16 tensor-core MAC at 45 nm'),
  /** L2 SRAM access per byte, 45 nm. */
  l2ByteEnergy: doc(param('joules', { min: 0 }), 'L2 SRAM access energy per byte at 45 nm'),
  /** 45 nm → the GPU's node (applied to the three energies above). */
  energyScale: doc(
    param('fraction', { positive: true, max: 1 }),
    "45 nm → the GPU's node factor on the three energies above",
  ),
  /** DRAM energy per bit moved (array + I/O), at the DRAM's own node. */
  dramBitEnergy: doc(param('joules', { min: 0 }), 'DRAM energy per bit moved (array + I/O)'),
  /** Leakage and fixed board power while the GPU runs kernels. */
  staticPowerW: doc(param('watts', { min: 0 }), 'leakage and fixed board power while kernels run'),
  /** Power while a kernel runs beyond its action energies and static power; calibrated (busy = board power). */
  activePowerW: doc(
    param('watts', { min: 0 }),
    'calibrated power beyond action energies and static power while a kernel runs (busy GPU = board power)',
  ),
});

const choice = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.strictObject({
    value: doc(
      z.enum(values, { error: `expected one of ${values.join(', ')}` }),
      `one of ${values.join(', ')}`,
    ),
    source,
  });

/** A GPU preset: specs with sources, plus the model's parameters for it. Units are converted on load. */
export const gpuConfigSchema = z.strictObject({
  version,
  otype: doc(z.literal('RooflineGpu', { error: 'expected "RooflineGpu"' }), 'component type: "RooflineGpu"'),
  name: doc(
    z.string().regex(/^[a-z0-9-]+$/, { error: 'expected a lower-case preset name such as "rtx3090"' }),
    'preset name, as a design point names its gpu (e.g. "rtx3090")',
  ),
  label: doc(z.string(), 'full product name for reports'),
  architecture: doc(z.string(), 'die and architecture, e.g. "GA102 (Ampere)"'),
  sms: doc(param('count', { positive: true }), 'streaming multiprocessors'),
  boostClockHz: doc(param('hz', { positive: true }), 'boost clock'),
  tensorFp16AccFlopPerS: doc(
    param('flopPerS', { positive: true }),
    'dense FP16 tensor rate with FP16 accumulation',
  ),
  tensorFp32AccFlopPerS: doc(
    param('flopPerS', { positive: true }),
    'dense FP16 tensor rate with FP32 accumulation',
  ),
  aluOpPerS: doc(param('opPerS', { positive: true }), 'non-tensor FP32 operation rate'),
  dramBytesPerS: doc(param('bytesPerS', { positive: true }), 'DRAM bandwidth'),
  dramBytes: doc(param('bytes', { positive: true }), 'DRAM capacity'),
  l2Bytes: doc(param('bytes', { positive: true }), 'L2 capacity'),
  l2BytesPerS: doc(param('bytesPerS', { positive: true }), 'L2 bandwidth'),
  sectorBytes: doc(param('bytes', { positive: true }), 'L2/DRAM access granularity (a sector)'),
  launchOverheadS: doc(param('seconds', { min: 0 }), 'time per kernel launch'),
  dieAreaMm2: doc(param('mm2', { positive: true }), 'die area (NGPC area overhead is relative to it)'),
  boardPowerW: doc(param('watts', { positive: true }), 'board power (NGPC power overhead is relative to it)'),
  idlePowerW: doc(param('watts', { min: 0 }), 'board power at idle'),
  l2UsableFraction: doc(
    param('fraction', { positive: true, max: 1 }),
    'fraction of L2 a look-up table can occupy',
  ),
  mlpAccumulate: doc(
    choice(['fp16', 'fp32'] as const),
    'accumulation precision of the MLP tensor ops (tcnn fully fused MLP: fp16)',
  ),
  energy: gpuEnergySchema,
  efficiencies: doc(
    z.union([calibratedEfficienciesSchema, reusedEfficienciesSchema], {
      error:
        'expected calibrated efficiencies {fittedBy, targets, l2, dram, tensor, alu, rest} or {reuse, source}',
    }),
    'roofline efficiencies: fitted here by ngpc calibrate, or reused from a calibrated preset',
  ),
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
