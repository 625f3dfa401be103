// One worker of a parallel sweep: takes contiguous chunks from the shared counter and posts each chunk's results.
import { parentPort, workerData } from 'node:worker_threads';
import type { SweepChunkMessage, SweepWorkerData } from './parallel.ts';
import { runSweepPoints } from './runPoints.ts';

const data = workerData as SweepWorkerData;
const counter = new Int32Array(data.nextChunk);
const size = data.chunkPoints;
const chunkCount = Math.ceil(data.points.length / size);
for (let k = Atomics.add(counter, 0, 1); k < chunkCount; k = Atomics.add(counter, 0, 1)) {
  const message: SweepChunkMessage = {
    chunk: k,
    ...runSweepPoints(data.points.slice(k * size, (k + 1) * size)),
  };
  parentPort!.postMessage(message);
}
