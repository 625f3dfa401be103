// simulateNgpc: one NGPC design point on one frame workload (NFP batch → cluster frame → area, power, energy).

import type { NgpcConfig } from '../../config/ngpc.ts';
import { NgpcInputError } from '../../errors.ts';
import type { FrameWorkload } from '../../workload/types.ts';
import { type EnergyComponent, type NfpAreaPower, nfpAreaPower, queryEnergyComponents } from './areaPower.ts';
import { clusterFrame } from './cluster.ts';
import type { SramPolicy } from './gridSram.ts';
import { cachedNfpBatch, type NfpBatchResult } from './nfp.ts';

export interface NgpcSimOptions {
  /** assume-fits: every level resident (the paper's assumption); spill: levels beyond the grid SRAM miss to L2/DRAM. */
  sramPolicy: SramPolicy;
  /** The host GPU's L2 bandwidth available to the cluster. */
  hostL2BytesPerS: number;
  hostDramBytesPerS: number;
  /**
   * Host L2 capacity that can hold spilled table bytes (spill policy): misses hit L2 with probability
   * min(1, hostL2Bytes / spilled bytes), the rest reach DRAM. Absent: every miss reaches DRAM (worst case).
   */
  hostL2Bytes?: number;
  /** Sample of query positions (nDims-interleaved, in [0, 1]); default: seeded uniform random. */
  positions?: Float32Array;
  /** Queries simulated per batch (default: the config's batchQueries). */
  batchQueries?: number;
  /** Seed of the default positions (default 1). */
  seed?: number;
}

export interface NgpcEngineStats {
  name: string;
  /** Busy cycles per NFP over the frame (for l2-io and dram: transfer time × clock). */
  cycles: number;
  /** cycles / frame cycles. */
  utilization: number;
  /** What bounds this engine, in words. */
  limiter: string;
}

export interface NgpcResult {
  frameSeconds: number;
  clockHz: number;
  nfps: number;
  cyclesPerQueryPerNfp: number;
  batch: {
    queries: number;
    cycles: number;
    encodingCycles: number;
    mlpCycles: number;
    stallCycles: number;
    bankConflictCycles: number;
  };
  engines: NgpcEngineStats[];
  limiter: string;
  sram: {
    policy: string;
    levels: {
      level: number;
      tableBytes: number;
      sramBytes: number;
      residentFraction: number;
      missBytesPerFrame: number;
    }[];
  };
  l2BytesPerFrame: number;
  dramBytesPerFrame: number;
  area: {
    perNfpMm2: number;
    totalMm2: number;
    components: { name: string; areaMm2: number; source: string }[];
  };
  power: { perNfpW: number; totalW: number; components: { name: string; powerW: number; source: string }[] };
  /** Action-count dynamic energy of all queries + SRAM leakage × frame time (host L2/DRAM energy excluded). */
  energyPerFrameJ: number;
  /** energyPerFrameJ by component: the per-query components × queries, and `sram-leakage`. */
  energyComponents: EnergyComponent[];
}

/** The fields of a FrameWorkload the NGPC reads (any FrameWorkload is one). */
export type NgpcWorkload = Pick<
  FrameWorkload,
  | 'queriesPerFrame'
  | 'layout'
  | 'bytesPerParam'
  | 'lookupsPerQueryPerLevel'
  | 'mlps'
  | 'inputBytesPerQuery'
  | 'outputBytesPerQuery'
>;

const DEFAULT_SEED = 1;

// Area and power depend on the config alone (never mutated once built), so a sweep computes them once per preset.
// Shared between results: must not be mutated.
const areaPowerCache = new WeakMap<NgpcConfig, NfpAreaPower>();

function cachedAreaPower(cfg: NgpcConfig): NfpAreaPower {
  let ap = areaPowerCache.get(cfg);
  if (!ap) areaPowerCache.set(cfg, (ap = nfpAreaPower(cfg)));
  return ap;
}

// Module-level helpers, not closures in the per-point functions: tsx names every closure it creates (a
// defineProperty per call), which showed in sweep profiles.
function bad(what: string, value: unknown, expected: string): NgpcInputError {
  return new NgpcInputError(`simulateNgpc: ${what} = ${String(value)}: expected ${expected}`);
}

/** Busy cycles over the frame's cycles (0 for an empty frame). */
function utilization(cycles: number, frameCycles: number): number {
  return frameCycles > 0 ? cycles / frameCycles : 0;
}

function checkOptions(workload: NgpcWorkload, opts: NgpcSimOptions): void {
  if (opts.sramPolicy !== 'assume-fits' && opts.sramPolicy !== 'spill') {
    throw bad('sramPolicy', opts.sramPolicy, '"assume-fits" or "spill"');
  }
  if (!(opts.hostL2BytesPerS > 0)) throw bad('hostL2BytesPerS', opts.hostL2BytesPerS, 'a bandwidth > 0');
  if (!(opts.hostDramBytesPerS > 0))
    throw bad('hostDramBytesPerS', opts.hostDramBytesPerS, 'a bandwidth > 0');
  if (opts.hostL2Bytes !== undefined && !(opts.hostL2Bytes >= 0))
    throw bad('hostL2Bytes', opts.hostL2Bytes, '≥ 0');
  if (opts.batchQueries !== undefined && !(Number.isInteger(opts.batchQueries) && opts.batchQueries >= 1)) {
    throw bad('batchQueries', opts.batchQueries, 'a positive whole number');
  }
  if (!(workload.queriesPerFrame >= 0)) throw bad('queriesPerFrame', workload.queriesPerFrame, '≥ 0');
  const nDims = workload.layout.spec.nDims;
  if (opts.positions && (opts.positions.length < nDims || opts.positions.length % nDims !== 0)) {
    throw bad('positions.length', opts.positions.length, `a non-zero multiple of nDims = ${nDims}`);
  }
}

/** What bounds the encoding, each level, the grid SRAM and the MLP, in words. */
interface BatchLimiters {
  encoding: string;
  levels: { name: string; limiter: string }[];
  gridSram: string;
  mlp: string;
}

// The words depend on the batch alone (a memoised, shared object), so a sweep formats them once per batch.
const limiterWords = new WeakMap<NfpBatchResult, BatchLimiters>();

function batchLimiters(batch: NfpBatchResult): BatchLimiters {
  let words = limiterWords.get(batch);
  if (!words) limiterWords.set(batch, (words = wordLimiters(batch)));
  return words;
}

function wordLimiters(batch: NfpBatchResult): BatchLimiters {
  const enc = batch.encoding;
  return {
    encoding: `${enc.limiterStage} (engine ${enc.criticalEngine}; ${enc.mapping.queriesInParallel} queries in parallel)`,
    levels: enc.levels.map((l) => ({
      name: `encoding-level-${l.level}`,
      limiter: `${l.engines} engine(s); ${l.readsPerQuery.toFixed(2)} words/query; ${l.conflictCyclesPerQuery.toFixed(2)} conflict cycles/query`,
    })),
    gridSram:
      enc.bankConflictCycles > 0
        ? `bank conflicts: ${enc.bankConflictCycles} cycles per batch in the critical engine`
        : 'bank ports',
    mlp: `${batch.mlp.dataflow} dataflow: ${batch.mlp.folds} folds × (streamed + fill + drain), sub-batch ${batch.mlp.subBatchQueries}`,
  };
}

/** Frame time, per-engine cycles, limiter, SRAM residency, traffic, area, power and energy of an NGPC on a workload. */
export function simulateNgpc(workload: NgpcWorkload, cfg: NgpcConfig, opts: NgpcSimOptions): NgpcResult {
  checkOptions(workload, opts);
  const nfps = cfg.nfps.value;
  const clockHz = cfg.clock.value;
  const batch = cachedNfpBatch(
    {
      layout: workload.layout,
      bytesPerParam: workload.bytesPerParam,
      lookupsPerQueryPerLevel: workload.lookupsPerQueryPerLevel,
      mlps: workload.mlps,
    },
    cfg,
    {
      sramPolicy: opts.sramPolicy,
      batchQueries: opts.batchQueries ?? cfg.batchQueries.value,
      positions: opts.positions,
      seed: opts.seed ?? DEFAULT_SEED,
    },
  );
  const l2AccessBytes = cfg.memory.l2AccessBytes.value;
  const loadsPerFrame = cfg.memory.tableLoadsPerFrame.value;
  const residentBytes = batch.residency.reduce((s, r) => s + r.residentEntries * r.entryBytes, 0);
  const spilledBytes = batch.residency.reduce(
    (s, r) => s + r.tableBytes - r.residentEntries * r.entryBytes,
    0,
  );
  // Worst case without an L2 size: every miss reaches DRAM.
  let spillL2HitFraction = 0;
  if (spilledBytes === 0) spillL2HitFraction = 1;
  else if (opts.hostL2Bytes !== undefined) spillL2HitFraction = Math.min(1, opts.hostL2Bytes / spilledBytes);
  const frame = clusterFrame({
    queriesPerFrame: workload.queriesPerFrame,
    nfps,
    clockHz,
    batch,
    inputBytesPerQuery: workload.inputBytesPerQuery,
    outputBytesPerQuery: workload.outputBytesPerQuery,
    l2AccessBytes,
    tableLoadBytesPerNfp: residentBytes * loadsPerFrame,
    spillL2HitFraction,
    hostL2BytesPerS: opts.hostL2BytesPerS,
    hostDramBytesPerS: opts.hostDramBytesPerS,
  });

  const frameCycles = frame.frameSeconds * clockHz;
  const batchesPerNfp = frame.queriesPerNfp / batch.queries;
  const enc = batch.encoding;
  const sramSlotsPerCycle =
    cfg.encoding.engines.value * cfg.encoding.gridSram.banks.value * cfg.encoding.gridSram.portsPerBank.value;
  const sramReadsPerNfp = frame.queriesPerNfp * enc.sramReadsPerQuery;
  const encodingCycles = batchesPerNfp * enc.steadyCycles;
  const mlpCycles = batchesPerNfp * batch.mlp.cycles;
  const words = batchLimiters(batch);
  const engines: NgpcEngineStats[] = [
    {
      name: 'encoding',
      cycles: encodingCycles,
      utilization: utilization(encodingCycles, frameCycles),
      limiter: words.encoding,
    },
    ...enc.levels.map((l, i) => ({
      name: words.levels[i]!.name,
      cycles: batchesPerNfp * l.cycles,
      utilization: utilization(batchesPerNfp * l.cycles, frameCycles),
      limiter: words.levels[i]!.limiter,
    })),
    {
      name: 'grid-sram',
      cycles: batchesPerNfp * (enc.stageBusyCycles[2] ?? 0),
      utilization: utilization(sramReadsPerNfp / sramSlotsPerCycle, frameCycles),
      limiter: words.gridSram,
    },
    {
      name: 'mlp',
      cycles: mlpCycles,
      utilization: frameCycles > 0 ? (batch.mlp.utilization * mlpCycles) / frameCycles : 0,
      limiter: words.mlp,
    },
    {
      name: 'l2-io',
      cycles: frame.streamL2Seconds * clockHz,
      utilization: utilization(frame.streamL2Seconds * clockHz, frameCycles),
      limiter: 'host L2 bandwidth (query inputs/outputs, SRAM misses)',
    },
    {
      name: 'dram',
      cycles: frame.streamDramSeconds * clockHz,
      utilization: utilization(frame.streamDramSeconds * clockHz, frameCycles),
      limiter: 'host DRAM bandwidth (SRAM misses not held in L2)',
    },
    {
      name: 'table-load',
      cycles: frame.tableLoadSeconds * clockHz,
      utilization: utilization(frame.tableLoadSeconds * clockHz, frameCycles),
      limiter: 'grid SRAMs filled from L2/DRAM before the frame (not overlapped)',
    },
  ];

  const ap = cachedAreaPower(cfg);
  const perQuery = queryEnergyComponents(
    {
      nLevels: workload.layout.levels.length,
      nDims: workload.layout.spec.nDims,
      corners: workload.lookupsPerQueryPerLevel,
      nFeatures: workload.layout.spec.nFeaturesPerLevel,
      sramWordReads: enc.sramReadsPerQuery,
      macs: batch.mlp.macsPerQuery,
      activationValues: batch.mlp.activationValuesPerQuery,
    },
    cfg,
  );
  const energyComponents: EnergyComponent[] = [
    ...perQuery.map((c) => ({ name: c.name, joules: workload.queriesPerFrame * c.joules })),
    { name: 'sram-leakage', joules: ap.leakageW * nfps * frame.frameSeconds },
  ];
  return {
    frameSeconds: frame.frameSeconds,
    clockHz,
    nfps,
    cyclesPerQueryPerNfp: batch.cyclesPerQuery,
    batch: {
      queries: batch.queries,
      cycles: batch.cycles,
      encodingCycles: enc.steadyCycles,
      mlpCycles: batch.mlp.cycles,
      stallCycles: batch.stallCycles,
      bankConflictCycles: enc.bankConflictCycles,
    },
    engines,
    limiter: frame.limiter,
    sram: {
      policy: opts.sramPolicy,
      levels: batch.residency.map((r, i) => ({
        level: r.level,
        tableBytes: r.tableBytes,
        sramBytes: r.sramBytes,
        residentFraction: r.residentFraction,
        missBytesPerFrame: workload.queriesPerFrame * (batch.missSectorsPerQuery[i] ?? 0) * l2AccessBytes,
      })),
    },
    l2BytesPerFrame: frame.l2BytesPerFrame,
    dramBytesPerFrame: frame.dramBytesPerFrame,
    area: { perNfpMm2: ap.perNfpMm2, totalMm2: ap.perNfpMm2 * nfps, components: ap.areaComponents },
    power: { perNfpW: ap.perNfpW, totalW: ap.perNfpW * nfps, components: ap.powerComponents },
    energyPerFrameJ: energyComponents.reduce((s, c) => s + c.joules, 0),
    energyComponents,
  };
}
