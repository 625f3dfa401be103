// Typed errors: bad input (exit 2) versus runtime failure (exit 1), shared by the library and the CLI.

/** Bad input from a user: a config, a flag or a file. The CLI prints `message` and exits with code 2. */
export class NgpcInputError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** One problem in a config file, located by its JSON path. */
export interface ConfigIssue {
  /** JSON path such as `$.l2.bytes`. */
  path: string;
  /** What was expected, e.g. `expected a byte size such as "6 MiB"`. */
  message: string;
  /** The offending value, if there is one. */
  value?: unknown;
}

/** Every issue in one config file; each renders as one line `file: $.path = value: expected …`. */
export class ConfigError extends NgpcInputError {
  constructor(
    readonly file: string,
    readonly issues: ConfigIssue[],
  ) {
    super(issues.map((issue) => formatConfigIssue(file, issue)).join('\n'));
  }
}

export function formatConfigIssue(file: string, issue: ConfigIssue): string {
  const shown = issue.value === undefined ? '' : ` = ${showValue(issue.value)}`;
  return `${file}: ${issue.path}${shown}: ${issue.message}`;
}

/** A bad command-line flag value. */
export class FlagError extends NgpcInputError {
  constructor(flag: string, value: unknown, expected: string) {
    super(`--${flag} ${showValue(value)}: ${expected}`);
  }
}

/** No WebGPU adapter could be obtained; the message says what was tried and what to install. */
export class NoAdapterError extends Error {
  readonly exitCode = 1;
  constructor(message: string) {
    super(message);
    this.name = 'NoAdapterError';
  }
}

/** An internal bug: exits 1 with the stack under --verbose. */
export function invariant(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`internal error: ${message}`);
}

/** Compact, single-line rendering of a JSON-ish value for error messages. */
export function showValue(value: unknown): string {
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value); // NaN from a non-numeric flag
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
