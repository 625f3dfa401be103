// Worker-thread entry for parallel sweeps run from the TypeScript sources: registers the TypeScript loader, then
// runs the worker module. (The compiled package starts sweepWorker.js directly.)
import { workerData } from 'node:worker_threads';

const { register } = await import('tsx/esm/api');
register();
await import(workerData.entry);
