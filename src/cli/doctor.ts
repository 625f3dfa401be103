// `ngpc doctor`: which WebGPU adapter this machine offers and what it can do.
import { doctor } from '../gpu/doctor.ts';
import type { CommandBody } from './commandBody.ts';
import { printJson, println } from './io.ts';
import { withJson } from './options.ts';

export const doctorCommand: CommandBody<{ json: boolean }> = {
  builder: (y) => withJson(y).example('$0 doctor --json', 'adapter description and limits as JSON'),
  handler: async (argv) => {
    const report = await doctor();
    if (!report.ok) process.exitCode = 1;
    if (argv.json) return printJson(report);
    if (report.adapter) {
      const a = report.adapter;
      println(`adapter      ${a.name}`);
      println(
        `vendor       ${a.vendor || '-'}   architecture ${a.architecture || '-'}   device ${a.device || '-'}`,
      );
      println(`software     ${a.isSoftware ? 'yes (timings say nothing about a real GPU)' : 'no'}`);
      if (a.icd) println(`vulkan icd   ${a.icd}`);
      println(`features     ${report.features.join(', ')}`);
      for (const [k, v] of Object.entries(report.limits)) println(`${k.padEnd(36)} ${v}`);
      const { minSize, maxSize } = report.subgroups;
      println(`subgroups    ${minSize === null ? 'size not reported' : `size ${minSize}..${maxSize}`}`);
      const configs = report.subgroupMatrixConfigs.map(
        (c) => `${c.componentType}->${c.resultComponentType} ${c.M}x${c.N}x${c.K}`,
      );
      println(`subgroup matrices  ${configs.length > 0 ? configs.join(', ') : 'none offered'}`);
    } else {
      println(`no adapter\n${report.problem}`);
    }
    println(`node         ${report.node} (${report.platform})`);
    println(
      `packages     ${Object.entries(report.packages)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );
  },
};
