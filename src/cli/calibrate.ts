// `ngpc calibrate`: fits the baseline-GPU efficiencies to the paper's RTX 3090 profile (docs/sources.md#paper-2 only).
import { clearGpuCache, gpuPresetPath } from '../config/gpu.ts';
import { rewriteJsonFile } from '../io/write.ts';
import { calibrate, calibrationBlock } from '../model/gpu/calibrate.ts';
import { calibrationText } from '../report/calibrationText.ts';
import type { CommandBody } from './commandBody.ts';
import { printJson, println } from './io.ts';
import { withJson } from './options.ts';

export const calibrateCommand: CommandBody<{ gpu: string; targets?: string; write: boolean; json: boolean }> =
  {
    builder: (y) =>
      withJson(y)
        .option('gpu', {
          type: 'string',
          default: 'rtx3090',
          describe: 'GPU preset the targets were measured on',
        })
        .option('targets', {
          type: 'string',
          describe: 'calibration-targets file (default configs/calibration/rtx3090-paper.json)',
        })
        .option('write', {
          type: 'boolean',
          default: false,
          describe: 'write the fit into configs/gpus/<gpu>.json',
        })
        .example(
          '$0 calibrate --gpu rtx3090 --write',
          'refit and record efficiencies, targets and residuals',
        ),
    handler: (argv) => {
      const result = calibrate(argv.gpu, { targetsFile: argv.targets });
      if (argv.write) {
        rewriteJsonFile(gpuPresetPath(argv.gpu), (raw) => {
          raw.efficiencies = calibrationBlock(result);
        });
        clearGpuCache();
        result.written = true;
      }
      if (result.residuals.some((r) => !r.pass)) process.exitCode = 1;
      if (argv.json) return printJson(result);
      println(calibrationText(result));
    },
  };
