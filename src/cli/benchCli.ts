// The `cli` suite of `ngpc bench`: start-up of the compiled CLI (src/bench/cliStartup.ts) and the model's warm sweep
// throughput, each against its target; start-up times also as a ratio to `node -e 0` measured in the same run.
import { benchCliStartup, type StartupCase } from '../bench/cliStartup.ts';
import { configPath } from '../config/store.ts';
import { FlagError } from '../errors.ts';
import { benchModelSweep } from '../model/frame/sweep/benchSweep.ts';
import { io, printJson, println } from './io.ts';

/** Start-up targets on a 2-core machine, seconds from process start to exit. */
export const CLI_BENCH_TARGETS = { help: 0.4, simulate: 0.8, paperSweep: 1 } as const;

/** The commands timed: a bare Node start, `--help`, one design point, and the 900-point paper sweep to files. */
export function startupCases(bin: string, sweepFile: string, outDir: () => string): StartupCase[] {
  const t = CLI_BENCH_TARGETS;
  return [
    { name: 'node', argv: ['-e', '0'], targetSeconds: null },
    { name: 'help', argv: [bin, '--help'], targetSeconds: t.help },
    { name: 'simulate', argv: [bin, 'simulate', '--app', 'nerf', '--nfps', '16'], targetSeconds: t.simulate },
    {
      name: 'paperSweep',
      // A getter, so each run writes a fresh folder (the sweep's time includes writing every file).
      get argv() {
        return [bin, 'sweep', sweepFile, '--out', outDir()];
      },
      targetSeconds: t.paperSweep,
    },
  ];
}

const LABELS: Record<string, string> = {
  node: 'node -e 0',
  help: 'ngpc --help',
  simulate: 'ngpc simulate --app nerf --nfps 16',
  paperSweep: 'ngpc sweep configs/sweeps/paper.json (900 points, files written)',
};

export async function runCliBench(opts: { json: boolean; reps?: number }): Promise<boolean> {
  if (opts.reps !== undefined && (!Number.isInteger(opts.reps) || opts.reps < 1 || opts.reps > 50)) {
    throw new FlagError('reps', opts.reps, 'expected 1..50');
  }
  const sweepFile = configPath('sweeps', 'paper.json');
  const startup = benchCliStartup({
    runs: opts.reps,
    casesFor: (bin, outDir) => startupCases(bin, sweepFile, outDir),
  });
  const model = benchModelSweep();
  const warm = {
    pointsPerS: model.pointsPerS,
    targetPointsPerS: model.targets.pointsPerS,
    pass: model.pointsPerS >= model.targets.pointsPerS,
  };
  const pass = startup.pass && warm.pass;
  if (opts.json) {
    printJson({ startup, warmSweep: warm, machine: model.machine, pass });
    return pass;
  }
  if (startup.staleBuild)
    io().err(`note: ${startup.staleBuild} is newer than the build; run npm run build\n`);
  println(
    `cli bench: ${startup.bin}, median of ${startup.runs} runs on ${model.machine.cpuModel} (${model.machine.cpus} CPUs, node ${model.machine.node})`,
  );
  for (const t of startup.timings) {
    const target =
      t.targetSeconds === null ? '' : `target <= ${t.targetSeconds} s  ${t.pass ? 'ok' : 'MISSED'}`;
    println(
      `  ${(LABELS[t.name] ?? t.name).padEnd(66)} ${t.medianSeconds.toFixed(3)} s  ${t.ratioToNode.toFixed(1).padStart(5)}× node  ${target}`,
    );
  }
  println(
    `  ${`warm in-process sweep (paper sweep, best of ${model.repeats} runs)`.padEnd(66)} ${Math.round(warm.pointsPerS)} points/s  target >= ${warm.targetPointsPerS}  ${warm.pass ? 'ok' : 'MISSED'}`,
  );
  println(pass ? 'cli bench: pass' : 'cli bench: FAIL');
  return pass;
}
