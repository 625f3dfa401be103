// Runs the CLI in-process and captures stdout, stderr and the exit code.
import { runCli } from '../../src/cli/main.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(...argv: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    out: (t) => {
      stdout += t;
    },
    err: (t) => {
      stderr += t;
    },
    isTty: false,
  });
  return { code, stdout, stderr };
}

/** Where a render or profile reads its model and writes its result. */
export interface ModelRun {
  app: string;
  model: string;
  /** WxH, as the flag takes it. */
  resolution: string;
  out: string;
}

/** `ngpc render|profile --app A --model M --resolution WxH --out O [...extra]`. */
export function cliOnModel(
  command: 'render' | 'profile',
  r: ModelRun,
  ...extra: string[]
): Promise<CliResult> {
  return cli(
    command,
    '--app',
    r.app,
    '--model',
    r.model,
    '--resolution',
    r.resolution,
    '--out',
    r.out,
    ...extra,
  );
}
