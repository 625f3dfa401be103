// One worker of a parallel sweep: evaluates its share of the points and posts progress, then the rows.
import { parentPort, workerData } from 'node:worker_threads';
import { expandSweepFile, runSweepPoints } from './sweep.ts';

interface SweepWorkerData {
  file: string;
  indices: number[];
}

const PROGRESS_EVERY_POINTS = 25;
const data = workerData as SweepWorkerData & { entry: string };
const all = expandSweepFile(data.file);
const mine = data.indices.map((i) => all[i]!);
const result = runSweepPoints(mine, (done, total) => {
  if (done % PROGRESS_EVERY_POINTS === 0 || done === total)
    parentPort!.postMessage({ type: 'progress', done });
});
parentPort!.postMessage({ type: 'done', ...result });
