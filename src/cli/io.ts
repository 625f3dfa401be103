// Where CLI output goes: process streams normally, captured buffers in tests.
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** True when stderr is a terminal (progress bars are shown only then, and never under CI). */
  isTty: boolean;
}

export const processIo: CliIo = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  isTty: Boolean(process.stderr.isTTY) && !process.env.CI,
};

let current: CliIo = processIo;

export function io(): CliIo {
  return current;
}

export function setIo(next: CliIo): void {
  current = next;
}

/** Prints a value as JSON on stdout (the `--json` contract: machine-readable, nothing else on stdout). */
export function printJson(value: unknown): void {
  current.out(`${JSON.stringify(value, null, 2)}\n`);
}

export function println(text = ''): void {
  current.out(`${text}\n`);
}
