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
}
