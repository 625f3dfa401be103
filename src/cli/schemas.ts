// `ngpc schemas`: writes the JSON Schemas of every config kind to configs/schema/ (or checks them).
import { writeConfigSchemas } from '../config/schemaFiles.ts';
import type { CommandBody } from './commandBody.ts';
import { printJson, println } from './io.ts';
import { withJson } from './options.ts';

export const schemasCommand: CommandBody<{ out: string; check: boolean; json: boolean }> = {
  builder: (y) =>
    withJson(y)
      .option('out', { type: 'string', default: 'configs/schema', describe: 'output folder' })
      .option('check', {
        type: 'boolean',
        default: false,
        describe: 'write nothing; exit 1 if a schema is stale',
      })
      .example('$0 schemas --check', 'fail if configs/schema/ is out of date'),
  handler: (argv) => {
    const statuses = writeConfigSchemas(argv.out, { check: argv.check });
    const bad = statuses.filter((s) => s.status === 'stale' || s.status === 'missing');
    if (argv.check && bad.length > 0) process.exitCode = 1;
    if (argv.json) return printJson(statuses);
    for (const s of statuses) println(`${s.status.padEnd(8)} ${s.file}`);
    if (argv.check && bad.length > 0) println('run `ngpc schemas` to regenerate');
  },
};
