// NGPC presets (configs/ngpc/*.json): the schema of the NFP and its engines, loading by name, NFP-count override.
import { z } from 'zod';
import { NgpcInputError } from '../errors.ts';
import { loadConfig } from './load.ts';
import { doc, param, source, version } from './schema.ts';
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
  return z.strictObject({
    value: doc(z.enum(values), `one of ${values.join(', ')}`),
    source,
    note: doc(z.string().optional(), 'free text for readers; not used by the model'),
  });
}

/** Area and energy of one arithmetic operator in the reference technology (45 nm, before scaling). */
const opCost = z.strictObject({
  area: doc(param('mm2', { min: 0 }), 'operator area at 45 nm'),
  energy: doc(param('joules', { min: 0 }), 'energy per operation at 45 nm'),
});

const encodingSchema = z.strictObject({
  /** Encoding engines per NFP; each owns one level (or several when L > engines, or one of a level's replicas). */
  engines: doc(intParam(1), 'encoding engines per NFP'),
  posFract: z.strictObject({
    /** FMA lanes: coordinates scaled and split per cycle. */
    lanes: doc(intParam(1), 'FMA lanes of pos_fract: coordinates scaled and split per cycle'),
    latencyCycles: doc(intParam(0), 'pipeline latency of this sub-unit'),
  }),
  gridIndex: z.strictObject({
    /** Corner indices (dense stride or hash + mask) produced per cycle. */
    cornersPerCycle: doc(intParam(1), 'corners handled per cycle by this sub-unit'),
    /** Largest input dimensionality the index units are built for (multipliers per corner = maxDims − 1). */
    maxDims: doc(intParam(1), 'largest input dimensionality the index units support'),
    latencyCycles: doc(intParam(0), 'pipeline latency of this sub-unit'),
  }),
  gridSram: z.strictObject({
    /** Capacity of one engine's grid SRAM. */
    bytes: doc(param('bytes', { min: 1, max: 2 ** 40 }), "capacity of one engine's grid SRAM"),
    banks: doc(intParam(1), 'SRAM banks'),
    portsPerBank: doc(intParam(1), 'read ports per bank'),
    /** Width of one bank read; corners of one query in the same word are served by one read. */
    wordBytes: doc(param('bytes', { min: 1, max: 4096 }), 'width of one bank read'),
    /** How an entry's word address picks its bank. */
    bankMapping: doc(choice(['low-bits', 'xor-fold'] as const), "how an entry's address picks its bank"),
    latencyCycles: doc(intParam(0), 'pipeline latency of this sub-unit'),
  }),
  interpolation: z.strictObject({
    /** Corner weights computed and corners accumulated per cycle. */
    cornersPerCycle: doc(intParam(1), 'corners handled per cycle by this sub-unit'),
    /** Features accumulated per corner per cycle (F > lanes takes several cycles). */
    featureLanes: doc(intParam(1), 'features accumulated per corner per cycle'),
    latencyCycles: doc(intParam(0), 'pipeline latency of this sub-unit'),
  }),
  /** Queries buffered between consecutive sub-units of an engine (back-pressure beyond this). */
  stageFifoQueries: doc(intParam(1), 'queries buffered between sub-units'),
  /** Input FIFO (positions) and output FIFO (features to the MLP engine) per engine, in queries. */
  inputFifoQueries: doc(intParam(1), 'input (position) FIFO depth per engine, in queries'),
  outputFifoQueries: doc(intParam(1), 'output (feature) FIFO depth per engine, in queries'),
});

/** What stays in the MAC array during a fold: weights (ws), outputs (os) or inputs (is); see mlpEngine.ts. */
export const DATAFLOWS = ['ws', 'os', 'is'] as const;
export type Dataflow = (typeof DATAFLOWS)[number];

const mlpSchema = z.strictObject({
  arrayRows: doc(intParam(1), 'MAC array rows'),
  arrayCols: doc(intParam(1), 'MAC array columns'),
  /** Extra pipeline cycles per tile pass beyond the systolic skew (MAC latency, activation unit). */
  passOverheadCycles: doc(intParam(0), 'extra cycles per tile pass beyond the systolic skew'),
  /** Which operand stays in the array; absent means "ws" (the model before dataflows were configurable). */
  dataflow: doc(
    choice(DATAFLOWS).optional(),
    'operand that stays in the array: ws (weights), os (outputs), is (inputs); default ws',
  ),
  /** Weight SRAM: holds every network of the app. */
  weightSramBytes: doc(
    param('bytes', { min: 1, max: 2 ** 40 }),
    'weight SRAM capacity (holds every network of the app)',
  ),
  /** Activation SRAM (double-buffered): bounds the sub-batch a layer runs on. */
  activationSramBytes: doc(
    param('bytes', { min: 1, max: 2 ** 40 }),
    'activation SRAM capacity (double-buffered)',
  ),
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
  sramBitcellArea: doc(param('mm2', { positive: true }), 'SRAM bitcell area'),
  sramArrayEfficiency: doc(param('fraction', { positive: true, max: 1 }), 'bitcell area / SRAM macro area'),
  sramLeakagePowerPerMiB: doc(param('watts', { min: 0 }), 'SRAM leakage power per MiB'),
  /** 45 nm → target node, applied to every area (logic and SRAM alike). */
  areaScale: doc(param('fraction', { positive: true, max: 1 }), '45 nm → target-node area factor'),
  /** 45 nm → target node, applied to every dynamic energy (so to peak power at a fixed clock). */
  energyScale: doc(
    param('fraction', { positive: true, max: 1 }),
    'reference (45 nm) → target-node dynamic-energy factor',
  ),
  /** 45 nm → target node, applied to SRAM leakage. */
  staticPowerScale: doc(param('fraction', { positive: true, max: 1 }), '45 nm → target-node leakage factor'),
});

const techSchema = z.strictObject({
  node: doc(z.string(), 'target process node, e.g. "7 nm"'),
  /** `direct-7nm`: target-node bitcell, ideal area and C·V² energy scaling (the fields below); `scaled-45nm`: `scaled45nm`. */
  areaMethod: doc(
    choice(AREA_METHODS),
    'area/power method: direct-7nm or scaled-45nm (docs/model-ngpc.md §6)',
  ),
  scaled45nm: scaled45nmSchema,
  sramBitcellArea: doc(param('mm2', { positive: true }), 'SRAM bitcell area'),
  sramArrayEfficiency: doc(param('fraction', { positive: true, max: 1 }), 'bitcell area / SRAM macro area'),
  /** Register-file FIFOs cost more area per byte than dense SRAM. */
  fifoAreaFactor: doc(param('count', { positive: true }), 'area per FIFO byte relative to dense SRAM'),
  sramLeakagePowerPerMiB: doc(param('watts', { min: 0 }), 'SRAM leakage power per MiB'),
  /** 64-bit read energy of an SRAM of `sramReadReferenceBytes` in the reference technology. */
  sramRead64bEnergy: doc(
    param('joules', { positive: true }),
    '64-bit read energy of the reference-size SRAM',
  ),
  sramReadReferenceBytes: doc(
    param('bytes', { positive: true }),
    'size of the SRAM the read energy refers to',
  ),
  /** E(size) = E(ref) · (size/ref)^exponent. */
  sramEnergySizeExponent: doc(param('fraction', { min: 0, max: 1 }), 'E(size) = E(ref)·(size/ref)^exponent'),
  /** Scaling from the reference technology (45 nm) to the target node. */
  logicAreaScale: doc(param('fraction', { positive: true, max: 1 }), '45 nm → target-node logic area factor'),
  energyScale: doc(
    param('fraction', { positive: true, max: 1 }),
    'reference (45 nm) → target-node dynamic-energy factor',
  ),
  /** Control, clocking and wiring on top of the datapath logic, as a fraction of it. */
  controlOverhead: doc(
    param('fraction', { min: 0 }),
    'control, clocking and wiring as a fraction of datapath logic',
  ),
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
  name: doc(z.string().min(1), 'preset name; for ngpc-N it must match nfps'),
  description: doc(z.string().optional(), 'what this preset is, for readers'),
  /** Scaling factor: NGPC-8 … NGPC-64 (paper §3). */
  nfps: doc(intParam(1, 4096), "number of NFPs (the paper's scaling factor)"),
  clock: doc(param('hz', { min: 1e3, max: 1e12 }), 'NFP clock'),
  precision: z.strictObject({
    format: doc(choice(['fp16', 'fp32'] as const), 'arithmetic format of features and activations'),
    bytesPerValue: doc(param('bytes', { min: 1, max: 16 }), 'bytes per feature / activation value'),
    /** Query coordinates as they enter the NFP (tcnn positions are f32). */
    positionBytes: doc(param('bytes', { min: 1, max: 16 }), 'bytes per query coordinate entering the NFP'),
    /** A corner's table index between grid_index and the SRAM (u32 in tcnn). */
    indexBytes: doc(param('bytes', { min: 1, max: 16 }), 'bytes per corner table index'),
  }),
  /** Queries simulated per batch (also the batch the NFP pipelines: encode N+1 while the MLP runs N). */
  batchQueries: doc(intParam(1, 16384), 'queries simulated per batch (also the pipelined batch)'),
  encoding: encodingSchema,
  mlp: mlpSchema,
  memory: z.strictObject({
    /** Granularity of a grid-SRAM miss served by the host L2 (an L2 sector). */
    l2AccessBytes: doc(
      param('bytes', { min: 1, max: 4096 }),
      'granularity of a grid-SRAM miss served by the host L2',
    ),
    /** How many times per frame the grid SRAMs are (re)loaded from L2. */
    tableLoadsPerFrame: doc(param('count', { min: 0, max: 1e6 }), 'grid-SRAM (re)loads from L2 per frame'),
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
