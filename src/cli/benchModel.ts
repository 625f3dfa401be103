// The `model` suite of `ngpc bench`: times the 900-point paper sweep (cold and warm) against issue 4's targets.
import { benchModelSweep } from '../model/frame/sweep/benchSweep.ts';
import { printJson, println } from './io.ts';

export async function runModelBench(opts: { json: boolean }): Promise<boolean> {
  const r = benchModelSweep();
  if (opts.json) printJson(r);
  else {
    println(
      `model bench on ${r.machine.cpuModel} (${r.machine.cpus} CPUs, node ${r.machine.node}), no GPU used`,
    );
    println(
      `paper sweep ${r.points} points: cold ${r.coldSeconds.toFixed(3)} s (target < ${r.targets.coldSeconds} s), ` +
        `warm ${r.warmSeconds.toFixed(3)} s = ${Math.round(r.pointsPerS)} points/s (target >= ${r.targets.pointsPerS})`,
    );
    println(r.pass ? 'model bench: pass' : 'model bench: FAIL');
  }
  return r.pass;
}
