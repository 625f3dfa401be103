// Worker-thread entry for parallel sweeps: registers the TypeScript loader, then runs the worker module.
import { workerData } from 'node:worker_threads';

// mathjs (config units) is ~1,000 ES modules: loaded before tsx's hooks see them it takes ~1 s, through the
// hooks ~2 s, and worker start-up is what decides whether a sweep gains from workers (jobs.ts). The later
// `import 'mathjs'` in src/config/units.ts resolves to the same URL and reuses this instance.
await import('mathjs');
const { register } = await import('tsx/esm/api');
register();
await import(workerData.entry);
