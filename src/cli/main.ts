// The single CLI error boundary: parses with yargs, runs one command, maps errors to exit codes (0/1/2).
import yargs from 'yargs';
import { NgpcInputError, NoAdapterError } from '../errors.ts';
import { COMMANDS, commandName } from './commands.ts';
import { inputErrorText } from './flags.ts';
import { type CliIo, io, processIo, setIo } from './io.ts';

/** Runs the CLI on `argv` (without node and script); returns the exit code. Never calls process.exit. */
export async function runCli(argv: string[], cliIo: CliIo = processIo): Promise<number> {
  setIo(cliIo);
  process.exitCode = undefined;
  const verbose = argv.includes('--verbose');
  let parser = yargs(argv)
    .scriptName('ngpc')
    .usage(
      '$0 <command> [options]\n\nArchitectural model of the NGPC neural-graphics accelerator, with WebGPU kernels.',
    )
    .option('verbose', { type: 'boolean', default: false, describe: 'show stacks of internal errors' })
    .demandCommand(1, 'name a command; see ngpc --help')
    .recommendCommands()
    .strict()
    .wrap(Math.min(110, process.stdout.columns || 110))
    .epilogue('Exit codes: 0 ok, 1 runtime failure, 2 bad input. Docs: README.md, docs/model.md')
    .exitProcess(false)
    .fail((msg, err) => {
      // yargs' own validation (unknown flag, missing argument) is bad input; errors from handlers pass through.
      if (err) throw err;
      throw new NgpcInputError(`${msg}\n(see ngpc --help)`);
    })
    .help()
    .version();
  // Only the command being run is imported; the others are registered by name and description for --help and
  // typo suggestions (their stub handler is never reached: yargs runs the command named first).
  const requested = argv.find((a) => !a.startsWith('-'));
  for (const entry of COMMANDS) {
    const { command, describe } = entry;
    parser =
      commandName(entry) === requested
        ? parser.command({ ...(await entry.load()), command, describe })
        : parser.command({ command, describe, handler: notLoaded });
  }
  let helpText = '';
  try {
    await parser.parseAsync(argv, {}, (err, _parsed, output) => {
      if (output && !err) helpText = output;
      if (err) throw err;
    });
    if (helpText) io().out(`${helpText}\n`);
    const code = process.exitCode;
    return typeof code === 'number' ? code : Number(code ?? 0);
  } catch (e) {
    return reportError(e, verbose);
  } finally {
    process.exitCode = undefined;
  }
}

function notLoaded(): never {
  throw new Error('internal: a command ran without its module loaded');
}

function reportError(e: unknown, verbose: boolean): number {
  if (e instanceof NgpcInputError) {
    io().err(`ngpc: ${inputErrorText(e)}\n`);
    return 2;
  }
  if (e instanceof NoAdapterError) {
    io().err(`ngpc: ${e.message}\n`);
    return 1;
  }
  const err = e instanceof Error ? e : new Error(String(e));
  io().err(
    `ngpc: ${verbose ? (err.stack ?? err.message) : `${err.message.split('\n')[0]} (run with --verbose for the stack)`}\n`,
  );
  return 1;
}
