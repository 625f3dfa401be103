// Worker-thread entry for parallel sweeps: registers the TypeScript loader, then runs the worker module.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
