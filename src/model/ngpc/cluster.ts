// The NGPC cluster: N NFPs share the host L2 (inputs, outputs, table loads, SRAM misses); frame time and its limiter.
import type { NfpBatchResult } from './nfp.ts';

export interface ClusterInputs {
  queriesPerFrame: number;
  nfps: number;
  clockHz: number;
  batch: NfpBatchResult;
  inputBytesPerQuery: number;
  outputBytesPerQuery: number;
  l2AccessBytes: number;
  /** Bytes one NFP loads into its grid SRAMs per frame (resident part of every level × loads per frame). */
  tableLoadBytesPerNfp: number;
  /** Fraction of the spilled (non-resident) table bytes that the host L2 holds; the rest of the misses reach DRAM. */
  spillL2HitFraction: number;
  hostL2BytesPerS: number;
  hostDramBytesPerS: number;
}

export type ClusterLimiter = 'encoding' | 'mlp' | 'l2-bandwidth' | 'sram-spill-dram' | 'table-load';

export interface ClusterFrame {
  /** tableLoadSeconds + max(computeSeconds, streamL2Seconds, streamDramSeconds). */
  frameSeconds: number;
  /** The NFPs' own time: ⌈queries / N⌉ × cycles per query + pipeline fill, over the clock. */
  computeSeconds: number;
  /** Query I/O and SRAM misses through L2 while the NFPs run. */
  streamL2Seconds: number;
  streamDramSeconds: number;
  /** Grid SRAMs loaded before the frame's queries can start: one copy read from DRAM and L2, broadcast to all NFPs. */
  tableLoadSeconds: number;
  queriesPerNfp: number;
  ioL2BytesPerFrame: number;
  spillL2BytesPerFrame: number;
  spillDramBytesPerFrame: number;
  tableLoadL2BytesPerFrame: number;
  tableLoadDramBytesPerFrame: number;
  l2BytesPerFrame: number;
  dramBytesPerFrame: number;
  limiter: ClusterLimiter;
}

/**
 * Frame time of the cluster. Queries are spread evenly over the NFPs; each runs its batches back to back at the
 * steady interval. The L2 and DRAM streams overlap with compute (roofline: the slowest bounds), the table load
 * does not (a level must be resident before it is read). Query inputs and outputs stay in L2 (the GPU side
 * produces and consumes them batch by batch); the table load reads each byte from DRAM once per frame and
 * the L2 broadcasts it to the N NFPs, so the load does not grow with N (assumption: every NFP holds the same
 * tables, and a broadcast bus is the natural way to fill them).
 */
export function clusterFrame(x: ClusterInputs): ClusterFrame {
  const queriesPerNfp = Math.ceil(x.queriesPerFrame / x.nfps);
  const computeCycles = queriesPerNfp > 0 ? queriesPerNfp * x.batch.cyclesPerQuery + x.batch.fillCycles : 0;
  const computeSeconds = computeCycles / x.clockHz;
  const missSectorsPerQuery = x.batch.missSectorsPerQuery.reduce((s, m) => s + m, 0);
  const spillL2BytesPerFrame = x.queriesPerFrame * missSectorsPerQuery * x.l2AccessBytes;
  const spillDramBytesPerFrame = spillL2BytesPerFrame * (1 - x.spillL2HitFraction);
  const ioL2BytesPerFrame = x.queriesPerFrame * (x.inputBytesPerQuery + x.outputBytesPerQuery);
  const tableLoadL2BytesPerFrame = x.tableLoadBytesPerNfp;
  const tableLoadDramBytesPerFrame = x.tableLoadBytesPerNfp;
  const streamL2Seconds = (ioL2BytesPerFrame + spillL2BytesPerFrame) / x.hostL2BytesPerS;
  const streamDramSeconds = spillDramBytesPerFrame / x.hostDramBytesPerS;
  const tableLoadSeconds = Math.max(
    tableLoadL2BytesPerFrame / x.hostL2BytesPerS,
    tableLoadDramBytesPerFrame / x.hostDramBytesPerS,
  );
  const streamSeconds = Math.max(computeSeconds, streamL2Seconds, streamDramSeconds);
  let limiter: ClusterLimiter = x.batch.limiter;
  if (tableLoadSeconds > streamSeconds) limiter = 'table-load';
  else if (streamDramSeconds > computeSeconds && streamDramSeconds >= streamL2Seconds)
    limiter = 'sram-spill-dram';
  else if (streamL2Seconds > computeSeconds) limiter = 'l2-bandwidth';
  return {
    frameSeconds: tableLoadSeconds + streamSeconds,
    computeSeconds,
    streamL2Seconds,
    streamDramSeconds,
    tableLoadSeconds,
    queriesPerNfp,
    ioL2BytesPerFrame,
    spillL2BytesPerFrame,
    spillDramBytesPerFrame,
    tableLoadL2BytesPerFrame,
    tableLoadDramBytesPerFrame,
    l2BytesPerFrame: ioL2BytesPerFrame + spillL2BytesPerFrame + tableLoadL2BytesPerFrame,
    dramBytesPerFrame: spillDramBytesPerFrame + tableLoadDramBytesPerFrame,
    limiter,
  };
}
