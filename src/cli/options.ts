// Shared CLI options as composable yargs builders.
import type { Argv } from 'yargs';

export function withJson<T>(y: Argv<T>) {
  return y.option('json', { type: 'boolean', default: false, describe: 'machine-readable JSON on stdout' });
}

export function withOut<T>(y: Argv<T>, describe = 'output file') {
  return y.option('out', { type: 'string', describe });
}
