// Config text to data: JSON as instant-ngp reads it (`//` and `/* */` comments allowed), or YAML by extension.
import { createRequire } from 'node:module';

/** Extensions read as YAML (Timeloop/Accelergy users write their configs in YAML). */
export const YAML_EXTENSIONS = ['.yaml', '.yml'] as const;

export function isYamlFile(file: string): boolean {
  const lower = file.toLowerCase();
  return YAML_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/**
 * The text with comments blanked to spaces (newlines kept), so JSON.parse positions still point into the file.
 * Strings are respected: `"http://x"` keeps its slashes. instant-ngp parses with nlohmann's `ignore_comments`.
 */
export function stripJsonComments(text: string): string {
  let out = '';
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === '"') {
      const start = i++;
      while (i < n && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i++;
      out += text.slice(start, i);
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < n && text[i] !== '\n') {
        out += ' ';
        i++;
      }
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      out += text.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** The `yaml` package is missing (an install without it): said as such, not as a syntax error. */
export class YamlUnavailableError extends Error {
  constructor() {
    super('reading YAML needs the "yaml" package, which is not installed (run npm install)');
    this.name = 'YamlUnavailableError';
  }
}

let yamlModule: { parse(text: string, opts?: object): unknown } | undefined;

/** Parses YAML (the `yaml` package, loaded on first use so JSON-only runs never pay for it). */
export function parseYaml(text: string): unknown {
  try {
    yamlModule ??= createRequire(import.meta.url)('yaml') as typeof yamlModule;
  } catch {
    throw new YamlUnavailableError();
  }
  // YAML 1.2 core schema: no `yes`/`no` booleans or sexagesimal numbers surprising a config author.
  return yamlModule!.parse(text, { schema: 'core', uniqueKeys: true });
}

/** Parses config text: YAML for .yaml/.yml, else JSON with comments. Throws the parser's own error. */
export function parseConfigText(text: string, file: string): unknown {
  if (isYamlFile(file)) return parseYaml(text);
  try {
    return JSON.parse(text);
  } catch (e) {
    // Only comment-bearing text takes the slower path; its errors keep their positions (comments became spaces).
    if (!text.includes('/')) throw e;
    return JSON.parse(stripJsonComments(text));
  }
}
