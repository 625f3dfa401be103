// The `kernels` suite of `ngpc bench`: prints the WebGPU kernel benchmark (src/bench/kernels.ts) as a table or JSON.
import { benchKernels } from '../bench/kernels.ts';
import { sharedGpu } from '../gpu/device.ts';
import { io, printJson, println } from './io.ts';

function fmt(x: number, digits = 3): string {
  return x >= 1e4 || (x > 0 && x < 1e-2) ? x.toExponential(2) : x.toPrecision(digits);
}

/** Runs the suite; returns whether the MLP forward met its GPU/CPU goal (the exit code reports it). */
export async function runKernelsBench(opts: { json: boolean; maxBatchLog2?: number }): Promise<boolean> {
  const ctx = await sharedGpu();
  const tty = io().isTty;
  const report = await benchKernels(ctx, {
    maxBatchLog2: opts.maxBatchLog2,
    onProgress: tty
      ? (label, done, total) => io().err(`\r${label}: ${done}/${total} measurements`)
      : undefined,
  });
  if (tty) io().err('\n');
  if (opts.json) {
    printJson(report);
    return report.mlpForwardGoal.met;
  }
  println(`kernel bench on ${report.adapter}${report.software ? ' (software adapter: not a real GPU)' : ''}`);
  println(
    ['kernel', 'config', 'batch', 'queries/s', 'GB/s', 'GFLOP/s', 'cpu queries/s', 'gpu/cpu', 'timing'].join(
      ' | ',
    ),
  );
  for (const r of report.rows) {
    println(
      [
        r.kernel,
        r.config,
        String(r.batch),
        fmt(r.queriesPerS),
        fmt(r.gbPerS),
        fmt(r.gflopPerS),
        fmt(r.cpuQueriesPerS),
        `${fmt(r.gpuOverCpu)}x`,
        r.timing,
      ].join(' | '),
    );
  }
  for (const f of report.fusedOverTwoDispatch) {
    println(`fused enc+MLP vs two dispatches at ${f.batch}: ${fmt(f.ratio)}x`);
  }
  const g = report.mlpForwardGoal;
  println(`mlp forward f32 gpu/cpu ${fmt(g.measured)}x (goal >= ${g.target}x): ${g.met ? 'met' : 'NOT met'}`);
  return g.met;
}
