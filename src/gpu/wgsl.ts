// WGSL composition: typed constants rendered as `const` lines, `//!include` of shared helpers, from kernels/.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { invariant } from '../errors.ts';

/** The kernels/ folder of this package. */
export const KERNELS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../kernels');

/** A typed WGSL constant. Use the helpers: `u32(5)`, `i32(-1)`, `f32(0.5)`, `bool(true)`. */
export type WgslConstant =
  | { type: 'u32'; value: number }
  | { type: 'i32'; value: number }
  | { type: 'f32'; value: number }
  | { type: 'bool'; value: boolean };
export type WgslConstants = Record<string, WgslConstant>;

export const u32 = (value: number): WgslConstant => ({ type: 'u32', value });
export const i32 = (value: number): WgslConstant => ({ type: 'i32', value });
export const f32 = (value: number): WgslConstant => ({ type: 'f32', value });
export const bool = (value: boolean): WgslConstant => ({ type: 'bool', value });

/** Renders one constant as a WGSL literal; f32 values are rounded to f32 first, so the text is exact. */
export function wgslLiteral(c: WgslConstant): string {
  switch (c.type) {
    case 'bool':
      return c.value ? 'true' : 'false';
    case 'u32':
      invariant(
        Number.isInteger(c.value) && c.value >= 0 && c.value <= 0xffffffff,
        `u32 out of range: ${c.value}`,
      );
      return `${c.value}u`;
    case 'i32':
      invariant(Number.isInteger(c.value) && Math.abs(c.value) <= 0x7fffffff, `i32 out of range: ${c.value}`);
      return `${c.value}i`;
    case 'f32': {
      const v = Math.fround(c.value);
      invariant(Number.isFinite(v), `f32 constant must be finite: ${c.value}`);
      // JS shortest round-trip text of an f32-representable double parses back to the same f32.
      const text = String(v);
      return `${/[.e]/.test(text) ? text : `${text}.0`}f`;
    }
  }
}

/** `const NAME: type = literal;` lines, sorted by name so the text (and the cache key) is stable. */
export function renderConstants(constants: WgslConstants): string {
  return Object.keys(constants)
    .sort()
    .map((name) => {
      invariant(/^[A-Z_][A-Z0-9_]*$/.test(name), `WGSL constant names are UPPER_SNAKE: ${name}`);
      const c = constants[name]!;
      return `const ${name}: ${c.type} = ${wgslLiteral(c)};`;
    })
    .join('\n');
}

const fileCache = new Map<string, string>();

function readKernelFile(name: string): string {
  const path = join(KERNELS_DIR, name);
  let text = fileCache.get(path);
  if (text === undefined) {
    text = readFileSync(path, 'utf8');
    fileCache.set(path, text);
  }
  return text;
}

/** Inlines `//!include "file.wgsl"` lines (each file once), recursively. */
export function resolveIncludes(name: string, seen = new Set<string>()): string {
  if (seen.has(name)) return '';
  seen.add(name);
  return readKernelFile(name)
    .split('\n')
    .map((line) => {
      const m = /^\s*\/\/!include\s+"([^"]+)"\s*$/.exec(line);
      return m ? resolveIncludes(m[1]!, seen) : line;
    })
    .join('\n');
}

/** The full WGSL text of a kernel: generated constants, then the kernel with its includes. */
export function composeKernel(name: string, constants: WgslConstants = {}): string {
  const body = resolveIncludes(name);
  // WGSL requires `enable` directives (e.g. `enable f16;`) before any declaration: hoist them above the constants.
  const enableLine = /^[ \t]*enable[ \t]+[\w, \t]+;[ \t]*$/gm;
  const enables = [...new Set((body.match(enableLine) ?? []).map((l) => l.trim()))];
  const rest = body.replace(enableLine, '');
  return `${enables.map((l) => `${l}\n`).join('')}// ngpc: ${name}\n${renderConstants(constants)}\n${rest}`;
}
