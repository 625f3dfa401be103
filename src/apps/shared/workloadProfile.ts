// Measured per-frame workloads (`ngpc profile`): queries per pixel, their distribution and sample query positions.
import { seededRng } from '../../encoding/rng.ts';
import { NgpcInputError } from '../../errors.ts';
import type { ModelFile } from '../../train/modelFile.ts';
import { checkResolution, pixelCentreUvs } from './pixelGrid.ts';

/** configs/workloads/<app>.json: what `frameWorkload` can use instead of an app config's assumed samplesPerPixel. */
export interface MeasuredWorkload {
  version: 1;
  app: string;
  resolution: { widthPx: number; heightPx: number };
  /** Mean field queries per pixel, in the shape of an app config parameter (WorkloadOverrides.samplesPerPixel). */
  samplesPerPixel: { value: number; source: string };
  queriesPerFrame: number;
  /** Distribution of queries per pixel: summary statistics and a histogram of [queries, pixels]. */
  queriesPerPixel: {
    min: number;
    p50: number;
    p90: number;
    p99: number;
    max: number;
    histogram: [number, number][];
  };
  /** A seeded sample of query positions (network input coordinates in [0,1]^D), for address-stream studies. */
  sampleQueries: number[][];
  model: { encoding: Record<string, unknown>; network: Record<string, unknown> };
}

/** Percentile of a sorted array (nearest rank). */
function percentile(sorted: Uint32Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** Summarises per-pixel query counts and a pool of query positions into a MeasuredWorkload. */
export function summariseWorkload(
  app: string,
  model: ModelFile,
  widthPx: number,
  heightPx: number,
  perPixel: Uint32Array,
  positions: Float32Array,
  nDims: number,
  source: string,
  sampleCount = 64,
  seed = 1,
): MeasuredWorkload {
  const sorted = Uint32Array.from(perPixel).sort();
  let total = 0;
  const hist = new Map<number, number>();
  for (const q of perPixel) {
    total += q;
    hist.set(q, (hist.get(q) ?? 0) + 1);
  }
  const rng = seededRng(seed);
  const nQueries = positions.length / nDims;
  const sampleQueries: number[][] = [];
  // All positions, in order, when there are no more than asked for; else a seeded sample.
  const takeAll = nQueries <= sampleCount;
  for (let i = 0; i < Math.min(sampleCount, nQueries); i++) {
    const q = takeAll ? i : Math.floor(rng.next() * nQueries);
    sampleQueries.push(
      Array.from(positions.subarray(q * nDims, (q + 1) * nDims), (v) => Number(v.toPrecision(6))),
    );
  }
  return {
    version: 1,
    app,
    resolution: { widthPx, heightPx },
    samplesPerPixel: { value: total / perPixel.length, source },
    queriesPerFrame: total,
    queriesPerPixel: {
      min: sorted[0]!,
      p50: percentile(sorted, 0.5),
      p90: percentile(sorted, 0.9),
      p99: percentile(sorted, 0.99),
      max: sorted[sorted.length - 1]!,
      histogram: [...hist.entries()].sort((a, b) => a[0] - b[0]),
    },
    sampleQueries,
    model: { encoding: model.header.encoding, network: model.header.network },
  };
}

/**
 * Profiles one frame of a model. GIA: exactly one query per pixel centre (docs/sources.md#kernels-7), so the counts are exact
 * without running the network. `source` is "measured: <adapter>, <date>" (the date comes from the caller).
 */
export function profileModel(
  model: ModelFile,
  widthPx: number,
  heightPx: number,
  source: string,
): MeasuredWorkload {
  checkResolution(widthPx, heightPx);
  if (model.header.app !== 'gia') {
    throw new NgpcInputError(
      `profile: ${model.header.app} models are not profiled yet (GIA only in this build)`,
    );
  }
  const perPixel = new Uint32Array(widthPx * heightPx).fill(1);
  // Every 8th row's pixel centres: a spread-out pool to sample from, cheap even at 8K.
  const rows: Float32Array[] = [];
  for (let y = 0; y < heightPx; y += 8) rows.push(pixelCentreUvs([0, 0, 1, 1], widthPx, heightPx, y, y + 1));
  const positions = new Float32Array(rows.reduce((n, r) => n + r.length, 0));
  let at = 0;
  for (const r of rows) {
    positions.set(r, at);
    at += r.length;
  }
  return summariseWorkload('gia', model, widthPx, heightPx, perPixel, positions, 2, source);
}
