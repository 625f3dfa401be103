// What one frame of a neural-graphics app costs, before any hardware: the contract between src/workload
// (which builds it from app configs and measurements) and src/model/{gpu,ngpc,frame} (which time it).
import type { GridEncodingSpec, LevelLayout } from '../encoding/gridLayout.ts';

/** One fully fused MLP: tcnn layout, no biases, output padded to 16. */
export interface MlpShape {
  /** e.g. "density", "color", "sdf". */
  name: string;
  /** Input width (a multiple of 16 in tcnn; the encoding output, possibly concatenated). */
  inputDims: number;
  /** Hidden width (16/32/64/128). */
  width: number;
  /** Number of hidden layers (≥ 1): matrices = hiddenLayers + 1. */
  hiddenLayers: number;
  /** Output width padded to 16 (the padded rows are computed, as on the hardware). */
  outputDimsPadded: number;
  /** Output width the app uses. */
  outputDims: number;
}

/** The "rest" kernels of a frame (everything but encoding and MLP), as counts the GPU model times. */
export interface RestKernelWork {
  name: string;
  /** Plain ALU operations (FP32 or integer) in this kernel per frame. */
  aluOps: number;
  /** DRAM bytes read + written per frame. */
  dramBytes: number;
  /** Kernel launches per frame (marching rounds × stages when unfused). */
  launches: number;
}

/** Where a number of the workload came from: an app config (assumed) or a measurement by `ngpc profile`. */
export interface WorkloadProvenance {
  samplesPerPixel: string;
  /** The app config file and the encoding's source line. */
  app?: string;
  encoding?: string;
  /** The tcnn model file whose networks replaced the app's (`simulate --tcnn`). */
  network?: string;
}

/** One grid level as the models see it: table size in bytes and look-ups per frame. */
export interface WorkloadLevel {
  level: number;
  hashed: boolean;
  entries: number;
  /** entries × F × bytesPerParam. */
  tableBytes: number;
  /** queriesPerFrame × lookupsPerQueryPerLevel. */
  lookupsPerFrame: number;
  /**
   * Fraction of look-ups that enter a cell the previous query of the same thread block did not touch:
   * min(1, cells per unit × query spacing). The others are L1 hits on the GPU.
   */
  newCellFraction: number;
}

export interface FrameWorkload {
  app: 'nerf' | 'nsdf' | 'gia' | 'nvr';
  /** "hashgrid" | "densegrid" | "lowres-densegrid". */
  encodingName: string;
  widthPx: number;
  heightPx: number;
  pixels: number;
  /** Average encoding+MLP queries per pixel (NeRF/NVR: marched samples per ray; NSDF: tracing steps; GIA: 1). */
  samplesPerPixel: number;
  /** pixels × samplesPerPixel. */
  queriesPerFrame: number;
  encoding: GridEncodingSpec;
  /** Level table from the kernels' own layout code (dense vs hashed, entries, offsets). */
  layout: LevelLayout;
  /** Bytes per grid parameter in the table (2 for fp16 as instant-ngp, 4 for f32). */
  bytesPerParam: number;
  /** Corner look-ups per query per level: 2^D (1 for Nearest). */
  lookupsPerQueryPerLevel: number;
  /** Networks evaluated per query, in order. */
  mlps: MlpShape[];
  /** Σ over networks and layers of in × out MACs per query (padded shapes). */
  macsPerQuery: number;
  /** Input bytes per query (positions, directions) and output bytes per query (network outputs). */
  inputBytesPerQuery: number;
  outputBytesPerQuery: number;
  rest: RestKernelWork[];
  provenance: WorkloadProvenance;
  /** Per-level table bytes and look-ups (from `layout`). */
  levels: WorkloadLevel[];
  /** Bytes of one table entry: F × bytesPerParam. */
  entryBytes: number;
  /** Bytes per MLP activation / encoded feature (2 for fp16). */
  activationBytes: number;
  /** Encoded features written by the encoding kernel per query: L·F × activationBytes. */
  encodingOutputBytesPerQuery: number;
  /** Integer/FP32 ALU operations of the encoding kernel per query (pos_fract, indexing, hashing, weights). */
  encodingAluOpsPerQuery: number;
  /** Rounds of the per-sample kernels per frame (launches of encoding, MLP and per-round rest kernels). */
  marchRoundsPerFrame: number;
}
