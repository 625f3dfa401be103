// One worker of a parallel sweep: takes contiguous chunks from the shared counter, builds their points from the
// plan and posts each chunk's results.
import { parentPort, workerData } from 'node:worker_threads';
import type { SweepChunkMessage, SweepWorkerData } from './parallel.ts';
import { sweepPointAt } from './plan.ts';
import { runSweepPoints } from './runPoints.ts';

const data = workerData as SweepWorkerData;
const counter = new Int32Array(data.nextChunk);
const size = data.chunkPoints;
const chunkCount = Math.ceil((data.end - data.start) / size);
for (let k = Atomics.add(counter, 0, 1); k < chunkCount; k = Atomics.add(counter, 0, 1)) {
  const start = data.start + k * size;
  const end = Math.min(data.end, start + size);
  const points = Array.from({ length: end - start }, (_, i) => sweepPointAt(data.plan, start + i));
  const message: SweepChunkMessage = { chunk: k, ...runSweepPoints(points) };
  parentPort!.postMessage(message);
}
