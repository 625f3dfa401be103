// Records a measured rest-of-frame fusion factor in configs/frame/pipeline.json beside the paper's, without changing the model's.
import { readFileSync } from 'node:fs';
import { NgpcInputError } from '../../errors.ts';
import { writeFileAtomic } from '../../io/write.ts';
import type { NerfFusionBenchResult } from './nerfFusionBench.ts';

/** The config key the measurement goes under; the model keeps reading `restFusionSpeedup` (docs/sources.md#paper-4: 9.94×). */
export const MEASURED_FUSION_KEY = 'measuredRestFusionSpeedup';

/** The `value`/`source` entry of a measurement, naming the adapter, the frame and the workload. */
export function measuredFusionEntry(r: NerfFusionBenchResult): { value: number; source: string } {
  return {
    value: Number(r.restFusionSpeedup.toPrecision(4)),
    source:
      `measured: adapter ${r.adapter}${r.software ? ' (software: not a real GPU)' : ''}; ngpc bench apps, NeRF ${r.scene} ` +
      `${r.widthPx}x${r.heightPx}, ${r.samplesPerPixel.toFixed(1)} samples/pixel, ${r.unfusedRounds} rounds: unfused rest ` +
      `stages ${(r.unfusedRestReplayS * 1e3).toFixed(1)} ms vs fused rest kernel ${(r.fusedRestS * 1e3).toFixed(1)} ms, ` +
      'both replaying recorded network outputs ' +
      `(whole frame fused/unfused ${r.frameSpeedup.toFixed(2)}x). Not used by the model: restFusionSpeedup stays the paper's value`,
  };
}

/**
 * Writes (or replaces) the measured entry in the frame config text, right after `restFusionSpeedup`, leaving every other
 * line as it is. Atomic.
 */
export function writeMeasuredFusion(path: string, r: NerfFusionBenchResult): void {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
    JSON.parse(text);
  } catch (e) {
    throw new NgpcInputError(`${path}: cannot read the frame config (${(e as Error).message})`);
  }
  const block = `  "${MEASURED_FUSION_KEY}": ${JSON.stringify(measuredFusionEntry(r), null, 2).replace(/\n/g, '\n  ')},\n`;
  const existing = new RegExp(`  "${MEASURED_FUSION_KEY}": \\{[^}]*\\},\\n`);
  if (existing.test(text)) {
    text = text.replace(existing, block);
  } else {
    const anchor = text.indexOf('  "restFusedDramFraction"');
    if (anchor < 0)
      throw new NgpcInputError(`${path}: no "restFusedDramFraction" key to insert the measurement before`);
    text = text.slice(0, anchor) + block + text.slice(anchor);
  }
  JSON.parse(text);
  writeFileAtomic(path, text);
}
