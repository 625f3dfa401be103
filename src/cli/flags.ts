// The one place library option names become command-line flags: `maxPoints` → `--max-points`.
import { type NgpcInputError, OptionError } from '../errors.ts';

/** The flag of a library option: its name in kebab case after two dashes (`sramPolicy` → `--sram-policy`). */
export function flagName(option: string): string {
  return `--${option.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** The line the CLI prints for a bad-input error: options named as the flags that set them. */
export function inputErrorText(e: NgpcInputError): string {
  return e instanceof OptionError ? e.render(flagName) : e.message;
}
