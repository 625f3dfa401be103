// NGPC presets (configs/ngpc/*.json): the schema of the NFP and its engines, loading by name, NFP-count override.
import { z } from 'zod';
import { NgpcInputError } from '../errors.ts';
import { loadConfig } from './load.ts';
import { param, source, version } from './schema.ts';
import { configPath, configStore } from './store.ts';

/**
 * A whole number in [min, max] (counts of units, banks, cycles): a `count` param checked for integrality. The upper
 * bound (default 65536) keeps the event-by-event NFP simulation finite (issue 14: a batch of 1e9 queries hung it).
 */
function intParam(min: number, max = 65536) {
  return param('count', { min, max }).refine((p) => Number.isInteger(p.value), {
    error: 'expected a whole number',
  });
}

/** A named choice with provenance: `{ "value": "low-bits", "source": "assumption: …" }`. */
function choice<const T extends readonly [string, ...string[]]>(values: T) {
  return z.strictObject({ value: z.enum(values), source, note: z.string().optional() });
}

/** Area and energy of one arithmetic operator in the reference technology (45 nm, before scaling). */
const opCost = z.strictObject({ area: param('mm2', { min: 0 }), energy: param('joules', { min: 0 }) });

const encodingSchema = z.strictObject({
  /** Encoding engines per NFP; each owns one level (or several when L > engines, or one of a level's replicas). */
  engines: intParam(1),
  posFract: z.strictObject({
    /** FMA lanes: coordinates scaled and split per cycle. */
    lanes: intParam(1),
    latencyCycles: intParam(0),
  }),
  gridIndex: z.strictObject({
    /** Corner indices (dense stride or hash + mask) produced per cycle. */
    cornersPerCycle: intParam(1),
    /** Largest input dimensionality the index units are built for (multipliers per corner = maxDims − 1). */
    maxDims: intParam(1),
    latencyCycles: intParam(0),
  }),
  gridSram: z.strictObject({
    /** Capacity of one engine's grid SRAM. */
    bytes: param('bytes', { min: 1, max: 2 ** 40 }),
    banks: intParam(1),
    portsPerBank: intParam(1),
    /** Width of one bank read; corners of one query in the same word are served by one read. */
    wordBytes: param('bytes', { min: 1, max: 4096 }),
    /** How an entry's word address picks its bank. */
    bankMapping: choice(['low-bits', 'xor-fold'] as const),
    latencyCycles: intParam(0),
  }),
  interpolation: z.strictObject({
    /** Corner weights computed and corners accumulated per cycle. */
    cornersPerCycle: intParam(1),
    /** Features accumulated per corner per cycle (F > lanes takes several cycles). */
    featureLanes: intParam(1),
    latencyCycles: intParam(0),
  }),
  /** Queries buffered between consecutive sub-units of an engine (back-pressure beyond this). */
  stageFifoQueries: intParam(1),
  /** Input FIFO (positions) and output FIFO (features to the MLP engine) per engine, in queries. */
  inputFifoQueries: intParam(1),
  outputFifoQueries: intParam(1),
});

/** What stays in the MAC array during a fold: weights (ws), outputs (os) or inputs (is); see mlpEngine.ts. */
export const DATAFLOWS = ['ws', 'os', 'is'] as const;
export type Dataflow = (typeof DATAFLOWS)[number];

const mlpSchema = z.strictObject({
  arrayRows: intParam(1),
  arrayCols: intParam(1),
  /** Extra pipeline cycles per tile pass beyond the systolic skew (MAC latency, activation unit). */
  passOverheadCycles: intParam(0),
  /** Which operand stays in the array; absent means "ws" (the model before dataflows were configurable). */
  dataflow: choice(DATAFLOWS).optional(),
  /** Weight SRAM: holds every network of the app. */
  weightSramBytes: param('bytes', { min: 1, max: 2 ** 40 }),
  /** Activation SRAM (double-buffered): bounds the sub-batch a layer runs on. */
  activationSramBytes: param('bytes', { min: 1, max: 2 ** 40 }),
});

/** How NFP area and power are estimated (docs/model-ngpc.md §6); both read `ops` and the SRAM read energies. */
export const AREA_METHODS = ['direct-7nm', 'scaled-45nm'] as const;
export type AreaMethod = (typeof AREA_METHODS)[number];

/**
 * The paper's method (paper §3 [S]): every component at 45 nm, then scaled to the target node. The logic and SRAM
 * read energies are `ops` and `sramRead64bEnergy` (already 45 nm); this block holds the rest and the scale factors.
 */
const scaled45nmSchema = z.strictObject({
  /** 45 nm 6T SRAM bitcell area (CACTI's 45 nm cell). */
  sramBitcellArea: param('mm2', { positive: true }),
  sramArrayEfficiency: param('fraction', { positive: true, max: 1 }),
  sramLeakagePowerPerMiB: param('watts', { min: 0 }),
  /** 45 nm → target node, applied to every area (logic and SRAM alike). */
  areaScale: param('fraction', { positive: true, max: 1 }),
  /** 45 nm → target node, applied to every dynamic energy (so to peak power at a fixed clock). */
  energyScale: param('fraction', { positive: true, max: 1 }),
  /** 45 nm → target node, applied to SRAM leakage. */
  staticPowerScale: param('fraction', { positive: true, max: 1 }),
});

const techSchema = z.strictObject({
  node: z.string(),
  /** `direct-7nm`: target-node bitcell, ideal area and C·V² energy scaling (the fields below); `scaled-45nm`: `scaled45nm`. */
  areaMethod: choice(AREA_METHODS),
  scaled45nm: scaled45nmSchema,
  sramBitcellArea: param('mm2', { positive: true }),
  sramArrayEfficiency: param('fraction', { positive: true, max: 1 }),
  /** Register-file FIFOs cost more area per byte than dense SRAM. */
  fifoAreaFactor: param('count', { positive: true }),
  sramLeakagePowerPerMiB: param('watts', { min: 0 }),
  /** 64-bit read energy of an SRAM of `sramReadReferenceBytes` in the reference technology. */
  sramRead64bEnergy: param('joules', { positive: true }),
  sramReadReferenceBytes: param('bytes', { positive: true }),
  /** E(size) = E(ref) · (size/ref)^exponent. */
  sramEnergySizeExponent: param('fraction', { min: 0, max: 1 }),
  /** Scaling from the reference technology (45 nm) to the target node. */
  logicAreaScale: param('fraction', { positive: true, max: 1 }),
  energyScale: param('fraction', { positive: true, max: 1 }),
  /** Control, clocking and wiring on top of the datapath logic, as a fraction of it. */
  controlOverhead: param('fraction', { min: 0 }),
  ops: z.strictObject({
    fp16Mul: opCost,
    fp16Add: opCost,
    fp32Mul: opCost,
    fp32Add: opCost,
    int32Mul: opCost,
    int32Add: opCost,
  }),
});

export const ngpcConfigSchema = z.strictObject({
  version,
  name: z.string().min(1),
  description: z.string().optional(),
  /** Scaling factor: NGPC-8 … NGPC-64 (paper §3). */
  nfps: intParam(1, 4096),
  clock: param('hz', { min: 1e3, max: 1e12 }),
  precision: z.strictObject({
    format: choice(['fp16', 'fp32'] as const),
    bytesPerValue: param('bytes', { min: 1, max: 16 }),
    /** Query coordinates as they enter the NFP (tcnn positions are f32). */
    positionBytes: param('bytes', { min: 1, max: 16 }),
    /** A corner's table index between grid_index and the SRAM (u32 in tcnn). */
    indexBytes: param('bytes', { min: 1, max: 16 }),
  }),
  /** Queries simulated per batch (also the batch the NFP pipelines: encode N+1 while the MLP runs N). */
  batchQueries: intParam(1, 16384),
  encoding: encodingSchema,
  mlp: mlpSchema,
  memory: z.strictObject({
    /** Granularity of a grid-SRAM miss served by the host L2 (an L2 sector). */
    l2AccessBytes: param('bytes', { min: 1, max: 4096 }),
    /** How many times per frame the grid SRAMs are (re)loaded from L2. */
    tableLoadsPerFrame: param('count', { min: 0, max: 1e6 }),
  }),
  tech: techSchema,
});

export type NgpcConfig = z.output<typeof ngpcConfigSchema>;

/** configs/ngpc, resolved from this module so the library works from any working directory (Node's store). */
export const NGPC_CONFIG_DIR = configPath('ngpc', '');

export function loadNgpcConfig(file: string): NgpcConfig {
  return loadConfig(file, ngpcConfigSchema);
}

/** The preset names available in configs/ngpc (file names without .json), sorted. */
export function ngpcConfigNames(): string[] {
  return configStore()
    .list('ngpc')
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

/** Loads a preset by name (`ngpc-8` … `ngpc-64`); an unknown name lists the allowed ones. */
export function ngpcConfigByName(
  name: 'ngpc-8' | 'ngpc-16' | 'ngpc-32' | 'ngpc-64' | (string & {}),
): NgpcConfig {
  const names = ngpcConfigNames();
  if (!names.includes(name)) {
    throw new NgpcInputError(
      `unknown NGPC config ${JSON.stringify(name)}: expected one of ${names.join(', ')}`,
    );
  }
  // Named at call time: the store may have been replaced since this module loaded (the explorer page).
  return loadNgpcConfig(configPath('ngpc', `${name}.json`));
}

/** The same NGPC with its area and power estimated by another method (docs/model-ngpc.md §6). */
export function withAreaMethod(cfg: NgpcConfig, method: AreaMethod): NgpcConfig {
  if (cfg.tech.areaMethod.value === method) return cfg;
  return {
    ...cfg,
    tech: { ...cfg.tech, areaMethod: { value: method, source: `override of ${cfg.name}: ${method}` } },
  };
}

/** The same NGPC with another number of NFPs (a sweep axis); `nfps` must be a positive integer. */
export function withNfps(cfg: NgpcConfig, nfps: number): NgpcConfig {
  if (!Number.isInteger(nfps) || nfps < 1) {
    throw new NgpcInputError(`nfps = ${nfps}: expected a positive whole number of NFPs`);
  }
  return {
    ...cfg,
    name: /-\d+$/.test(cfg.name) ? cfg.name.replace(/-\d+$/, `-${nfps}`) : `${cfg.name}-${nfps}`,
    nfps: { value: nfps, source: `override of ${cfg.name}: ${nfps} NFPs` },
  };
}
