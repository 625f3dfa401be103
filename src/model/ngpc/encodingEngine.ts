// The NFP's encoding engines: pos_fract → index/hash → grid SRAM → interpolation, simulated query by query on a batch.

import type { NgpcConfig } from '../../config/ngpc.ts';
import { LevelIndexer, type LevelLayout, posFract } from '../../encoding/gridLayout.ts';
import { invariant } from '../../errors.ts';
import { type GridSramParams, type LevelResidency, SramScratch, sramQueryCyclesInto } from './gridSram.ts';

export interface EncodingEngineParams {
  engines: number;
  posFractLanes: number;
  posFractLatencyCycles: number;
  indexCornersPerCycle: number;
  indexLatencyCycles: number;
  sram: GridSramParams;
  interpCornersPerCycle: number;
  interpFeatureLanes: number;
  interpLatencyCycles: number;
  /** Skid buffer between consecutive sub-units, in queries: an upstream unit stalls when it is full. */
  stageFifoQueries: number;
}

export function encodingEngineParams(cfg: NgpcConfig): EncodingEngineParams {
  const e = cfg.encoding;
  return {
    engines: e.engines.value,
    posFractLanes: e.posFract.lanes.value,
    posFractLatencyCycles: e.posFract.latencyCycles.value,
    indexCornersPerCycle: e.gridIndex.cornersPerCycle.value,
    indexLatencyCycles: e.gridIndex.latencyCycles.value,
    sram: {
      bytes: e.gridSram.bytes.value,
      banks: e.gridSram.banks.value,
      portsPerBank: e.gridSram.portsPerBank.value,
      wordBytes: e.gridSram.wordBytes.value,
      bankMapping: e.gridSram.bankMapping.value,
      latencyCycles: e.gridSram.latencyCycles.value,
    },
    interpCornersPerCycle: e.interpolation.cornersPerCycle.value,
    interpFeatureLanes: e.interpolation.featureLanes.value,
    interpLatencyCycles: e.interpolation.latencyCycles.value,
    stageFifoQueries: e.stageFifoQueries.value,
  };
}

/** One engine's share of the work: the levels whose tables it holds, and which of every `replicas` queries. */
export interface EngineAssignment {
  engine: number;
  levels: number[];
  replica: number;
  replicas: number;
}

export interface LevelEngineMapping {
  /** Queries encoded at once by one NFP (paper §3: 1 for 16 levels, 2 for 8, 8 for 2). */
  queriesInParallel: number;
  /** Levels time-shared by one engine (1 unless L > engines); they split its SRAM. */
  levelsPerEngine: number;
  idleEngines: number;
  assignments: EngineAssignment[];
}

/**
 * Level-to-engine mapping. With L ≤ engines each level gets ⌊engines / L⌋ engines holding replicas of its table,
 * and replica r encodes the queries q ≡ r (mod replicas): an 8-level grid runs 2 queries at once, a 2-level grid 8
 * (paper §3 [S]). With L > engines an engine time-shares ⌈L / engines⌉ levels (the paper does not go there).
 */
export function levelEngineMapping(nLevels: number, engines: number): LevelEngineMapping {
  invariant(nLevels >= 1 && engines >= 1, `levels ${nLevels}, engines ${engines}`);
  const assignments: EngineAssignment[] = [];
  if (nLevels <= engines) {
    const replicas = Math.floor(engines / nLevels);
    for (let r = 0; r < replicas; r++) {
      for (let l = 0; l < nLevels; l++)
        assignments.push({ engine: r * nLevels + l, levels: [l], replica: r, replicas });
    }
    return {
      queriesInParallel: replicas,
      levelsPerEngine: 1,
      idleEngines: engines - replicas * nLevels,
      assignments,
    };
  }
  for (let e = 0; e < engines; e++) {
    const levels: number[] = [];
    for (let l = e; l < nLevels; l += engines) levels.push(l);
    assignments.push({ engine: e, levels, replica: 0, replicas: 1 });
  }
  return { queriesInParallel: 1, levelsPerEngine: Math.ceil(nLevels / engines), idleEngines: 0, assignments };
}

/** Per level and per query of the batch: SRAM cycles, conflict cycles, words read, L2 sectors missed. */
export interface LevelQueryWork {
  level: number;
  sramCycles: Int32Array;
  conflictCycles: Int32Array;
  reads: Int32Array;
  missSectors: Int32Array;
}

/**
 * Runs the kernels' own pos_fract and grid_index (src/encoding/gridLayout.ts; LevelIndexer, grid_index with each
 * level's constants hoisted) on the batch's positions and feeds the
 * real corner indices to the grid-SRAM bank model. Positions wrap around when fewer than `queries` are given.
 */
export function levelQueryWork(
  layout: LevelLayout,
  positions: Float32Array,
  queries: number,
  lookupsPerQueryPerLevel: number,
  residency: readonly LevelResidency[],
  sram: GridSramParams,
  l2AccessBytes: number,
): LevelQueryWork[] {
  const nDims = layout.spec.nDims;
  const nPositions = Math.floor(positions.length / nDims);
  invariant(nPositions >= 1, 'no query positions');
  const corners = lookupsPerQueryPerLevel;
  const cell = new Array<number>(nDims).fill(0);
  const indices = new Uint32Array(corners);
  const scratch = new SramScratch(sram.banks);
  return layout.levels.map((lvl) => {
    const indexer = new LevelIndexer(layout.spec.type, lvl, nDims);
    const work: LevelQueryWork = {
      level: lvl.level,
      sramCycles: new Int32Array(queries),
      conflictCycles: new Int32Array(queries),
      reads: new Int32Array(queries),
      missSectors: new Int32Array(queries),
    };
    for (let q = 0; q < queries; q++) {
      const base = (q % nPositions) * nDims;
      for (let d = 0; d < nDims; d++) cell[d] = posFract(lvl.scale, positions[base + d]!)[0];
      // Corner k adds bit d of k along axis d (tcnn order); with Nearest (1 look-up) only the cell itself is read.
      indexer.cornerIndices(cell, corners, indices);
      sramQueryCyclesInto(indices, 0, corners, residency[lvl.level]!, sram, l2AccessBytes, scratch);
      work.sramCycles[q] = scratch.cycles;
      work.conflictCycles[q] = scratch.conflictCycles;
      work.reads[q] = scratch.reads;
      work.missSectors[q] = scratch.missSectors;
    }
    return work;
  });
}

/** Stage names in pipeline order. */
export const ENCODING_STAGES = ['pos-fract', 'grid-index', 'grid-sram', 'interpolation'] as const;
export type EncodingStage = (typeof ENCODING_STAGES)[number];

export interface PipelineRun {
  /** Cycle at which item i's result leaves the last stage. */
  doneCycles: Float64Array;
  /** Sum of service cycles per stage. */
  busyCycles: number[];
}

/**
 * A chain of pipelined units, each issuing one item every `service` cycles and delivering it `latency` cycles later,
 * with a FIFO of `fifoDepth` items after each unit: a unit stalls while the items it holds in its pipeline
 * (latency + 1) and the FIFO after it are all waiting for the next unit:
 *   issue[s][i] = max(done[s−1][i], issue[s][i−1] + service[s][i−1], issue[s+1][i − (fifoDepth + latency[s] + 1)])
 *   done[s][i]  = issue[s][i] + service[s][i] + latency[s]
 */
export function simulatePipeline(
  service: readonly ArrayLike<number>[],
  latencyCycles: readonly number[],
  fifoDepth: number,
  items: number,
): PipelineRun {
  const stages = service.length;
  const issue = service.map(() => new Float64Array(items));
  const doneCycles = new Float64Array(items);
  const busyCycles = new Array<number>(stages).fill(0);
  for (let i = 0; i < items; i++) {
    let ready = 0;
    for (let s = 0; s < stages; s++) {
      const svc = service[s]![i]!;
      let t = ready;
      if (i > 0) t = Math.max(t, issue[s]![i - 1]! + service[s]![i - 1]!);
      // Credits: the unit's own pipeline registers (latency + 1) plus the FIFO after it.
      const credits = fifoDepth + latencyCycles[s]! + 1;
      if (s + 1 < stages && i >= credits) t = Math.max(t, issue[s + 1]![i - credits]!);
      issue[s]![i] = t;
      ready = t + svc + latencyCycles[s]!;
      busyCycles[s]! += svc;
    }
    doneCycles[i] = ready;
  }
  return { doneCycles, busyCycles };
}

export interface EngineBatchRun {
  engine: number;
  levels: number[];
  /** Steady-state cycles for the engine's share of one batch (second of two back-to-back batches). */
  steadyCycles: number;
  /** Cycles from an empty pipeline to the end of the first batch. */
  firstBatchCycles: number;
  /** Busy cycles per stage over one batch, in ENCODING_STAGES order. */
  stageBusyCycles: number[];
  bankConflictCycles: number;
}

/**
 * Simulates one engine over two back-to-back copies of its share of the batch: the first gives the latency from an
 * empty pipeline, the second the steady state (the engines run continuously across batches).
 */
export function simulateEngineBatch(
  assignment: EngineAssignment,
  work: readonly LevelQueryWork[],
  queries: number,
  nDims: number,
  corners: number,
  nFeatures: number,
  p: EncodingEngineParams,
): EngineBatchRun {
  // The engine's items in order: its queries (q ≡ replica mod replicas), each through its levels.
  const levels = assignment.levels;
  const perQuery = levels.length;
  const nQueries = Math.max(0, Math.ceil((queries - assignment.replica) / assignment.replicas));
  const n = nQueries * perQuery;
  const posFractCycles = Math.ceil(nDims / p.posFractLanes);
  const indexCycles = Math.ceil(corners / p.indexCornersPerCycle);
  const interpCycles =
    Math.ceil(corners / p.interpCornersPerCycle) * Math.ceil(nFeatures / p.interpFeatureLanes);
  const sramService = new Int32Array(2 * n);
  let bankConflictCycles = 0;
  let i = 0;
  for (let j = 0; j < nQueries; j++) {
    const q = assignment.replica + j * assignment.replicas;
    for (const l of levels) {
      sramService[i] = sramService[i + n] = work[l]!.sramCycles[q]!;
      bankConflictCycles += work[l]!.conflictCycles[q]!;
      i++;
    }
  }
  const service = [
    new Int32Array(2 * n).fill(posFractCycles),
    new Int32Array(2 * n).fill(indexCycles),
    sramService,
    new Int32Array(2 * n).fill(interpCycles),
  ];
  const latency = [
    p.posFractLatencyCycles,
    p.indexLatencyCycles,
    p.sram.latencyCycles,
    p.interpLatencyCycles,
  ];
  const run = simulatePipeline(service, latency, p.stageFifoQueries, 2 * n);
  const firstBatchCycles = n > 0 ? run.doneCycles[n - 1]! : 0;
  const steadyCycles = n > 0 ? run.doneCycles[2 * n - 1]! - firstBatchCycles : 0;
  return {
    engine: assignment.engine,
    levels: assignment.levels,
    steadyCycles,
    firstBatchCycles,
    stageBusyCycles: run.busyCycles.map((c) => c / 2),
    bankConflictCycles,
  };
}

export interface EncodingLevelStats {
  level: number;
  /** Engines holding a replica of this level's table. */
  engines: number;
  /** Slowest replica's steady cycles per batch. */
  cycles: number;
  readsPerQuery: number;
  missSectorsPerQuery: number;
  conflictCyclesPerQuery: number;
}

export interface EncodingBatchResult {
  queries: number;
  mapping: LevelEngineMapping;
  /** Steady cycles per batch: the slowest engine (a query's features are complete when its last level is). */
  steadyCycles: number;
  /** Cycles from empty engines to the first batch's features. */
  firstBatchCycles: number;
  /** The slowest engine and its busiest stage. */
  criticalEngine: number;
  limiterStage: EncodingStage;
  stageBusyCycles: number[];
  /** Bank-conflict cycles in the critical engine over one batch. */
  bankConflictCycles: number;
  /** Σ over levels of distinct SRAM words read per query. */
  sramReadsPerQuery: number;
  /** Σ over engines of bank-busy cycles per batch (for bank utilisation). */
  sramBusyCycles: number;
  levels: EncodingLevelStats[];
}

/** All engines of one NFP on one batch. */
export function simulateEncodingBatch(
  layout: LevelLayout,
  work: readonly LevelQueryWork[],
  queries: number,
  corners: number,
  p: EncodingEngineParams,
): EncodingBatchResult {
  const mapping = levelEngineMapping(layout.levels.length, p.engines);
  const nDims = layout.spec.nDims;
  const nFeatures = layout.spec.nFeaturesPerLevel;
  const runs = mapping.assignments.map((a) =>
    simulateEngineBatch(a, work, queries, nDims, corners, nFeatures, p),
  );
  let critical = runs[0]!;
  for (const r of runs) if (r.steadyCycles > critical.steadyCycles) critical = r;
  let limiter = 0;
  critical.stageBusyCycles.forEach((c, s) => {
    if (c > critical.stageBusyCycles[limiter]!) limiter = s;
  });
  const mean = (a: Int32Array) => a.reduce((x, y) => x + y, 0) / Math.max(1, a.length);
  const levels = work.map((w) => {
    const mine = runs.filter((r) => r.levels.includes(w.level));
    return {
      level: w.level,
      engines: mine.length,
      cycles: Math.max(...mine.map((r) => r.steadyCycles)),
      readsPerQuery: mean(w.reads),
      missSectorsPerQuery: mean(w.missSectors),
      conflictCyclesPerQuery: mean(w.conflictCycles),
    };
  });
  return {
    queries,
    mapping,
    steadyCycles: critical.steadyCycles,
    firstBatchCycles: Math.max(...runs.map((r) => r.firstBatchCycles)),
    criticalEngine: critical.engine,
    limiterStage: ENCODING_STAGES[limiter]!,
    stageBusyCycles: critical.stageBusyCycles,
    bankConflictCycles: critical.bankConflictCycles,
    sramReadsPerQuery: levels.reduce((s, l) => s + l.readsPerQuery, 0),
    sramBusyCycles: runs.reduce((s, r) => s + r.stageBusyCycles[2]!, 0),
    levels,
  };
}
