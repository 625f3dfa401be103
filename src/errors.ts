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

/** How a message names an option: the library writes the option's own name (`nfps`); the CLI its flag (`--nfps`). */
export type OptionNamer = (option: string) => string;

/** The library's naming: an option or field by its own name. */
export const optionName: OptionNamer = (option) => option;

/** A value shown as given (a path, `WxH`, a camera spec), not quoted as JSON. */
export class Verbatim {
  constructor(readonly text: string) {}
}

/** Shows `text` as given in an OptionError (`camera 7: …`, not `camera "7": …`). */
export function verbatim(text: string): Verbatim {
  return new Verbatim(text);
}

/** What an OptionError expected; a function when the wording names other options (`or mesh FILE.obj`). */
export type OptionWording = string | ((name: OptionNamer) => string);

/**
 * A bad value of a library option or field, named by the option (`nfps`, `maxPoints`, `camera`), never by a CLI flag:
 * `message` reads `nfps -4: expected …`. The CLI prints `render(flagName)`, which names its flag instead
 * (`--nfps -4: expected …`); a design-point file blames its JSON path (`p.json: $.nfps = -4: expected …`).
 */
export class OptionError extends NgpcInputError {
  constructor(
    /** The option or field, as the library names it. */
    readonly option: string,
    /** The offending value (shown as JSON unless wrapped by `verbatim`); undefined when there is none to show. */
    readonly value: unknown,
    private readonly wording: OptionWording,
  ) {
    super('');
    this.message = this.render(optionName);
  }

  /** A message in free words that still names its options through `name` (`app gia needs exactly one of …`). */
  static worded(option: string, words: (name: OptionNamer) => string): OptionError {
    return new WordedOptionError(option, words);
  }

  /** What was expected, with other options named by `name`. */
  expected(name: OptionNamer = optionName): string {
    return typeof this.wording === 'string' ? this.wording : this.wording(name);
  }

  /** The value as messages show it: verbatim text, or compact JSON. */
  shownValue(): string {
    return this.value instanceof Verbatim ? this.value.text : showValue(this.value);
  }

  /** The whole message, with every option named by `name`. */
  render(name: OptionNamer): string {
    const what = this.value === undefined ? name(this.option) : `${name(this.option)} ${this.shownValue()}`;
    return `${what}: ${this.expected(name)}`;
  }
}

class WordedOptionError extends OptionError {
  constructor(option: string, words: (name: OptionNamer) => string) {
    super(option, undefined, words);
  }

  override render(name: OptionNamer): string {
    return this.expected(name);
  }
}

/** A bad command-line flag value (CLI only; library code throws OptionError). */
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
